"""Every number says what it rests on: stated in the file, a library default, or derived."""

from __future__ import annotations

from archdraw.analysis import render_text, run_analysis, to_json

DEFAULT_LB = """
components:
  - {id: user, type: client, props: {rps: 40000}}
  - {id: other, type: client}
  - {id: lb, type: load_balancer, props: {replicas: 1}}
  - {id: api, type: service, props: {replicas: 120, capacity_rps: 500}}
  - {id: db, type: database, props: {availability: 0.9995}}
links:
  - {from: user, to: lb}
  - {from: other, to: lb}
  - {from: lb, to: api}
  - {from: api, to: db}
"""


def test_json_gives_each_figure_its_basis_beside_the_old_keys(design_of, library) -> None:
    report = run_analysis(
        design_of(DEFAULT_LB), library, fail=["db"], weakest=True, availability=True
    )
    data = to_json(report)
    lb, api = data["components"]["lb"], data["components"]["api"]
    for key in ("arrival_rps", "utilization", "saturates_at", "state", "capacity_rps"):
        assert key in lb  # the contract's keys stay
    assert lb["basis"]["capacity_rps"] == "default"
    assert lb["basis"]["saturates_at"] == "derived from default"
    assert api["basis"] == {
        "arrival_rps": "lower bound",  # `other` sends traffic at an unknown rate
        "capacity_rps": "stated",
        "replicas": "stated",
        "saturates_at": "derived from stated",
        "latency_ms": "derived",  # 1 / capacity_rps: no latency_ms stated or defaulted
    }
    assert lb["basis"]["latency_ms"] == "default"
    assert data["clients"]["user"]["rps_basis"] == "stated"
    assert data["clients"]["other"]["rps_basis"] == "unknown"
    assert data["bottleneck"] == "api" and data["bottleneck_basis"] == "stated"
    assert data["first_assumed"] == "lb"
    assert data["unknown_sources"] == ["other"]
    assert {"lost_rps", "lost_share"} <= data["failure"].keys()
    availability = data["availability"]["components"]
    assert availability["db"]["instance_basis"] == "stated"
    assert availability["api"]["instance_basis"] == "default"
    assert {p["id"] for p in data["weakest"] if p["single_point"]} == {"lb", "db"}


def test_text_marks_what_is_assumed(design_of, library) -> None:
    report = run_analysis(design_of(DEFAULT_LB), library, availability=True)
    text = render_text(report, growth_asked=True)
    assert "assuming the library default of 50,000 req/s per replica" in text
    assert "1.25x*" in text
    assert "no rps stated for other" in text
    assert ">= 40,000" in text  # api's rate is a lower bound
    assert "other" in text and "unknown" in text
    assert "Assumed per instance" in text and "99.9 %: api" in text and "99.95 %: lb" in text


def test_failure_text_does_not_mix_known_rates_with_equal_weights(design_of, library) -> None:
    report = run_analysis(design_of(DEFAULT_LB), library, fail=["db"])
    text = render_text(report, growth_asked=False)
    # Both clients need db: all requests fail, counted per client since `other` has no rate.
    assert "Clients: 100 % of requests fail (each client counted the same" in text
    assert "40,000 of 40,000 requests/s from the clients that state a rate" in text


def test_failure_text_never_says_paths_complete_when_every_request_fails(
    design_of, library
) -> None:
    design = design_of(
        """
components:
  - {id: web, type: client, props: {rps: 10}}
  - {id: dns, type: dns}
  - {id: api, type: service, props: {replicas: 2}}
links:
  - {from: web, to: dns}
  - {from: web, to: api}
"""
    )
    text = render_text(run_analysis(design, library, fail=["dns"]), growth_asked=False)
    assert "web: 100 % of its requests fail" in text
    assert "every request takes a failing path; 1 other path unaffected" in text
    assert "still complete" not in text


def test_a_fast_service_time_is_shown_not_rounded_to_zero(design_of, library) -> None:
    design = design_of(
        """
components:
  - {id: user, type: client, props: {rps: 1000}}
  - {id: kv, type: nosql_database, props: {replicas: 3, capacity_rps: 50000}}
links:
  - {from: user, to: kv}
"""
    )
    text = render_text(run_analysis(design, library), growth_asked=True)
    row = next(line for line in text.splitlines() if line.strip().startswith("kv "))
    assert "0.02 ms" in row  # 1 / 50,000 s, derived from capacity_rps
    assert " 0.0 ms" not in row
