"""Work behind a queue or an async link that a failure keeps from completing: the requests
that handed it off completed, so the share of requests lost does not count it; the failure
says it beside them (text, JSON), with the rate it rests on."""

from __future__ import annotations

from pathlib import Path

from archdraw.analysis.report import run_analysis, to_json
from archdraw.analysis.text import render_text
from archdraw.io import load

IMAGE_JOBS = """
components:
  - {id: client, type: client%s}
  - {id: api, type: service, props: {replicas: 2, capacity_rps: 500}}
  - {id: queue, type: queue, props: {replicas: 3, capacity_rps: 5000}}
  - {id: gpu, type: worker, props: {replicas: 10, capacity_rps: 1}}
  - {id: bucket, type: object_storage}
  - {id: mailer, type: service, props: {replicas: 2}}
  - {id: smtp, type: external_api}
links:
  - {from: client, to: api}
  - {from: api, to: queue, kind: async, props: {calls: 0.05}}
  - {from: api, to: bucket, props: {calls: 0.045}}
  - {from: api, to: mailer, kind: async, props: {calls: 0.1}}
  - {from: mailer, to: smtp}
  - {from: queue, to: gpu, kind: async}
  - {from: gpu, to: bucket, props: {writes: true%s}}
"""
RPS = ", props: {rps: 100}"


def _run(design_of, library, rps: str = RPS, calls: str = "", **failed):  # type: ignore[no-untyped-def]
    report = run_analysis(design_of(IMAGE_JOBS % (rps, calls)), library, **failed)
    return report, render_text(report, growth_asked=False), to_json(report)["failure"]


def test_a_lost_bucket_stalls_the_jobs_its_workers_write_there(design_of, library) -> None:
    report, text, data = _run(design_of, library, fail=["bucket"])
    assert report.failure is not None
    # The requests lost are those that read the bucket themselves: 4.5 %, as before.
    assert round(data["lost_share"], 3) == 0.045
    assert (
        "jobs from api stall in queue: their worker gpu cannot write to bucket "
        "(5/s at the stated rates)"
    ) in text
    [work] = data["async_work"]
    assert work["via"] == "queue" and work["consumer"] == "gpu" and work["fate"] == "stalls"
    assert work["share"] == 1.0 and round(work["stuck_rps"], 6) == 5.0
    assert work["rate_basis"] == "derived"
    assert work["blocked"] == [{"how": "write to", "id": "bucket"}]


def test_a_lost_queue_loses_the_jobs_sent_to_it(design_of, library) -> None:
    _, text, data = _run(design_of, library, fail=["queue"], all_instances=True)
    assert "jobs from api to queue are lost: queue is down (5/s at the stated rates" in text
    assert [(w["via"], w["fate"]) for w in data["async_work"]] == [("queue", "lost")]


def test_a_worker_that_is_down_stalls_its_jobs(design_of, library) -> None:
    _, text, _ = _run(design_of, library, fail=["gpu"], all_instances=True)
    assert "jobs from api stall in queue: their worker gpu is down" in text


def test_work_sent_straight_over_an_async_link(design_of, library) -> None:
    _, text, data = _run(design_of, library, fail=["smtp"])
    assert (
        "messages api sends to mailer over an async link are lost unless api retries them: "
        "their consumer mailer cannot reach smtp (10/s at the stated rates)"
    ) in text
    assert data["async_work"][0]["fate"] == "lost"


def test_a_share_of_the_jobs(design_of, library) -> None:
    _, text, _ = _run(design_of, library, calls=", calls: 0.5", fail=["bucket"])
    assert "50.0 % of jobs from api stall in queue" in text
    assert "(2.5/s at the stated rates)" in text


def test_work_whose_requests_fail_first_is_not_counted_again(design_of, library) -> None:
    _, text, data = _run(design_of, library, fail=["api"], all_instances=True)
    assert data["lost_share"] == 1.0
    assert data["async_work"] == []
    assert "behind queues" not in text


def test_an_unknown_rate_is_said(design_of, library) -> None:
    _, text, data = _run(design_of, library, rps="", fail=["bucket"])
    assert "rate unknown: no source that reaches it states rps" in text
    assert data["async_work"][0]["rate_basis"] == "unknown"


def test_nothing_failed_behind_a_queue_says_nothing(design_of, library) -> None:
    _, text, data = _run(design_of, library, fail=["client"])
    assert data["async_work"] == []
    assert "behind queues" not in text


