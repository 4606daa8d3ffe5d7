"""Failure analysis: what is down, what is degraded, and which requests still complete.

What a failure does to each component is `archdraw.analysis.states`; which requests
still complete is `archdraw.analysis.completion`. This module puts them together for
`archdraw analyze --fail` and the editor.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from archdraw.analysis.async_work import AsyncWork, async_work
from archdraw.analysis.completion import (
    Figure,
    client_lost_share,
    complete_shares,
    design_share,
)
from archdraw.analysis.fanout import Routes, links_by_sender
from archdraw.analysis.graph import TrafficGraph, build_graph
from archdraw.analysis.overlap import Assumed, Unstated
from archdraw.analysis.paths import RequestPath, delayed_consumers, request_paths
from archdraw.analysis.resting import rests_on
from archdraw.analysis.states import (
    EPSILON,
    ComponentState,
    DataAtRisk,
    component_states,
    data_at_risk,
    instance_losses,
    scenario_of,
)
from archdraw.analysis.traffic import arrival_rates, unknown_writes
from archdraw.analysis.writes import StoreWork
from archdraw.library import Library
from archdraw.model import Design

__all__ = ["ComponentState", "DataAtRisk", "FailureResult", "UnknownElement", "analyze_failure"]


class UnknownElement(ValueError):
    """A failed id that is not in the design."""


@dataclass(frozen=True)
class ClientImpact:
    id: str
    rps: float
    lost_share: float
    paths: list[RequestPath]
    paths_truncated: bool
    delayed: list[str]  # async consumers that are down or behind: work waits, not lost


@dataclass
class FailureResult:
    failed_components: list[str]
    failed_zones: list[str]
    whole: bool
    components: dict[str, ComponentState]
    clients: dict[str, ClientImpact]
    data_at_risk: list[DataAtRisk]
    lost_rps: float  # from the clients with a stated rate
    total_rps: float
    lost_share: float  # of all client requests (clients weighted equally if a rate is unknown)
    # Stores whose writes no link states, by id, with the hurt components their change stream
    # reaches: no request is counted as a write, so none waits on those (`unwritten_streams`).
    unknown_writes: dict[str, list[str]] = field(default_factory=dict)
    # Calls the shares took as independent requests (`request` not stated), and the range.
    assumed: Assumed | None = None
    # Work handed to queues, streams and async links that cannot complete (`async_work`):
    # the requests that enqueued it completed, so `lost_share` does not count it.
    async_work: list[AsyncWork] = field(default_factory=list)

    def servers(self, graph: TrafficGraph) -> list[int]:
        """Replicas still serving each component, for a growth analysis of the failure."""
        result = []
        for node, component_id in enumerate(graph.ids):
            remaining = self.components[component_id].remaining
            replicas = graph.replicas[node]
            result.append(
                0 if remaining <= EPSILON else max(1, math.floor(replicas * remaining + EPSILON))
            )
        return result


def _suggest(name: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def check_ids(graph: TrafficGraph, components: Iterable[str], zones: Iterable[str]) -> None:
    for cid in components:
        if cid in graph.zones and cid not in graph.index:
            raise UnknownElement(f"'{cid}' is a zone, not a component: fail it as a zone")
        if cid not in graph.index:
            raise UnknownElement(f"no component '{cid}' in the design{_suggest(cid, graph.ids)}")
    for zid in zones:
        if zid in graph.index and zid not in graph.zones:
            raise UnknownElement(f"'{zid}' is a component, not a zone: fail it as a component")
        if zid not in graph.zones:
            raise UnknownElement(f"no zone '{zid}' in the design{_suggest(zid, graph.zones)}")


def analyze_failure(
    design: Design,
    library: Library,
    components: Iterable[str] = (),
    zones: Iterable[str] = (),
    *,
    whole: bool = False,
    graph: TrafficGraph | None = None,
) -> FailureResult:
    """Fail components (one instance each, or all with `whole`) and zones; report the impact.

    Raises UnknownElement for an id that is not in the design.
    """
    graph = graph or build_graph(design, library)
    failed_components = list(dict.fromkeys(components))
    failed_zones = list(dict.fromkeys(zones))
    check_ids(graph, failed_components, failed_zones)
    rates = arrival_rates(graph)
    losses = instance_losses(graph, failed_components, failed_zones, whole)
    work = StoreWork(graph, rates)
    states = component_states(graph, losses, rates, work)
    scenario, states = scenario_of(graph, states, rates, bool(failed_zones), work)
    unstated: Unstated = {}
    routes = Routes(graph, links_by_sender(design.links))
    figure = Figure()
    complete = complete_shares(graph, scenario, unstated=unstated, routes=routes, figure=figure)
    all_states = {
        cid: states.get(node)
        or ComponentState(cid, "up", graph.instances(node), 1.0, 1.0, None, False, "")
        for node, cid in enumerate(graph.ids)
    }
    worst = scenario.worst()
    clients: dict[str, ClientImpact] = {}
    for client in graph.sources:
        paths, truncated = request_paths(graph, client, worst)
        clients[graph.ids[client]] = ClientImpact(
            id=graph.ids[client],
            rps=graph.rps[client],
            lost_share=client_lost_share(client, complete),
            paths=paths,
            paths_truncated=truncated,
            delayed=delayed_consumers(graph, client, worst),
        )
    total = sum(graph.rps[c] for c in graph.sources)
    return FailureResult(
        failed_components=failed_components,
        failed_zones=failed_zones,
        whole=whole,
        components=all_states,
        clients=clients,
        data_at_risk=data_at_risk(
            graph,
            library,
            states,
            instance_losses(graph, (), failed_zones) if failed_zones else None,
        ),
        lost_rps=sum(impact.rps * impact.lost_share for impact in clients.values()),
        lost_share=design_share(
            graph, {graph.index[c]: impact.lost_share for c, impact in clients.items()}
        ),
        total_rps=total,
        unknown_writes=unwritten_streams(graph, {n for n, s in states.items() if s.state != "up"}),
        assumed=rests_on(graph, scenario, unstated, None, routes, figure),
        async_work=async_work(graph, scenario, complete, design.links),
    )


def unwritten_streams(graph: TrafficGraph, hurt: set[int]) -> dict[str, list[str]]:
    """Per store whose writes no link states (`unknown_writes`), the hurt components its
    change stream reaches: the answer counts no request as a write there, so none waits on
    them or fails with them."""
    found: dict[str, list[str]] = {}
    for store in unknown_writes(graph) if hurt else ():
        reached: set[int] = set()
        stack = [edge.target for edge in (*graph.out_edges[store], *graph.back_out[store])]
        while stack:
            node = stack.pop()
            if node not in reached:
                reached.add(node)
                stack.extend(edge.target for edge in graph.out_edges[node])
        if reached & hurt:
            found[graph.ids[store]] = [graph.ids[n] for n in sorted(reached & hurt)]
    return found
