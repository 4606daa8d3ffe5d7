"""What a learner's first designs taught the review: a service behind a load balancer and a
webhook a provider calls are extension points; an ordered stream hands its order on; what
the file does not state is "not stated", not "no"; and "Fails halfway?" answers the
question asked, a request stopped partway, not only whole failures."""

from __future__ import annotations

from archdraw.cost import load_prices
from archdraw.library import Library
from archdraw.review import build_review, render_markdown
from archdraw.review.model import Review

BEHIND_A_BALANCER = """
archdraw: 1
name: image generation
components:
  - {id: users, type: client, props: {rps: 20}}
  - {id: lb, type: load_balancer, props: {rate_limit: 50}}
  - {id: api, type: service, label: Generate API, props: {replicas: 2}}
  - {id: files, type: object_storage, label: Images}
  - {id: db, type: database, label: Jobs DB, props: {replicas: 2}}
  - {id: psp, type: external_api, label: Payment provider}
  - {id: hooks, type: service, label: Payment webhooks, props: {auth: true, versioned: true}}
links:
  - {from: users, to: lb}
  - {from: lb, to: api}
  - {from: api, to: files, props: {writes: true}}
  - {from: api, to: db, props: {writes: true}}
  - {from: psp, to: hooks}
  - {from: hooks, to: db, props: {writes: true}}
"""


def review(load_text, library: Library, text: str) -> Review:  # type: ignore[no-untyped-def]
    return build_review(load_text(text).design, library, load_prices())


def test_what_callers_reach_through_a_load_balancer_or_a_webhook_is_an_extension_point(
    load_text, library
) -> None:  # type: ignore[no-untyped-def]
    section = review(load_text, library, BEHIND_A_BALANCER).section("plug")
    # Lint says clients reach Generate API (AD302): the review does not answer "none".
    assert section.rows == [
        ("Generate API", "service", "not stated", "50/s per client, at lb", "NO"),
        ("Payment webhooks", "service", "yes", "NO", "yes"),
    ]
    assert section.answer == (
        "2 extension points; 2 lack authentication, a rate limit or a versioned contract: "
        "Generate API, Payment webhooks."
    )
    lacks = [i.text for i in section.items if i.code is None]
    assert lacks == [
        "Generate API has no versioned contract (`versioned`) and authentication not stated "
        "(`auth`)",
        "Payment webhooks has no rate limit (`rate_limit`)",
    ]


def test_nothing_calling_in_is_said_as_such(load_text, library) -> None:  # type: ignore[no-untyped-def]
    design = "archdraw: 1\nname: batch\ncomponents:\n  - {id: job, type: worker}\n"
    assert review(load_text, library, design).section("plug").answer == (
        "No extension point: nothing outside calls in, and nothing is marked `public`."
    )
    gated = (
        "archdraw: 1\nname: api\ncomponents:\n  - {id: gw, type: api_gateway,"
        " props: {auth: true, rate_limit: 10, versioned: true}}\n"
    )
    assert review(load_text, library, gated).section("plug").answer == (
        "1 extension point; none lacks authentication, a rate limit or a versioned contract."
    )


def test_fails_halfway_names_a_request_left_half_done(load_text, library) -> None:  # type: ignore[no-untyped-def]
    fails = review(load_text, library, BEHIND_A_BALANCER).section("fails")
    # AD403: Generate API writes Images and Jobs DB in one request.
    assert fails.answer.endswith(
        "Stopped partway: 1 finding of work left half done or done twice (AD403)."
    )


