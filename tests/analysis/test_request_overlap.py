"""Calls made by some of a sender's requests: the same requests, different ones, or unstated.

A front end makes four calls for each compose (10 % of its requests each); composes need a
compose service. Taken as independent requests, losing the compose service fails
1 - 0.9^4 = 34.4 % of requests; composes are 10 %.
"""

from __future__ import annotations

import pytest

from archdraw.analysis import run_analysis
from archdraw.analysis.failure import analyze_failure
from archdraw.analysis.graph import build_graph
from archdraw.analysis.overlap import combined_success
from archdraw.analysis.report import to_json
from archdraw.analysis.text import render_text
from archdraw.analysis.weakest import single_points_of_failure, weakest_points


def front_end(parts: str, reads: str = "") -> str:
    """A front end whose four compose calls state `parts` (props text), its reads `reads`."""
    return f"""
components:
  - {{id: users, type: client, props: {{rps: 1000}}}}
  - {{id: front, type: service, props: {{replicas: 2}}}}
  - {{id: timeline, type: service, props: {{replicas: 2}}}}
  - {{id: media, type: service, props: {{replicas: 2}}}}
  - {{id: text, type: service, props: {{replicas: 2}}}}
  - {{id: user, type: service, props: {{replicas: 2}}}}
  - {{id: ids, type: service, props: {{replicas: 2}}}}
  - {{id: compose, type: service, props: {{replicas: 1}}}}
links:
  - {{from: users, to: front}}
  - {{from: front, to: timeline, props: {{calls: 0.9{reads}}}}}
  - {{from: front, to: media, props: {{calls: 0.1{parts}}}}}
  - {{from: front, to: text, props: {{calls: 0.1{parts}}}}}
  - {{from: front, to: user, props: {{calls: 0.1{parts}}}}}
  - {{from: front, to: ids, props: {{calls: 0.1{parts}}}}}
  - {{from: media, to: compose}}
  - {{from: text, to: compose}}
  - {{from: user, to: compose}}
  - {{from: ids, to: compose}}
"""


SAME = front_end(", request: compose", ", request: read")
UNSTATED = front_end("")


def test_calls_naming_the_same_request_fail_together(design_of, library) -> None:
    result = analyze_failure(design_of(SAME), library, ["compose"])
    assert result.lost_share == pytest.approx(0.1)
    assert result.lost_rps == pytest.approx(100.0)
    assert result.assumed is None  # every call says what it is made for


def test_without_request_the_calls_are_independent_and_the_figure_says_so(
    design_of, library
) -> None:
    """The case that brings the 34.4 % back: the same design, `request` left out."""
    result = analyze_failure(design_of(UNSTATED), library, ["compose"])
    assert result.lost_share == pytest.approx(1 - 0.9**4)
    assert result.assumed is not None
    assert result.assumed.calls == {"front": ["ids", "media", "text", "user"]}
    assert (result.assumed.low, result.assumed.high) == (pytest.approx(0.1), pytest.approx(0.4))


def test_calls_naming_different_requests_add_up(design_of, library) -> None:
    body = front_end(", request: compose").replace(
        "{from: front, to: text, props: {calls: 0.1, request: compose}}",
        "{from: front, to: text, props: {calls: 0.1, request: edit}}",
    )
    result = analyze_failure(design_of(body), library, ["compose"])
    assert result.lost_share == pytest.approx(0.2)  # three parts of composes, and every edit
    assert result.assumed is None


def test_different_requests_lose_at_most_every_request(library) -> None:
    assert combined_success({"a": [(0.7, 0.0)], "b": [(0.6, 0.0)]}) == 0.0


def test_the_same_requests_are_nested_the_smaller_share_among_the_larger() -> None:
    # 30 % of requests make the first call, 10 % (of all) both; the receivers serve half.
    success = combined_success({"r": [(0.3, 0.5), (0.1, 0.5)]})
    # 20 % make the first only (half succeed), 10 % make both (a quarter succeed).
    assert success == pytest.approx(0.7 + 0.2 * 0.5 + 0.1 * 0.25)
    # One receiver down: the share lost is that call's, not a combination.
    assert combined_success({"r": [(0.3, 1.0), (0.1, 0.0)]}) == pytest.approx(0.9)
    assert combined_success({"r": [(0.3, 0.0), (0.1, 1.0)]}) == pytest.approx(0.7)


