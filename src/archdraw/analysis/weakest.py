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

from archdraw.analysis.completion import client_lost_share, complete_shares, design_share
from archdraw.analysis.graph import TrafficGraph, build_graph, instance_availability, shared
from archdraw.analysis.states import Loss, component_states, instance_losses, scenario_of
from archdraw.analysis.traffic import arrival_rates
from archdraw.library import Library
from archdraw.model import Design

FAILURE_DOMAINS = ("zone", "region", "network")


@dataclass(frozen=True)
class WeakPoint:
    kind: str  # "component" | "zone"
    id: str
    lost_rps: float  # from the clients with a stated rate
    lost_share: float  # of all client traffic (clients weighted equally if a rate is unknown)
    clients: dict[str, float]  # client -> its lost share (only those that lose some)
    down: list[str]  # components the failure takes down
    single_point: bool = False  # one instance we run, whose loss loses requests (AD101)


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
    return _client_losses(graph, instance_losses(graph, [], [zone]), rates, zone=True)[0]


def _client_losses(
    graph: TrafficGraph, losses: dict[int, Loss], rates: list[float], zone: bool = False
) -> tuple[dict[int, float], list[str]]:
    states = component_states(graph, losses, rates)
    scenario, states = scenario_of(graph, states, rates, zones_failed=zone)
    down = [graph.ids[node] for node, s in sorted(states.items()) if s.state == "down"]
    if not scenario.hurt():
        return {}, down
    complete = complete_shares(graph, scenario)
    lost = {}
    for client in graph.sources:
        share = client_lost_share(client, complete)
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
    ranked: list[tuple[tuple[float, float, float, int], WeakPoint]] = []
    for node in shared(graph):
        if graph.spans_zones[node]:
            continue  # a managed service spanning zones: no one instance of it to lose
        losses = instance_losses(graph, [graph.ids[node]], [])
        point = _point(graph, "component", node, losses, rates)
        availability = instance_availability(library, graph.components[node])
        ranked.append(((-point.lost_rps, -point.lost_share, availability, node), point))
    for offset, zone in enumerate(graph.zones.values()):
        if zone.kind not in FAILURE_DOMAINS:
            continue
        losses = instance_losses(graph, [], [zone.id])
        point = _point(graph, "zone", zone.id, losses, rates)
        ranked.append(((-point.lost_rps, -point.lost_share, 1.0, len(graph) + offset), point))
    ranked.sort(key=lambda item: item[0])
    points = [point for _, point in ranked]
    return points if include_harmless else [p for p in points if p.clients]


def _point(
    graph: TrafficGraph, kind: str, element: int | str, losses: dict[int, Loss], rates: list[float]
) -> WeakPoint:
    lost, down = _client_losses(graph, losses, rates, zone=kind == "zone")
    node = element if isinstance(element, int) else -1
    return WeakPoint(
        kind=kind,
        id=graph.ids[node] if node >= 0 else str(element),
        lost_rps=sum(graph.rps[c] * share for c, share in lost.items()),
        lost_share=design_share(graph, lost),
        clients={graph.ids[c]: share for c, share in lost.items()},
        down=down,
        single_point=node >= 0 and bool(lost) and is_single_instance(graph, node),
    )


def is_single_instance(graph: TrafficGraph, node: int) -> bool:
    """One machine we run (its type takes `replicas`), whatever its failover says; not a
    managed service spanning zones on its own (`global: true`)."""
    return graph.runs_replicas[node] and graph.instances(node) == 1 and not graph.spans_zones[node]


def single_points_of_failure(graph: TrafficGraph) -> dict[str, float]:
    """Components run as one instance whose loss fails some client's requests, by id, with
    the share of all client requests lost: what `--weakest` marks `single_point` and lint's
    AD101 reports (one definition for both)."""
    rates = arrival_rates(graph)
    found = {}
    for node in shared(graph):
        if not is_single_instance(graph, node):
            continue
        losses = instance_losses(graph, [graph.ids[node]], [])
        lost = _client_losses(graph, losses, rates)[0]
        if lost:
            found[graph.ids[node]] = design_share(graph, lost)
    return dict(sorted(found.items()))
