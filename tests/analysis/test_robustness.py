"""Any valid design, however odd, gets an analysis: no traceback, no NaN, shares in 0..1."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.property.strategies import designs, examples

from archdraw.analysis.capacity import arrival_rates
from archdraw.analysis.failure import analyze_failure
from archdraw.analysis.graph import build_graph
from archdraw.analysis.report import run_analysis, to_json
from archdraw.analysis.text import render_text
from archdraw.analysis.weakest import weakest_points
from archdraw.library import builtin_library

LIBRARY = builtin_library()


@settings(max_examples=examples(100), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(design=designs(LIBRARY), data=st.data())
def test_every_analysis_runs_on_any_valid_design(design, data) -> None:  # type: ignore[no-untyped-def]
    component_ids = [c.id for c in design.components]
    zone_ids = [z.id for z in design.zones]
    fail = data.draw(st.lists(st.sampled_from(component_ids), max_size=2)) if component_ids else []
    zones = data.draw(st.lists(st.sampled_from(zone_ids), max_size=1)) if zone_ids else []
    report = run_analysis(
        design,
        LIBRARY,
        fail=fail,
        fail_zones=zones,
        all_instances=data.draw(st.booleans()),
        growth=data.draw(st.floats(0.01, 1000)),
        weakest=True,
        availability=True,
    )
    encoded = json.dumps(to_json(report), allow_nan=False)
    decoded = json.loads(encoded)
    for client in decoded["clients"].values():
        assert 0.0 <= client["lost_share"] <= 1.0
    for component in decoded["components"].values():
        assert component["state"] in ("up", "degraded", "down")
        assert component["utilization"] is None or component["utilization"] >= 0
    for value in decoded["availability"]["clients"].values():
        assert 0.0 <= value <= 1.0 + 1e-12
    assert render_text(report).strip()


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(design=designs(LIBRARY))
def test_the_enumeration_shortcut_agrees_with_full_failure_analyses(design) -> None:  # type: ignore[no-untyped-def]
    for point in weakest_points(design, LIBRARY, include_harmless=True):
        if point.kind == "component":
            full = analyze_failure(design, LIBRARY, [point.id])
        else:
            full = analyze_failure(design, LIBRARY, zones=[point.id])
        assert point.lost_rps == pytest.approx(full.lost_rps, rel=1e-9, abs=1e-9)
        assert point.clients == pytest.approx(
            {c: i.lost_share for c, i in full.clients.items() if i.lost_share > 0}
        )


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(design=designs(LIBRARY), growth=st.floats(0.01, 100))
def test_arrival_rates_grow_linearly(design, growth: float) -> None:  # type: ignore[no-untyped-def]
    graph = build_graph(design, LIBRARY)
    one, scaled = arrival_rates(graph, 1.0), arrival_rates(graph, growth)
    assert scaled == pytest.approx([rate * growth for rate in one], rel=1e-9)