def test_fails_halfway_says_what_it_rests_on_when_nothing_is_found(load_text, library) -> None:  # type: ignore[no-untyped-def]
    design = """
archdraw: 1
name: billing
components:
  - {id: app, type: client, props: {rps: 200}}
  - {id: api, type: service, props: {replicas: 2}}
  - {id: db, type: database, props: {replicas: 2, failover: active-standby}}
  - {id: psp, type: external_api, label: Payment provider}
links:
  - {from: app, to: api}
  - {from: api, to: db, props: {writes: true}}
  - {from: api, to: psp, label: charge}
"""
    answer = review(load_text, library, design).section("fails").answer
    assert answer.endswith(
        "Stopped partway: nothing found; no call is marked `side_effect` (it charges, sends "
        "or ships) and no service states a `compensation`."
    )
    charged = design.replace("label: charge}", "label: charge, props: {side_effect: true}}")
    answer = review(load_text, library, charged).section("fails").answer
    # The charge, then the record: the user's retry charges again (AD416), and a failure
    # between the two leaves a charge with no record (AD415).
    assert answer.endswith("Stopped partway: 2 to check (AD415, AD416, info).")
    keyed = charged.replace("side_effect: true", "side_effect: true, idempotency_key: true")
    answer = review(load_text, library, keyed).section("fails").answer
    assert answer.endswith("Stopped partway: 1 safeguard stated.")
    # Stated that the call changes nothing outside: nothing to find, and said so.
    plain = design.replace("label: charge}", "label: charge, props: {side_effect: false}}")
    answer = review(load_text, library, plain).section("fails").answer
    assert answer.endswith("Stopped partway: nothing found.")


def test_no_asynchronous_path_says_what_is_left_to_race(load_text, library) -> None:  # type: ignore[no-untyped-def]
    order = review(load_text, library, BEHIND_A_BALANCER).section("order")
    assert order.answer == (
        "No asynchronous path: no message can arrive late, twice or out of turn. No write is "
        "marked `read_modify_write` (3 writing links): concurrent requests to one record are "
        "safe if each write is applied in place (an insert, an increment), not read, changed "
        "and written back."
    )


def test_an_ordered_stream_hands_its_order_to_a_consumer_that_cannot_state_one(
    load_text, library
) -> None:  # type: ignore[no-untyped-def]
    design = """
archdraw: 1
name: file sync
components:
  - {id: meta, type: service}
  - {id: changes, type: stream,
     props: {partition_key: namespace_id, ordered: true, dead_letter: true}}
  - {id: notifier, type: realtime_gateway}
links:
  - {from: meta, to: changes, kind: async, props: {writes: true}}
  - {from: changes, to: notifier, kind: async}
"""
    order = review(load_text, library, design).section("order")
    # A push gateway takes no `idempotent`: not a "no", and no "0 of 0 consumers".
    assert ("changes → notifier", "yes, per namespace_id", "n/a", "yes") in order.rows
    assert order.answer.startswith(
        "2 asynchronous links carry data: 2 ordered, 2 with a dead-letter path;"
    )


def test_markdown_leaves_one_blank_line_after_a_section_without_items(load_text, library) -> None:  # type: ignore[no-untyped-def]
    design = "archdraw: 1\nname: batch\ncomponents:\n  - {id: job, type: worker}\n"
    text = render_markdown(review(load_text, library, design))
    assert "\n\n\n" not in text


def test_requests_lost_say_they_are_counted_before_the_peak(load_text, library) -> None:  # type: ignore[no-untyped-def]
    # Grows counts rps x peak_factor (15,000 req/s), the failure table the stated 5,000:
    # the same traffic under two figures, so the review says which is which.
    design = """
archdraw: 1
name: metering
components:
  - {id: metered, type: client, label: Metered services, props: {rps: 5000, peak_factor: 3}}
  - {id: ingest, type: service, props: {capacity_rps: 20000}}
links:
  - {from: metered, to: ingest}
"""
    built = review(load_text, library, design)
    assert built.section("grows").rows[0][1] == "15,000 req/s"
    fails = built.section("fails")
    assert fails.rows[0][1] == "100.0% (5,000 req/s)"
    assert (
        "requests lost are counted at the clients' stated `rps`; at their peaks (Metered "
        "services x3) the same failure loses up to that many times more per second (the loads "
        "under Grows 10x? are the peaks)"
    ) in [i.text for i in fails.items]
    flat = review(load_text, library, design.replace(", peak_factor: 3", ""))
    assert not [i for i in flat.section("fails").items if "peaks" in i.text]


