"""Services the provider runs (hosted models, anything `global: true`) with `replicas` not
stated: one service over its zones, as object storage is (`test_managed_store`)."""

from __future__ import annotations

import re

import pytest

from archdraw.analysis import analyze_failure, analyze_growth, build_graph
from archdraw.analysis.availability import analyze_availability
from archdraw.analysis.queueing import response_ms
from archdraw.analysis.report import run_analysis
from archdraw.analysis.simulation import simulate
from archdraw.analysis.text import render_text
from archdraw.analysis.weakest import failed_components, single_points_of_failure
from archdraw.lint import lint_design

HOSTED = """
zones:
  - {id: region, kind: region}
  - {id: a, kind: zone, parent: region}
components:
  - {id: app, type: client, props: {rps: 100}}
  - {id: api, type: service, zone: a, props: {replicas: 2, capacity_rps: 100000,
     failover: active-active, availability: 0.999}}
  - {id: model, type: llm, zone: a, props: {zones: 3, capacity_rps: 200, latency_ms: 2000}}
  - {id: embed, type: embedding_model, zone: a, props: {zones: 2, capacity_rps: 1000}}
  - {id: gpu, type: llm, zone: a, props: {replicas: 2, zones: 2, capacity_rps: 60,
     price_per_hour: 1.0}}
links:
  - {from: app, to: api}
  - {from: api, to: model}
  - {from: api, to: embed}
  - {from: api, to: gpu, props: {calls: 0.1}}
"""


@pytest.mark.parametrize(("node", "zones"), [("model", 3), ("embed", 2)])
def test_a_hosted_model_over_zones_is_one_service(design_of, library, node, zones) -> None:
    design = design_of(HOSTED)
    graph = build_graph(design, library)
    index = graph.index[node]
    assert (graph.instances(index), graph.zones_spanned[index]) == (1, zones)
    assert graph.instance_basis[index] == "managed" and not graph.runs_replicas[index]
    # The library's 99.5 % is the provider's figure for the endpoint, not one zone's.
    figures = analyze_availability(design, library, graph=graph).components[node]
    assert figures.availability == pytest.approx(0.995)
    assert node not in single_points_of_failure(graph)


def test_its_capacity_is_the_services_and_grows_with_its_provider(design_of, library) -> None:
    design = design_of(HOSTED)
    load = analyze_growth(design, library).components["model"]
    # 100 req/s on the endpoint's 200: 50 %, not 100 over 3 x 200.
    assert (load.servers, load.utilization) == (1, pytest.approx(0.5))
    grown = analyze_growth(design, library, growth=10.0)
    assert "raise its capacity to 1,429 req/s with its provider" in grown.summary


def test_a_stated_count_is_machines_we_run(design_of, library) -> None:
    design = design_of(HOSTED)
    graph = build_graph(design, library)
    gpu = graph.index["gpu"]
    assert (graph.instances(gpu), graph.instance_basis[gpu], graph.runs_replicas[gpu]) == (
        2,
        "stated",
        True,
    )
    assert analyze_growth(design, library).components["gpu"].utilization == pytest.approx(10 / 120)


def test_a_zone_loss_is_the_providers_to_carry(design_of, library) -> None:
    design = design_of(HOSTED)
    codes = {(f.code, f.component) for f in lint_design(design, library)}
    # AD106 would read "losing one of its 3 zones leaves 0 of its one managed service".
    assert ("AD106", "model") not in codes and ("AD106", "embed") not in codes
    assert ("AD101", "model") not in codes


def test_global_true_is_a_managed_service_and_global_false_dns_is_ours(design_of, library) -> None:
    design = design_of(
        """
components:
  - {id: web, type: client, props: {rps: 10}}
  - {id: idp, type: auth, props: {global: true}}
  - {id: dns, type: dns}
  - {id: own_dns, type: dns, props: {global: false}}
  - {id: edge, type: cdn}
links:
  - {from: web, to: idp}
  - {from: web, to: dns}
  - {from: web, to: own_dns}
  - {from: web, to: edge}
"""
    )
    graph = build_graph(design, library)
    basis = {c: graph.instance_basis[graph.index[c]] for c in ("idp", "dns", "own_dns", "edge")}
    # A self-hosted DNS (the library's own words: `global: false`) runs the servers we give it.
    assert basis == {"idp": "managed", "dns": "managed", "own_dns": "default", "edge": "managed"}
    figures = analyze_availability(design, library, graph=graph).components
    # The identity provider's and the CDN's figures are the services', not 1 - (1 - A)^n
    # over the library's 2 and 100 default replicas.
    assert figures["idp"].availability == pytest.approx(0.9995)
    assert figures["edge"].availability == pytest.approx(0.9999)
    assert "own_dns" in single_points_of_failure(graph)


