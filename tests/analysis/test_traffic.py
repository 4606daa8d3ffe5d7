"""The one traffic model: lint and analysis agree, file order changes nothing, hand sums hold."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from archdraw.analysis import analyze_growth, traffic, weakest_points
from archdraw.analysis.graph import build_graph
from archdraw.analysis.traffic import arrival_rates
from archdraw.io import load
from archdraw.io.samples import SAMPLE_SUFFIX, sample_dir
from archdraw.library import Library
from archdraw.lint.context import LintContext
from archdraw.model import Design

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from generate import generate_design

SAMPLES = sorted(sample_dir().glob(f"*{SAMPLE_SUFFIX}"))


def _shuffled(design: Design, seed: int) -> Design:
    rng = random.Random(seed)
    components, links = list(design.components), list(design.links)
    rng.shuffle(components)
    rng.shuffle(links)
    return design.model_copy(update={"components": components, "links": links})


def _agree(design: Design, library: Library) -> dict[str, float]:
    linted = LintContext(design, library).arrival_rps
    analysed = analyze_growth(design, library).components
    assert linted.keys() == analysed.keys()
    for cid, rate in linted.items():
        assert analysed[cid].arrival_rps == pytest.approx(rate, rel=1e-12, abs=1e-9), cid
    return linted


@pytest.mark.parametrize("path", SAMPLES, ids=[p.name for p in SAMPLES])
def test_lint_and_analysis_agree_on_every_sample(path: Path, library: Library) -> None:
    design = load(path, library).design
    rates = _agree(design, library)
    assert any(rate > 0 for rate in rates.values()), "every sample states some client's rps"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_lint_and_analysis_agree_on_generated_designs(seed: int, library: Library) -> None:
    # Seeds 1 and 3 hold cycles (services calling each other).
    design = generate_design(1000, seed=seed)
    rates = _agree(design, library)
    assert any(rate > 0 for rate in rates.values())


@pytest.mark.parametrize("seed", [1, 3])
def test_file_order_changes_no_rate(seed: int, library: Library) -> None:
    design = generate_design(400, seed=seed)
    before = traffic(design, library).rates
    graph = build_graph(design, library)
    assert graph.cycle_links, "the generated design has cycles: the cut is exercised"
    for shuffle in range(3):
        after = traffic(_shuffled(design, shuffle), library).rates
        assert after == before  # exactly: the same sums in the same order


def test_calendar_moving_a_component_to_the_end_changes_nothing(library: Library) -> None:
    design = load(sample_dir() / f"calendar{SAMPLE_SUFFIX}", library).design
    moved = design.model_copy(update={"components": [*design.components[1:], design.components[0]]})
    assert traffic(moved, library).rates == traffic(design, library).rates


def test_hand_computed_rates_with_a_cache_aside_and_a_cycle(design_of, library) -> None:
    design = design_of(
        """
components:
  - {id: web, type: client, props: {rps: 100}}
  - {id: api, type: service}
  - {id: cache, type: cache, props: {hit_ratio: 0.9}}
  - {id: db, type: database}
  - {id: worker, type: worker}
links:
  - {from: web, to: api, props: {calls: 2}}
  - {from: api, to: cache}
  - {from: api, to: db}
  - {id: save, from: api, to: db, props: {calls: 0.5, writes: true}}
  - {from: db, to: worker, kind: async, props: {calls: 0.5}}
  - {from: worker, to: api, props: {calls: 0.1}}
"""
    )
    graph = build_graph(design, library)
    rates = dict(zip(graph.ids, arrival_rates(graph), strict=True))
    # api 200/s; reads of db only on the cache's misses: 200 x 0.1 = 20, writes 200 x 0.5 = 100;
    # the db's change stream carries its writes: the worker gets 100 x 0.5 = 50/s and calls
    # back into api (a cycle, counted once): 5/s.
    assert rates["api"] == pytest.approx(205)
    assert rates["cache"] == pytest.approx(200)
    assert rates["db"] == pytest.approx(120)
    assert rates["worker"] == pytest.approx(50)
    assert graph.cycle_links == ["worker->api"]


def test_a_client_without_rps_has_an_unknown_rate(design_of, library) -> None:
    design = design_of(
        """
components:
  - {id: web, type: client}
  - {id: app, type: client, props: {rps: 10}}
  - {id: api, type: service}
  - {id: admin, type: service}
links:
  - {from: web, to: api}
  - {from: app, to: api}
  - {from: web, to: admin}
"""
    )
    found = traffic(design, library)
    assert found.rates["api"] == 10  # what is known; no invented 100 req/s for `web`
    assert found.rates["admin"] == 0
    assert found.partial == {"api", "admin"}
    assert found.unknown_sources == ["web"]


def test_file_order_changes_no_failure_share(library: Library) -> None:
    design = load(sample_dir() / f"payment-gateway{SAMPLE_SUFFIX}", library).design
    before = [(p.id, p.lost_share, p.single_point) for p in weakest_points(design, library)]
    after = weakest_points(_shuffled(design, 7), library)
    assert sorted(before) == sorted((p.id, p.lost_share, p.single_point) for p in after)


def test_a_peak_factor_multiplies_its_sources_rate(design_of, library) -> None:
    """`peak_factor` on a client: the burst over its `rps` (everyone refreshes at 9:00) is
    what every component downstream receives, and what saturation and growth judge."""
    from archdraw.analysis.traffic import traffic
    from archdraw.lint import lint_design

    design = design_of(
        """
components:
  - {id: web, type: client, props: {rps: 100, peak_factor: 3}}
  - {id: batch, type: client, props: {rps: 10}}
  - {id: api, type: service, props: {replicas: 2, capacity_rps: 100}}
links:
  - {from: web, to: api, props: {calls: 0.5}}
  - {from: batch, to: api}
"""
    )
    assert traffic(design, library).rates["api"] == pytest.approx(100 * 3 * 0.5 + 10)
    saturated = [f for f in lint_design(design, library) if f.code == "AD209"]
    assert [f.component for f in saturated] == ["api"]  # 160 req/s for 200: 80 %


def test_telemetry_links_carry_no_request_rate_unless_they_state_calls(design_of, library) -> None:
    """Metrics and logs are sampled and batched: three services drawn reporting to monitoring
    do not send it the sum of their requests (a confident 301,000/s from a default `calls`)."""
    design = design_of(
        """
components:
  - {id: web, type: client, props: {rps: 1000}}
  - {id: api, type: service}
  - {id: metrics, type: monitoring}
  - {id: logs, type: monitoring}
links:
  - {from: web, to: api}
  - {from: api, to: metrics, kind: async, label: metrics}
  - {from: api, to: logs, kind: async, label: one log line per request, props: {calls: 1}}
"""
    )
    graph = build_graph(design, library)
    rates = dict(zip(graph.ids, arrival_rates(graph), strict=True))
    assert rates["api"] == 1000
    assert rates["metrics"] == 0
    assert rates["logs"] == 1000  # stated: the design says every request writes a line
