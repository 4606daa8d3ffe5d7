"""Saturated components on the same requests: the weakest links name them together."""

from __future__ import annotations

import pytest

from archdraw.analysis import render_text, run_analysis, to_json
from archdraw.analysis.availability import analyze_availability

TWO_ON_ONE_PATH = """
components:
  - {id: app, type: client, props: {rps: 3000}}
  - {id: web, type: service, props: {capacity_rps: 800, availability: 0.999}}
  - {id: db, type: database, props: {capacity_rps: 1500, availability: 0.999}}
links:
  - {from: app, to: web}
  - {from: web, to: db}
"""


def test_two_saturated_on_one_path_are_named_together(design_of, library) -> None:
    result = analyze_availability(design_of(TWO_ON_ONE_PATH), library)
    assert result.saturated == ["web", "db"]
    # Each alone gains nothing: the other keeps the client at 0.
    assert all(link.gain == 0 for link in result.weakest)
    assert result.together is not None
    assert result.together.ids == ["web", "db"]
    # Both carrying their load and never failing leave nothing else to fail: 0 -> 100 %.
    assert result.together.gain == pytest.approx(1.0)


def test_the_text_and_the_json_say_it(design_of, library) -> None:
    report = run_analysis(design_of(TWO_ON_ONE_PATH), library, availability=True)
    text = render_text(report, growth_asked=False)
    assert "components web + db together  saturated  +100.0000 points" in text
    assert "fixing one alone gains nothing while another stays saturated" in text
    data = to_json(report)
    assert data["availability"]["saturated_together"] == {"ids": ["web", "db"], "gain": 1.0}


def test_saturated_on_separate_clients_each_have_a_gain_of_their_own(design_of, library) -> None:
    design = design_of(
        """
components:
  - {id: a, type: client, props: {rps: 100}}
  - {id: b, type: client, props: {rps: 100}}
  - {id: x, type: service, props: {capacity_rps: 50, availability: 0.999}}
  - {id: y, type: service, props: {capacity_rps: 50, availability: 0.999}}
links:
  - {from: a, to: x}
  - {from: b, to: y}
"""
    )
    result = analyze_availability(design, library)
    assert result.together is None
    assert {link.id: link.gain for link in result.weakest} == {
        "x": pytest.approx(0.5),
        "y": pytest.approx(0.5),
    }


def test_one_saturated_component_keeps_its_own_row(design_of, library) -> None:
    design = design_of(
        """
components:
  - {id: app, type: client, props: {rps: 100}}
  - {id: web, type: service, props: {capacity_rps: 50, availability: 0.999}}
  - {id: db, type: database, props: {availability: 0.999}}
links:
  - {from: app, to: web}
  - {from: web, to: db}
"""
    )
    result = analyze_availability(design, library)
    assert result.together is None
    assert result.weakest[0].id == "web"
    assert result.weakest[0].gain == pytest.approx(0.999)
