"""The traffic graph's per-component columns: components that state the same values share
their cells, and only then (1, 1.0 and true are different values)."""

from __future__ import annotations

from typing import Any

from archdraw.analysis.columns import per_component
from archdraw.analysis.graph import build_graph
from archdraw.analysis.kinds import TypeFacts
from archdraw.library import Library
from archdraw.model import Component, Design


def _design(*components: tuple[str, str, dict[str, Any]]) -> Design:
    """Components built without validation: values a file could not state (a loaded design
    is checked, a hand-built one need not be)."""
    return Design(
        archdraw=1,
        name="columns",
        components=[Component.model_construct(id=i, type=t, props=p) for i, t, p in components],
    )


def test_equal_values_of_another_type_are_told_apart(library: Library) -> None:
    design = _design(
        ("a", "service", {"fallback": True, "replicas": 2}),
        ("b", "service", {"fallback": 1, "replicas": 2}),
        ("c", "service", {"fallback": True, "replicas": 2.0}),
        ("d", "service", {"fallback": True, "replicas": 2}),
    )
    graph = build_graph(design, library)
    assert graph.fallback == [True, False, True, True]
    assert graph.replicas == [2, 2, 2, 2]
    assert graph.instance_basis == ["stated"] * 4


def test_a_value_that_cannot_be_remembered_is_read_all_the_same(library: Library) -> None:
    design = _design(
        ("web", "client", {"rps": 50}),
        ("api", "service", {"replicas": [1, 2], "capacity_rps": 300}),
        ("db", "database", {"zones": 3}),
    )
    columns = per_component(list(design.components), TypeFacts(library), library)
    assert columns.ids == ["web", "api", "db"]
    assert columns.source == [True, False, False]
    assert columns.rps == [50.0, 0.0, 0.0]
    assert columns.capacity[1] == 300.0
    assert columns.replicas[1] == 1  # a list is no count: one instance, as stated
    assert (columns.replicas[2], columns.instance_basis[2]) == (3, "zones")


def test_no_components_make_empty_columns(library: Library) -> None:
    columns = per_component([], TypeFacts(library), library)
    assert columns.ids == [] and columns.miss == [] and columns.telemetry == []
