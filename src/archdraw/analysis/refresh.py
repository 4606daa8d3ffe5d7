"""Bring a traffic graph up to date after an edit of component property values, instead of
building it again (an editor re-lints after every edit; `LintSession` calls this)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from archdraw.analysis.columns import node_columns, per_component
from archdraw.analysis.graph import TrafficGraph
from archdraw.analysis.kinds import TypeFacts
from archdraw.analysis.roles import DataRoles
from archdraw.library import Library
from archdraw.model import Design


def refresh_graph(
    graph: TrafficGraph, design: Design, library: Library, roles: DataRoles, nodes: Iterable[int]
) -> TrafficGraph | None:
    """`build_graph(design, library, roles)` when `design` differs from the design `graph`
    was built from only in the property values of the components at `nodes` (the same
    components, links, link properties and zones): their cells are read again, the links
    kept. None when the links would change too (a cache now fronts another store).

    Every column read from property values depends on the component's own values only, so
    the other components' cells stand."""
    if _fronted(roles) != _fronted(graph.roles):
        return None
    components = list(design.components)
    edited = sorted(set(nodes))
    changed = [components[node] for node in edited]
    # The links of each edited component, in the order `build_graph` reads them.
    rows = [
        sorted(
            [*graph.out_edges[n], *graph.back_out[n]], key=lambda e: (graph.ids[e.target], e.key)
        )
        for n in edited
    ]
    cells = node_columns(changed, per_component(changed, TypeFacts(library), library), roles, rows)
    fields: dict[str, Any] = {"components": components, "roles": roles}
    for name, column in cells.items():
        if name in fields:
            continue
        whole = list(getattr(graph, name))
        for node, cell in zip(edited, column, strict=True):
            whole[node] = cell
        fields[name] = whole
    return replace(graph, **fields)


def _fronted(roles: DataRoles) -> dict[str, str]:
    """The store each cache fronts (what the cache-aside links follow)."""
    return {r.id: r.fronts for r in roles.roles.values() if r.fronts is not None}