def test_failing_one_says_the_whole_service_fails(design_of, library) -> None:
    design = design_of(HOSTED)
    graph = build_graph(design, library)
    assert failed_components(graph, ["api", "model"], whole=False) == (
        "one instance of api and model (the whole service)"
    )
    assert failed_components(graph, ["model"], whole=True) == "model (the whole service)"
    report = render_text(run_analysis(design, library, fail=["api", "model"]), growth_asked=False)
    assert "Failure: one instance of api and model (the whole service)\n" in report
    failure = analyze_failure(design, library, ["model"])
    assert failure.components["model"].state == "down"


def test_a_hosted_model_at_half_its_quota_answers_in_its_own_latency(design_of, library) -> None:
    growth = analyze_growth(design_of(HOSTED), library)
    model = growth.components["model"]
    # 100 req/s against a quota of 200: the provider holds them all in flight. Queued as one
    # M/M/1 server the 2 s endpoint would have answered in 4 s.
    assert model.utilization == pytest.approx(0.5)
    assert model.response_ms == 2000.0
    assert (model.wait_probability, model.wq_ms, model.replicas_needed) == (0.0, 0.0, None)
    assert "model" not in growth.saturated


def test_our_own_replicas_still_queue(design_of, library) -> None:
    growth = analyze_growth(design_of(HOSTED), library, growth=5.0)
    gpu = growth.components["gpu"]
    # 50 req/s on our two GPU replicas of 60: M/M/2, the library's 2 s latency stretched.
    queue, expected = response_ms(50.0, 60.0, 2, 2000.0, ours=True)
    assert gpu.servers == 2 and gpu.response_ms == pytest.approx(expected)
    assert queue.wq_s is not None and gpu.response_ms > 2000.0
    assert gpu.replicas_needed == 2


@pytest.mark.parametrize("growth", [2.0, 3.0])
def test_at_or_over_its_quota_a_hosted_model_is_saturated(design_of, library, growth) -> None:
    grown = analyze_growth(design_of(HOSTED), library, growth=growth)
    model = grown.components["model"]
    assert model.utilization == pytest.approx(growth / 2)
    assert model.response_ms is None and "model" in grown.saturated
    assert grown.clients["app"].latency_ms is None and "model" in grown.clients["app"].saturated
    report = render_text(run_analysis(design_of(HOSTED), library, growth=growth))
    assert re.search(r"\n  model +[\d,.]+ +\d+% +over quota +", report)
    # The provider refuses the excess: no queue grows without bound, no replicas to add.
    assert re.search(r"\n  app +[\d,.]+ +excess refused \(model over quota\)\n", report)
    assert "unbounded" not in report and "Replicas are suggested" not in report


def test_the_simulation_holds_a_hosted_model_in_flight(design_of, library) -> None:
    design = design_of(HOSTED)
    simulated = simulate(design, library, seed=1, requests=4_000)
    model = simulated.components["model"]
    assert model.response_ms == pytest.approx(2000.0)
    assert model.wq_ms == 0.0
    assert model.utilization == pytest.approx(0.5, abs=0.03)


def test_a_third_partys_api_is_held_to_its_quota_too(design_of, library) -> None:
    design = design_of(
        """
components:
  - {id: shop, type: client, props: {rps: 40}}
  - {id: psp, type: external_api, props: {capacity_rps: 50, latency_ms: 300}}
links:
  - {from: shop, to: psp}
"""
    )
    today = analyze_growth(design, library).components["psp"]
    assert (today.utilization, today.response_ms) == (pytest.approx(0.8), 300.0)
    over = analyze_growth(design, library, growth=1.5)
    assert over.components["psp"].response_ms is None and over.saturated == ["psp"]
