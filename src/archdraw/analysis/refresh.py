"""Bring a traffic graph up to date after an edit of component property values, instead of
building it again (an editor re-lints after every edit; `LintSession` calls this)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from archdraw.analysis.columns import Columns, node_columns, with_rows
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
    components, links, link properties and zones): their columns are read again, the links
    kept. None when the links would change too (a cache now fronts another store)."""
    if _fronted(roles) != _fronted(graph.roles):
        return None
    components = list(design.components)
    rows = [[*out, *back] for out, back in zip(graph.out_edges, graph.back_out, strict=True)]
    for row in rows:
        if len(row) > 1:
            row.sort(key=lambda e: (graph.ids[e.target], e.key))
    machines_before = [max(r, z) for r, z in zip(graph.replicas, graph.zones_spanned, strict=True)]
    before = Columns(
        graph.miss,
        graph.replicas,
        graph.zones_spanned,
        machines_before,
        graph.failover,
        graph.stateful,
        graph.capacity_rps,
        graph.latency_ms,
        graph.buffer,
        graph.on_device,
        graph.fallback,
        graph.runs_replicas,
        graph.spans_zones,
        graph.in_process,
        graph.peak,
    )
    per = with_rows(before, components, nodes, TypeFacts(library), library)
    return replace(graph, **node_columns(components, per, roles, graph.sources, rows, graph.zones))


def _fronted(roles: DataRoles) -> dict[str, str]:
    """The store each cache fronts (what the cache-aside links follow)."""
    return {r.id: r.fronts for r in roles.roles.values() if r.fronts is not None}