def test_a_design_over_capacity_today_is_not_called_within_budget(load_text, library) -> None:  # type: ignore[no-untyped-def]
    # 27 jobs/s for 40 GPUs of 0.1 jobs/s each: the 1x estimate prices the 40 drawn.
    design = """
archdraw: 1
name: image generation
cost: {budget_month: 60000}
components:
  - {id: web, type: client, props: {rps: 27}}
  - {id: gpu, type: service, label: GPU workers,
     props: {replicas: 40, capacity_rps: 0.1, price_per_hour: 1.2}}
links:
  - {from: web, to: gpu}
"""
    cost = review(load_text, library, design).section("cost")
    assert (
        "At 1x, GPU workers cannot carry today's load as drawn (over capacity, see Grows): the "
        "1x figure prices the machines drawn, not the ones the load needs, so it is a floor."
    ) in cost.answer
    [budget] = [i for i in cost.items if "budget" in i.text]
    assert budget.severity == "warning"
    assert budget.text == (
        "$35,040/month is within the design's budget of $60,000, but only as drawn: GPU "
        "workers cannot carry today's load, so the figure is a floor; it is passed by 2x "
        "traffic ($676,272/month)"
    )
    fits = review(load_text, library, design.replace("rps: 27", "rps: 2")).section("cost")
    assert "floor" not in fits.answer.split("at 10x.")[0]
    # Within budget today, and where on the curve growth passes it.
    [budget] = [i for i in fits.items if "budget" in i.text]
    assert (budget.severity, budget.text) == (
        "info",
        "$35,040/month is within the design's budget of $60,000; it is passed by 5x traffic "
        "($125,268/month)",
    )


def test_a_store_behind_a_cdn_is_not_an_extension_point_but_a_service_is(
    load_text, library
) -> None:  # type: ignore[no-untyped-def]
    design = """
archdraw: 1
name: images
components:
  - {id: web, type: client, props: {rps: 10}}
  - {id: cdn, type: cdn, label: Image CDN}
  - {id: images, type: object_storage, label: Generated images}
  - {id: lb, type: load_balancer}
  - {id: api, type: service, label: Jobs API, props: {auth: true, versioned: true}}
links:
  - {from: web, to: cdn}
  - {from: cdn, to: images}
  - {from: web, to: lb}
  - {from: lb, to: api}
"""
    section = review(load_text, library, design).section("plug")
    # Files served through a CDN are its URLs, not an API; lint still asks who reads them.
    assert section.rows == [("Jobs API", "service", "yes", "NO", "yes")]
    assert {"AD201", "AD302"} <= {i.code for i in section.items}
    # The limit can go on the load balancer in front (AD201's fix): said so.
    assert [i.text for i in section.items if i.code is None] == [
        "Jobs API has no rate limit (`rate_limit`, on it or on the way in)"
    ]


def test_offline_writes_are_late_data_even_without_an_asynchronous_path(load_text, library) -> None:  # type: ignore[no-untyped-def]
    # "No message can arrive late" was said beside "they reach the servers late".
    design = """
archdraw: 1
name: file sync
components:
  - {id: desk, type: client, props: {rps: 300}}
  - {id: folder, type: device_cache, label: Local folder, props: {offline_writes: true}}
  - {id: api, type: service, props: {replicas: 2}}
  - {id: db, type: database}
links:
  - {from: desk, to: folder}
  - {from: folder, to: api}
  - {from: api, to: db, props: {writes: true, read_modify_write: true}}
"""
    order = review(load_text, library, design).section("order")
    assert order.answer == (
        "No asynchronous path, but Local folder takes writes while offline: they reach the "
        "servers late, after writes made later elsewhere. 1 read-modify-write, 1 with no "
        "`concurrency_control` stated: two requests to one record can erase each other's "
        "change (AD418). 1 to check (info)."
    )


def test_a_managed_service_is_not_said_to_run_the_default_replicas(load_text, library) -> None:  # type: ignore[no-untyped-def]
    # SQS is one service the provider runs: no `replicas` default stands in for it.
    design = """
archdraw: 1
name: jobs
components:
  - {id: api, type: service, props: {replicas: 2}}
  - {id: q, type: queue, label: SQS jobs, props: {managed: true}}
  - {id: worker, type: worker}
links:
  - {from: api, to: q, kind: async, props: {writes: true}}
  - {from: q, to: worker, kind: async}
"""
    items = [i for i in review(load_text, library, design).section("assumptions").items]
    [replicas] = [i for i in items if i.text.startswith("`replicas` is not stated")]
    assert replicas.elements == ("worker",)
