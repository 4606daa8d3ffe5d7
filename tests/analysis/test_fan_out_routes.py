"""A gateway's routes that state no `calls`: the share lost says it takes every request as
calling each, and gives the share if each request takes one (the petclinic gateway: its
three routes, /api/customer, /api/visit and /api/vet, each to one service)."""

from __future__ import annotations

import pytest

from archdraw.analysis import run_analysis
from archdraw.analysis.failure import analyze_failure
from archdraw.analysis.report import to_json
from archdraw.analysis.text import render_text
from archdraw.lint import lint_design

GATEWAY = """
components:
  - {id: staff, type: client}
  - {id: gateway, type: api_gateway, props: {replicas: 2}}
  - {id: customers, type: service, props: {replicas: 1}}
  - {id: visits, type: service, props: {replicas: 1}}
  - {id: vets, type: service, props: {replicas: 1}}
  - {id: customers_db, type: database, props: {replicas: 2, failover: active-standby}}
links:
  - {from: staff, to: gateway}
  - {from: gateway, to: customers CALLS}
  - {from: gateway, to: visits CALLS}
  - {from: gateway, to: vets CALLS}
  - {from: customers, to: customers_db}
"""
UNSTATED = GATEWAY.replace(" CALLS", "")


def test_the_share_behind_unstated_routes_says_so_with_the_even_split(design_of, library) -> None:
    result = analyze_failure(design_of(UNSTATED), library, ["vets"])
    assert result.lost_share == pytest.approx(1.0)  # the figure: every request calls vets
    assert result.assumed is not None
    assert result.assumed.routes == {"gateway": ["customers", "vets", "visits"]}
    assert result.assumed.split == pytest.approx(1 / 3)
    assert result.assumed.calls == {}  # no call taken as an independent request


def test_stated_calls_rest_on_nothing(design_of, library) -> None:
    stated = GATEWAY.replace(" CALLS", ", props: {calls: 1}")
    result = analyze_failure(design_of(stated), library, ["vets"])
    assert result.lost_share == pytest.approx(1.0)
    assert result.assumed is None
    split = GATEWAY.replace(" CALLS", ", props: {calls: 0.2, request: REQ}")
    for kind in ("customer", "visit", "vet"):
        split = split.replace("REQ", kind, 1)
    assert analyze_failure(design_of(split), library, ["vets"]).lost_share == pytest.approx(0.2)


def test_the_gateway_itself_rests_on_nothing(design_of, library) -> None:
    """Losing what every request passes fails them all, however they are routed."""
    result = analyze_failure(design_of(UNSTATED), library, ["gateway"], whole=True)
    assert result.lost_share == pytest.approx(1.0)
    assert result.assumed is None


def test_a_load_balancer_over_one_pool_has_no_routes(design_of, library) -> None:
    body = """
components:
  - {id: users, type: client}
  - {id: lb, type: load_balancer, props: {replicas: 2}}
  - {id: app1, type: service, props: {replicas: 1}}
  - {id: app2, type: service, props: {replicas: 1}}
  - {id: db, type: database, props: {replicas: 2, failover: active-standby}}
links:
  - {from: users, to: lb}
  - {from: lb, to: app1}
  - {from: lb, to: app2}
  - {from: app1, to: db}
  - {from: app2, to: db}
"""
    assert analyze_failure(design_of(body), library, ["app1"]).assumed is None


def test_a_service_calling_its_store_and_another_service_has_no_routes(design_of, library) -> None:
    """Reading or writing its store is a step of the request, not another route."""
    body = """
components:
  - {id: users, type: client}
  - {id: api, type: service, props: {replicas: 2}}
  - {id: auth, type: service, props: {replicas: 1}}
  - {id: db, type: database, props: {replicas: 1}}
links:
  - {from: users, to: api}
  - {from: api, to: auth}
  - {from: api, to: db}
"""
    for failed in ("auth", "db"):
        assert analyze_failure(design_of(body), library, [failed]).assumed is None


def test_text_and_json_carry_it(design_of, library) -> None:
    report = run_analysis(design_of(UNSTATED), library, fail=["vets"], weakest=True)
    text = render_text(report, growth_asked=False)
    said = (
        "`calls` not stated on the 3 links from gateway to customers, vets and visits: taken "
        "as every request calling each; if each request calls only one of them, less: "
        "33.3 % if they split the requests evenly"
    )
    assert f"  {said}" in text.splitlines()  # under --fail's figure
    assert f"  vets: 100 % {said}" in text.splitlines()  # under --weakest's
    found = to_json(report)
    failure = found["failure"]
    assert failure["unstated_routes"] == {"gateway": ["customers", "vets", "visits"]}
    assert failure["lost_share_if_routes_split"] == pytest.approx(1 / 3)
    assert failure["lost_share_range"] is None  # no calls taken as independent requests
    assert failure["independent_calls"] == {}
    (vets,) = [p for p in found["weakest"] if p["id"] == "vets"]
    assert vets["lost_share_if_routes_split"] == pytest.approx(1 / 3)
    assert vets["lost_share"] == pytest.approx(1.0)


def test_ad101_says_what_its_share_rests_on(load_text, library) -> None:
    loaded = load_text("archdraw: 1\nname: petclinic\n" + UNSTATED)
    findings = lint_design(loaded.design, library, loaded.locations)
    (vets,) = [f for f in findings if f.code == "AD101" and f.component == "vets"]
    assert vets.message.endswith(
        "when it dies, 100 % of client requests fail, `calls` not stated on the 3 links from "
        "'gateway' to 'customers', 'vets' and 'visits': taken as every request calling each; "
        "if each request calls only one of them, less: 33.3 % if they split the requests evenly"
    )
    stated = load_text("archdraw: 1\nname: p\n" + GATEWAY.replace(" CALLS", ", props: {calls: 1}"))
    (plain,) = [
        f
        for f in lint_design(stated.design, library, stated.locations)
        if f.code == "AD101" and f.component == "vets"
    ]
    assert plain.message.endswith("when it dies, 100 % of client requests fail")


def test_routes_behind_routes_split_again(design_of, library) -> None:
    """Half the requests go to `a`, an inner gateway, and half of those on to `c`: a quarter
    need `c`."""
    body = """
components:
  - {id: users, type: client}
  - {id: gateway, type: api_gateway, props: {replicas: 2}}
  - {id: a, type: api_gateway, props: {replicas: 2}}
  - {id: b, type: service, props: {replicas: 2}}
  - {id: c, type: service, props: {replicas: 1}}
  - {id: d, type: service, props: {replicas: 2}}
  - {id: db, type: database, props: {replicas: 2, failover: active-standby}}
links:
  - {from: users, to: gateway}
  - {from: gateway, to: a}
  - {from: gateway, to: b}
  - {from: a, to: c}
  - {from: a, to: d}
  - {from: d, to: db}
"""
    result = analyze_failure(design_of(body), library, ["c"])
    assert result.lost_share == pytest.approx(1.0)
    assert result.assumed is not None
    assert result.assumed.routes == {"a": ["c", "d"], "gateway": ["a", "b"]}
    assert result.assumed.split == pytest.approx(0.25)


def test_a_service_calling_two_components_calls_both(design_of, library) -> None:
    """An orchestrator (checkout charges the card and ships the order) makes each call it
    draws for each request it serves: its links are not routes, and nothing is assumed."""
    body = GATEWAY.replace(" CALLS", "").replace("type: api_gateway", "type: service")
    result = analyze_failure(design_of(body), library, ["vets"])
    assert result.lost_share == pytest.approx(1.0)
    assert result.assumed is None
