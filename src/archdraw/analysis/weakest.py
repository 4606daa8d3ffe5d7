"""The design's weakest points: every single failure, ranked by the traffic it loses.

Each component except the traffic sources and what runs on users' devices
(client-category types such as a device cache or a peer: there is one per
user, so one failing is not a failure of the design) loses one instance (the
everyday failure replicas protect against), and each availability zone, region and
network fails on its own (groups are drawing aids, not failure domains, so
they are left out; fail one explicitly with `--fail-zone`). A failure is
ranked by the client requests per second it makes fail; ties go to the
component more likely to fail (lower availability), then to design order.
Only the ancestors of what failed are recomputed, so the enumeration costs
far less than one full analysis per failure.
"""

from __future__ import annotations

from dataclasses import dataclass

from archdraw.analysis.completion import client_lost_share, complete_shares
from archdraw.analysis.failure import Loss, component_states, instance_losses
from archdraw.analysis.graph import TrafficGraph, build_graph, instance_availability, shared
from archdraw.analysis.traffic import arrival_rates
from archdraw.library import Library
from archdraw.model import Design

FAILURE_DOMAINS = ("zone", "region", "network")


@dataclass(frozen=True)
class WeakPoint:
    kind: str  # "component" | "zone"
    id: str
    lost_rps: float
    lost_share: float  # of all client traffic
    clients: dict[str, float]  # client -> its lost share (only those that lose some)
    down: list[str]  # components the failure takes down


def single_failure_losses(
    graph: TrafficGraph, rates: list[float], whole: bool
) -> dict[int, dict[int, float]]:
    """For each shared component failing alone: lost share per client (only > 0)."""
    result: dict[int, dict[int, float]] = {}
    for node in shared(graph):
        losses = instance_losses(graph, [graph.ids[node]], [], whole)
        result[node] = _client_losses(graph, losses, rates)[0]
    return result


def zone_losses(graph: TrafficGraph, zone: str, rates: list[float]) -> dict[int, float]:
    """Lost share per client (only > 0) when `zone` fails alone."""
    return _client_losses(graph, instance_losses(graph, [], [zone]), rates)[0]


def _client_losses(
    graph: TrafficGraph, losses: dict[int, Loss], rates: list[float]
) -> tuple[dict[int, float], list[str]]:
    states = component_states(graph, losses, rates)
    serving = {node: s.serving for node, s in states.items() if s.serving < 1.0}
    down = [graph.ids[node] for node, s in sorted(states.items()) if s.state == "down"]
    if not serving:
        return {}, down
    complete = complete_shares(graph, serving)
    lost = {}
    for client in graph.sources:
        if client not in complete:
            continue  # cannot reach anything that failed
        share = client_lost_share(graph, client, serving, complete)
        if share > 0:
            lost[client] = share
    return lost, down


def weakest_points(
    design: Design,
    library: Library,
    *,
    graph: TrafficGraph | None = None,
    include_harmless: bool = False,
) -> list[WeakPoint]:
    """Every single-component and single-zone failure, the most traffic lost first."""
    graph = graph or build_graph(design, library)
    rates = arrival_rates(graph)
    total = sum(graph.rps[c] for c in graph.sources)
    ranked: list[tuple[tuple[float, float, int], WeakPoint]] = []
    for node in shared(graph):
        losses = instance_losses(graph, [graph.ids[node]], [])
        point = _point(graph, "component", graph.ids[node], losses, rates, total)
        availability = instance_availability(library, graph.components[node])
        ranked.append(((-point.lost_rps, availability, node), point))
    for offset, zone in enumerate(graph.zones.values()):
        if zone.kind not in FAILURE_DOMAINS:
            continue
        losses = instance_losses(graph, [], [zone.id])
        point = _point(graph, "zone", zone.id, losses, rates, total)
        ranked.append(((-point.lost_rps, 1.0, len(graph) + offset), point))
    ranked.sort(key=lambda item: item[0])
    points = [point for _, point in ranked]
    return points if include_harmless else [p for p in points if p.lost_rps > 0]


def _point(
    graph: TrafficGraph,
    kind: str,
    element: str,
    losses: dict[int, Loss],
    rates: list[float],
    total: float,
) -> WeakPoint:
    lost, down = _client_losses(graph, losses, rates)
    lost_rps = sum(graph.rps[c] * share for c, share in lost.items())
    return WeakPoint(
        kind=kind,
        id=element,
        lost_rps=lost_rps,
        lost_share=lost_rps / total if total > 0 else 0.0,
        clients={graph.ids[c]: share for c, share in lost.items()},
        down=down,
    )