def test_the_image_job_queue_sample(library) -> None:
    sample = Path(__file__).parents[2] / "sample_designs" / "ai-job-queue.archdraw.yaml"
    report = run_analysis(load(sample, library).design, library, fail=["results"])
    text = render_text(report, growth_asked=False)
    assert (
        "jobs from job_api stall in image_queue: their worker image_workers cannot write to "
        "results (100/s at the stated rates)"
    ) in text


def test_a_source_without_rps_makes_the_rate_a_lower_bound(design_of, library) -> None:
    body = IMAGE_JOBS % (RPS, "") + "  - {from: partners, to: api}\n"
    body = body.replace("links:", "  - {id: partners, type: client}\nlinks:")
    report = run_analysis(design_of(body), library, fail=["bucket"])
    text = render_text(report, growth_asked=False)
    assert "(at least 5/s: a source states no rps)" in text
    assert to_json(report)["failure"]["async_work"][0]["rate_basis"] == "lower bound"


RELAY = """
components:
  - {id: app, type: client, props: {rps: 100}}
  - {id: api, type: service, props: {replicas: 2, capacity_rps: 500}}
  - {id: events, type: stream, props: {replicas: 3, capacity_rps: 5000}}
  - {id: jobs, type: queue, props: {replicas: 3, capacity_rps: 5000}}
  - {id: thumbs, type: worker, props: {replicas: 2, capacity_rps: %s}}
links:
  - {from: app, to: api}
  - {from: api, to: events, kind: async}
  - {from: events, to: jobs, kind: async}
  - {from: jobs, to: thumbs, kind: async}
"""


def test_a_queue_fed_by_a_stream_leaves_the_messages_in_the_stream(design_of, library) -> None:
    report = run_analysis(design_of(RELAY % 500), library, fail=["jobs"], all_instances=True)
    text = render_text(report, growth_asked=False)
    assert "messages from api stall in events: their consumer jobs is down (100/s" in text
    assert "are lost" not in text  # the stream keeps them: not refused, not counted twice


def test_an_overloaded_worker_leaves_the_rest_waiting(design_of, library) -> None:
    # 100 jobs/s on one of two instances of 60 req/s: it serves 60 % of them.
    report = run_analysis(design_of(RELAY % 60), library, fail=["thumbs"])
    text = render_text(report, growth_asked=False)
    assert "40.0 % of jobs from events stall in jobs: their worker thumbs serves only 60.0 %" in (
        text
    )
    assert to_json(report)["failure"]["async_work"][0]["consumer_serving"] == 0.6


def test_a_link_into_the_queue_without_calls_is_named(design_of, library) -> None:
    report = run_analysis(design_of(RELAY % 500), library, fail=["thumbs"], all_instances=True)
    text = render_text(report, growth_asked=False)
    assert (
        "jobs from events stall in jobs: their worker thumbs is down (100/s at the stated "
        "rates; `calls` not stated on events->jobs: taken as 1 per request)"
    ) in text
    assert to_json(report)["failure"]["async_work"][0]["default_calls"] == ["events->jobs"]
    _, stated, _ = _run(design_of, library, fail=["bucket"])  # api->queue states `calls`
    assert "not stated" not in stated


OUTBOX = """
components:
  - {id: app, type: client, props: {rps: 100}}
  - {id: api, type: service, props: {replicas: 2, capacity_rps: 500}}
  - {id: orders_db, type: database, props: {replicas: 2, failover: active-standby}}
  - {id: relay, type: worker, props: {replicas: 2, capacity_rps: 500}}
  - {id: broker, type: external_api}
links:
  - {from: app, to: api}
  - {from: api, to: orders_db, props: {writes: true, calls: 0.3}}
  - {from: orders_db, to: relay, kind: async}
  - {from: relay, to: broker}
"""


def test_a_stores_changes_wait_in_its_change_stream(design_of, library) -> None:
    report = run_analysis(design_of(OUTBOX), library, fail=["broker"])
    text = render_text(report, growth_asked=False)
    assert (
        "changes to orders_db wait in its change stream: their worker relay cannot reach "
        "broker (30/s at the stated rates; `calls` not stated on orders_db->relay: taken as "
        "1 per write)"
    ) in text
    assert report.failure is not None and report.failure.lost_share == 0.0
