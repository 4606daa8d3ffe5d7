"""Failure analysis: what is down, what is degraded, and which requests still complete.

What fails:
- a component (`--fail ID`): by default *one instance* of it (the machine it
  runs on dies, the failure `replicas` protects against); with
  `whole=True`, every instance (a bad deploy, an outage of the service).
  A component has max(replicas, zones) instances: spreading over three zones
  takes at least three.
- a zone (`--fail-zone ZONE`): the zone and every zone nested in it. A
  component placed in a failed zone loses every instance, with one
  exception: when every failed zone containing it is an availability zone
  (kind `zone`) and its replicas span `zones` >= 2, it loses only the
  instances in that one zone (1/zones of them). Regions, networks and groups
  take down everything placed in them, whatever `zones` says.

What that does to the component, with `remaining` the share of instances left:
- none left: *down*, it serves nothing.
- some left: *degraded*. With failover active-active it serves everything at
  once; active-standby after the standby is promoted; dns after DNS moves
  traffic (the TTL). With failover none a stateless component still serves
  everything (its replicas are interchangeable, callers retry elsewhere), but
  a stateful one loses the requests whose data or role sat on the lost
  instances (it serves `remaining` of them).
- if the survivors have less capacity than the traffic (known
  `capacity_rps`), the excess fails too (`overloaded`).

Data at risk: a stateful store (not a cache) with `replication: none` that
lost instances: what was written to them since the last backup is gone.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable
from dataclasses import dataclass

from archdraw.analysis.completion import (
    RequestPath,
    client_lost_share,
    complete_shares,
    delayed_consumers,
    request_paths,
)
from archdraw.analysis.graph import CACHING_TYPES, TrafficGraph, build_graph
from archdraw.analysis.traffic import arrival_rates
from archdraw.library import Library
from archdraw.model import Design

TAKES_OVER = {
    "active-active": "at once",
    "active-standby": "after failover",
    "dns": "after DNS moves traffic",
}
EPSILON = 1e-9


class UnknownElement(ValueError):
    """A failed id that is not in the design."""


@dataclass(frozen=True)
class Loss:
    share: float  # of the component's instances, 0..1
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class ComponentState:
    id: str
    state: str  # "up" | "degraded" | "down"
    instances: int
    remaining: float  # share of instances left
    serving: float  # share of its requests it still answers
    recovery: str | None  # when the survivors take over
    overloaded: bool
    reason: str


@dataclass(frozen=True)
class ClientImpact:
    id: str
    rps: float
    lost_share: float
    paths: list[RequestPath]
    paths_truncated: bool
    delayed: list[str]  # async consumers that are down or behind: work waits, not lost


@dataclass(frozen=True)
class DataAtRisk:
    id: str
    backups: bool


@dataclass
class FailureResult:
    failed_components: list[str]
    failed_zones: list[str]
    whole: bool
    components: dict[str, ComponentState]
    clients: dict[str, ClientImpact]
    data_at_risk: list[DataAtRisk]
    lost_rps: float
    total_rps: float

    @property
    def lost_share(self) -> float:
        return self.lost_rps / self.total_rps if self.total_rps > 0 else 0.0

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


def instance_losses(
    graph: TrafficGraph, components: Iterable[str], zones: Iterable[str], whole: bool = False
) -> dict[int, Loss]:
    losses: dict[int, tuple[float, list[str]]] = {}

    def add(node: int, share: float, reason: str) -> None:
        total, reasons = losses.get(node, (0.0, []))
        losses[node] = (min(1.0, total + share), [*reasons, reason])

    for cid in components:
        node = graph.index[cid]
        count = graph.instances(node)
        if whole or count == 1:
            add(node, 1.0, "every instance failed" if count > 1 else "its only instance failed")
        else:
            add(node, 1.0 / count, f"1 of its {count} instances failed")
    failed = set(zones)
    if failed:
        for node in range(len(graph)):
            hit = [z for z in graph.zones_containing(node) if z in failed]
            if not hit:
                continue
            spans = graph.zones_spanned[node]
            if spans >= 2 and all(graph.zones[z].kind == "zone" for z in hit):
                add(node, 1.0 / spans, f"zone {hit[0]} failed (1 of the {spans} zones it spans)")
            else:
                add(node, 1.0, f"{graph.zones[hit[-1]].kind} {hit[-1]} failed")
    return {node: Loss(share, tuple(reasons)) for node, (share, reasons) in losses.items()}


def component_states(
    graph: TrafficGraph, losses: dict[int, Loss], rates: list[float]
) -> dict[int, ComponentState]:
    """The state of every component that lost instances (the rest are up)."""
    return {node: _state(graph, node, loss, rates[node]) for node, loss in losses.items()}


def _state(graph: TrafficGraph, node: int, loss: Loss, rate: float) -> ComponentState:
    remaining = max(0.0, 1.0 - loss.share)
    reason = "; ".join(loss.reasons)
    count = graph.instances(node)
    if remaining <= EPSILON:
        if graph.fallback[node]:
            reason += "; its fallback answers its callers"
        return ComponentState(graph.ids[node], "down", count, 0.0, 0.0, None, False, reason)
    failover = graph.failover[node]
    if failover in TAKES_OVER:
        serving, recovery = 1.0, TAKES_OVER[failover]
    elif not graph.stateful[node]:
        serving, recovery = 1.0, "when callers retry on the other instances"
    else:
        serving, recovery = remaining, None
        reason += "; no failover: requests for the lost instances' data fail"
    overloaded = False
    capacity = graph.capacity_rps[node]
    if capacity is not None and rate > 0:
        before = min(1.0, graph.replicas[node] * capacity / rate)
        after = min(1.0, graph.replicas[node] * capacity * remaining / rate)
        if after < before:
            serving *= after / before
            overloaded = True
            reason += f"; the survivors can carry only {after:.0%} of its traffic"
    state = "down" if serving <= EPSILON else "degraded"
    if graph.fallback[node] and serving < 1.0:
        reason += "; its fallback answers its callers"
    return ComponentState(
        graph.ids[node], state, count, remaining, serving, recovery, overloaded, reason
    )


def data_at_risk(
    graph: TrafficGraph, library: Library, losses: dict[int, Loss]
) -> list[DataAtRisk]:
    risky = []
    for node in sorted(losses):
        component = graph.components[node]
        if not graph.stateful[node] or component.type in CACHING_TYPES:
            continue
        if library.prop(component, "replication") == "none":
            risky.append(DataAtRisk(component.id, bool(library.prop(component, "backups"))))
    return risky


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
    states = component_states(graph, losses, rates)
    serving = {node: s.serving for node, s in states.items() if s.serving < 1.0}
    complete = complete_shares(graph, serving)
    all_states = {
        cid: states.get(node)
        or ComponentState(cid, "up", graph.instances(node), 1.0, 1.0, None, False, "")
        for node, cid in enumerate(graph.ids)
    }
    clients: dict[str, ClientImpact] = {}
    for client in graph.sources:
        paths, truncated = request_paths(graph, client, serving)
        clients[graph.ids[client]] = ClientImpact(
            id=graph.ids[client],
            rps=graph.rps[client],
            lost_share=client_lost_share(graph, client, serving, complete),
            paths=paths,
            paths_truncated=truncated,
            delayed=delayed_consumers(graph, client, serving),
        )
    total = sum(graph.rps[c] for c in graph.sources)
    return FailureResult(
        failed_components=failed_components,
        failed_zones=failed_zones,
        whole=whole,
        components=all_states,
        clients=clients,
        data_at_risk=data_at_risk(graph, library, losses),
        lost_rps=sum(impact.rps * impact.lost_share for impact in clients.values()),
        total_rps=total,
    )
