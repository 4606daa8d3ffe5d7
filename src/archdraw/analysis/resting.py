"""What a share of lost client requests rests on: the calls it took as independent requests
(`archdraw.analysis.overlap`) and the routes it took as called by every request
(`archdraw.analysis.fanout`), with the share either other way."""

from __future__ import annotations

from dataclasses import replace

from archdraw.analysis.completion import (
    Figure,
    Scenario,
    clients_lost,
    complete_shares,
    design_share,
    split_shares,
)
from archdraw.analysis.depended import Within
from archdraw.analysis.fanout import Routes
from archdraw.analysis.graph import TrafficGraph
from archdraw.analysis.overlap import Assumed, Overlap, Unstated, assumed


def rests_on(
    graph: TrafficGraph,
    scenario: Scenario,
    unstated: Unstated | None,
    within: Within | None = None,
    routes: Routes | None = None,
    figure: Figure | None = None,
) -> Assumed | None:
    """What the share of all client requests lost rests on, when `complete_shares` took
    calls as independent requests (`unstated`, as it filled it): those calls, and the share
    if each sender's are parts of the same requests, or different ones; and when it took the
    `routes` of some senders as called by every request (`figure`, as it filled it): those
    routes, and the share if each request takes one. None: nothing (no such calls, or none
    that moves the share: a client that loses every request anyway)."""
    found = None
    if unstated:
        ends = [
            lost_share(graph, complete_shares(graph, scenario, within, how=how)) for how in OVERLAPS
        ]
        if ends[1] - ends[0] > 1e-12:
            found = assumed(graph, unstated, ends[0], ends[1])
    if routes is None or figure is None or not figure.fanned:
        return found
    lost = lost_share(graph, figure.complete)
    split = lost_share(graph, split_shares(graph, scenario, within, routes, figure))
    if lost - split <= 1e-12:
        return found
    taken = {
        graph.ids[sender]: sorted(
            graph.ids[edge.target]
            for edge in graph.out_edges[sender]
            if edge.key in (routes.get(sender) or ())
        )
        for sender in sorted(figure.fanned, key=graph.ids.__getitem__)
    }
    if found is None:
        return Assumed({}, lost, lost, taken, split)
    return replace(found, routes=taken, split=split)


OVERLAPS: tuple[Overlap, Overlap] = ("same", "different")


def lost_share(graph: TrafficGraph, complete: dict[int, float]) -> float:
    """Share of all client requests lost, from the shares that complete."""
    return design_share(graph, clients_lost(graph, complete))