def test_one_call_made_by_some_requests_rests_on_nothing(design_of, library) -> None:
    body = """
components:
  - {id: users, type: client, props: {rps: 100}}
  - {id: front, type: service, props: {replicas: 2}}
  - {id: search, type: service, props: {replicas: 1}}
  - {id: auth, type: service, props: {replicas: 1}}
links:
  - {from: users, to: front}
  - {from: front, to: search, props: {calls: 0.2}}
  - {from: front, to: auth}
  - {from: search, to: auth}
"""
    # Losing auth fails every request (each makes the call); search's share is inside it.
    result = analyze_failure(design_of(body), library, ["auth"])
    assert result.lost_share == pytest.approx(1.0)
    assert result.assumed is None
    assert analyze_failure(design_of(body), library, ["search"]).assumed is None


def test_a_cache_aside_read_is_not_a_kind_of_request(design_of, library) -> None:
    """Reads on a cache's misses are made by some requests at random: no assumption."""
    body = """
zones:
  - {id: za, kind: zone}
  - {id: zb, kind: zone}
components:
  - {id: users, type: client, props: {rps: 100}}
  - {id: api, type: service, zone: zb, props: {replicas: 2}}
  - {id: cache_a, type: cache, zone: zb, props: {hit_ratio: 0.9, replicas: 2, fronts: db_a}}
  - {id: cache_b, type: cache, zone: zb, props: {hit_ratio: 0.9, replicas: 2, fronts: db_b}}
  - {id: db_a, type: database, zone: za}
  - {id: db_b, type: database, zone: za}
links:
  - {from: users, to: api}
  - {from: api, to: cache_a}
  - {from: api, to: db_a}
  - {from: api, to: cache_b}
  - {from: api, to: db_b}
"""
    result = analyze_failure(design_of(body), library, zones=["za"])
    assert result.lost_share == pytest.approx(1 - 0.9 * 0.9)  # a miss on either fails
    assert result.assumed is None


def test_the_text_and_the_json_say_what_the_share_rests_on(design_of, library) -> None:
    report = run_analysis(design_of(UNSTATED), library, fail=["compose"])
    text = render_text(report, growth_asked=False)
    assert "34.4 %" in text
    assert (
        "assuming the 4 calls from front (to ids, media, text and user), each made by some of "
        "its requests, are independent requests (`request` not stated): 10.0 % if they "
        "are parts of the same requests, 40.0 % if different ones"
    ) in text
    failure = to_json(report)["failure"]
    assert failure["lost_share"] == pytest.approx(1 - 0.9**4)
    assert failure["independent_calls"] == {"front": ["ids", "media", "text", "user"]}
    assert failure["lost_share_range"] == [pytest.approx(0.1), pytest.approx(0.4)]
    stated = to_json(run_analysis(design_of(SAME), library, fail=["compose"]))
    assert stated["failure"]["independent_calls"] == {}
    assert stated["failure"]["lost_share_range"] is None
    assert "independent requests" not in render_text(
        run_analysis(design_of(SAME), library, fail=["compose"]), growth_asked=False
    )


def test_weakest_points_agree_with_the_failure_and_say_what_they_rest_on(
    design_of, library
) -> None:
    design = design_of(UNSTATED)
    point = next(p for p in weakest_points(design, library) if p.id == "compose")
    assert point.lost_share == pytest.approx(1 - 0.9**4)
    assert point.assumed == analyze_failure(design, library, ["compose"]).assumed
    report = run_analysis(design, library, weakest=True)
    entry = next(e for e in to_json(report)["weakest"] if e["id"] == "compose")
    assert entry["independent_calls"] == {"front": ["ids", "media", "text", "user"]}
    assert entry["lost_share_range"] == [pytest.approx(0.1), pytest.approx(0.4)]
    assert "compose: 34.4 % assuming the 4 calls from front" in render_text(
        report, growth_asked=False
    )
    stated = weakest_points(design_of(SAME), library)
    assert next(p for p in stated if p.id == "compose").lost_share == pytest.approx(0.1)
    assert all(p.assumed is None for p in stated)


def test_single_points_report_what_their_share_rests_on(design_of, library) -> None:
    graph = build_graph(design_of(UNSTATED), library)
    assumed: dict = {}
    shares = single_points_of_failure(graph, assumed=assumed)
    assert shares == {"compose": pytest.approx(1 - 0.9**4)}
    assert assumed["compose"].calls == {"front": ["ids", "media", "text", "user"]}
    stated: dict = {}
    graph = build_graph(design_of(SAME), library)
    assert single_points_of_failure(graph, assumed=stated) == {"compose": pytest.approx(0.1)}
    assert stated == {}


def test_calls_that_do_not_move_the_share_are_not_an_assumption(design_of, library) -> None:
    """Every request needs what failed anyway: how the parts overlap changes nothing."""
    body = UNSTATED.replace(
        "  - {from: ids, to: compose}\n",
        "  - {from: ids, to: compose}\n  - {from: front, to: compose}\n",
    )
    result = analyze_failure(design_of(body), library, ["compose"])
    assert result.lost_share == 1.0
    assert result.assumed is None
