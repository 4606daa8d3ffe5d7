"""The design's weakest points: every single failure, ranked by the traffic it loses.

Each component except the traffic sources and what runs on users' devices
(client-category types such as a device cache or a peer: there is one per
user, so one failing is not a failure of the design) loses one instance (the
everyday failure replicas protect against), and each availability zone, region and
network fails on its own (groups are drawing aids, not failure domains, so
they are left out; fail one explicitly with `--fail-zone`). A failure is
ranked by the client requests per second it makes fail; ties go to the
component more likely to fail (lower availability), then to design order.
The traffic is computed once and each failure recomputes only the callers
of what it hurts (`SingleFailures`), so the enumeration costs far less than
one full analysis per failure.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import count

from archdraw.analysis.completion import (
    Figure,
    clients_lost,
    complete_shares,
    design_share,
)
from archdraw.analysis.depended import Depended
from archdraw.analysis.fanout import Routes, links_by_sender
from archdraw.analysis.graph import TrafficGraph, build_graph, instance_availability, shared
from archdraw.analysis.overlap import Assumed, Unstated
from archdraw.analysis.resting import rests_on
from archdraw.analysis.states import Loss, component_states, instance_losses, scenario_of
from archdraw.analysis.traffic import arrival_rates
from archdraw.analysis.writes import StoreWork
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
    assumed: Assumed | None = None  # calls taken as independent requests, and the range


class SingleFailures:
    """What single failures of one design lose, client by client, on one traffic graph.

    The rates are computed once. A failure changes the state of what it takes down (and,
    for a cache, the load on the store behind it), and only the callers of what then
    completes less are recomputed (`complete_shares`), within what the clients' requests
    wait for (`Depended`). A component outside that (past an async hand-off) that is
    not a cache loses nothing when it fails alone, so it need not be analysed at all.
    """

    def __init__(
        self,
        graph: TrafficGraph,
        rates: list[float] | None = None,
        work: StoreWork | None = None,
        routes: Routes | None = None,
    ) -> None:
        """`work`: the graph's `StoreWork` at today's traffic, when the caller has it;
        `routes`: the senders' routes whose `calls` are not stated (`archdraw.analysis.fanout`),
        which a share that rests on them says."""
        self.graph = graph
        self.routes = routes
        self.rates = arrival_rates(graph) if rates is None else rates
        self.work = StoreWork(graph, self.rates) if work is None else work
        self.depended = Depended(graph)

    def may_lose(self, node: int) -> bool:
        """Whether losing `node` alone can fail a client's request: a client waits for it, or
        it is a cache (its misses raise the load on the store it fronts)."""
        if node in self.depended:
            return True
        role = self.graph.roles.of(self.graph.ids[node])
        return role is not None and role.kind == "cache"

    def component(
        self, node: int, whole: bool = False, rests: list[Assumed] | None = None
    ) -> tuple[dict[int, float], list[str]]:
        """One instance of `node` (every instance with `whole`) fails: lost share per client
        (only > 0) and the components down (`rests`: as `lost` says)."""
        losses = instance_losses(self.graph, [self.graph.ids[node]], [], whole)
        return self.lost(losses, rests=rests)

    def zone(
        self, zone: str, rests: list[Assumed] | None = None
    ) -> tuple[dict[int, float], list[str]]:
        """`zone` fails: lost share per client (only > 0) and the components down."""
        return self.lost(instance_losses(self.graph, [], [zone]), zone=True, rests=rests)

    def lost(
        self, losses: dict[int, Loss], zone: bool = False, rests: list[Assumed] | None = None
    ) -> tuple[dict[int, float], list[str]]:
        """What `losses` (instances lost per component) lose: share per client (only > 0),
        and the components down. `rests` gets what the shares rest on, when they took calls
        as independent requests (`archdraw.analysis.overlap`) or routes as called by every
        request (`archdraw.analysis.fanout`)."""
        graph = self.graph
        states = component_states(graph, losses, self.rates, self.work)
        scenario, states = scenario_of(graph, states, self.rates, zone, self.work)
        down = [graph.ids[node] for node, s in sorted(states.items()) if s.state == "down"]
        if not scenario.hurt():
            return {}, down
        unstated: Unstated | None = None if rests is None else {}
        figure = None if rests is None or self.routes is None else Figure()
        complete = complete_shares(
            graph, scenario, self.depended, unstated, routes=self.routes, figure=figure
        )
        found = None
        if unstated or (figure is not None and figure.fanned):
            found = rests_on(graph, scenario, unstated, self.depended, self.routes, figure)
        if rests is not None and found is not None:
            rests.append(found)
        return clients_lost(graph, complete), down


def weakest_points(
    design: Design,
    library: Library,
    *,
    graph: TrafficGraph | None = None,
    include_harmless: bool = False,
) -> list[WeakPoint]:
    """Every single-component and single-zone failure, the most traffic lost first."""
    graph = graph or build_graph(design, library)
    failures = SingleFailures(graph, routes=Routes(graph, links_by_sender(design.links)))
    ranked: list[tuple[tuple[float, float, float, int], WeakPoint]] = []
    for node in shared(graph):
        if graph.spans_zones[node]:
            continue  # a managed service spanning zones: no one instance of it to lose
        if not (include_harmless or failures.may_lose(node)):
            continue
        rests: list[Assumed] = []
        lost, down = failures.component(node, rests=rests)
        if not (lost or include_harmless):
            continue
        point = _point(graph, "component", node, lost, down, rests)
        availability = instance_availability(library, graph.components[node])
        ranked.append(((-point.lost_rps, -point.lost_share, availability, node), point))
    for offset, zone in enumerate(graph.zones.values()):
        if zone.kind not in FAILURE_DOMAINS:
            continue
        rests = []
        lost, down = failures.zone(zone.id, rests)
        if not (lost or include_harmless):
            continue
        point = _point(graph, "zone", zone.id, lost, down, rests)
        ranked.append(((-point.lost_rps, -point.lost_share, 1.0, len(graph) + offset), point))
    ranked.sort(key=lambda item: item[0])
    return [point for _, point in ranked]


def _point(
    graph: TrafficGraph,
    kind: str,
    element: int | str,
    lost: dict[int, float],
    down: list[str],
    rests: list[Assumed],
) -> WeakPoint:
    node = element if isinstance(element, int) else -1
    return WeakPoint(
        kind=kind,
        id=graph.ids[node] if node >= 0 else str(element),
        lost_rps=sum(graph.rps[c] * share for c, share in lost.items()),
        lost_share=design_share(graph, lost),
        clients={graph.ids[c]: share for c, share in lost.items()},
        down=down,
        single_point=node >= 0 and bool(lost) and is_single_instance(graph, node),
        assumed=rests[0] if rests else None,
    )


def what_fails(graph: TrafficGraph, point: WeakPoint, name: str | None = None) -> str:
    """The failure a weak point stands for, in words ("one instance of api", "stripe (the
    whole service)"); `name`: how to call the element (its id when None)."""
    name = name or point.id
    if point.kind == "zone":  # one tree of zones: a region is called a region
        return zone_words(graph, point.id, name)
    if not graph.runs_replicas[graph.index[point.id]]:
        return f"{name} (the whole service)"  # a third party's, or one the provider runs
    if point.single_point:
        return f"{name} (its only instance)"
    return f"one instance of {name}"


def failed_components(
    graph: TrafficGraph, ids: list[str], whole: bool, name: Callable[[str], str] = str
) -> str:
    """What `--fail` took down, in words: "one instance of api, web" (every instance with
    `whole`), and a service we do not run as "s3 (the whole service)" either way: a third
    party's, or one the provider runs, fails as one (`name`: how to call a component)."""
    runs = [graph.runs_replicas[graph.index[c]] for c in ids]
    ours = [name(c) for c, own in zip(ids, runs, strict=True) if own]
    theirs = [f"{name(c)} (the whole service)" for c, own in zip(ids, runs, strict=True) if not own]
    scope = "every instance of" if whole else "one instance of"
    return " and ".join(([f"{scope} {', '.join(ours)}"] if ours else []) + theirs)


def is_single_instance(graph: TrafficGraph, node: int) -> bool:
    """One machine we run (its type takes `replicas`), whatever its failover says; not a
    managed service spanning zones on its own (`global: true`)."""
    return graph.runs_replicas[node] and graph.instances(node) == 1 and not graph.spans_zones[node]


def single_instances(graph: TrafficGraph) -> set[int]:
    """The nodes `is_single_instance` accepts, found in one pass over the graph's columns
    (a call per node costs more than the test)."""
    columns = zip(count(), graph.runs_replicas, graph.instance_counts, graph.spans_zones)
    return {node for node, ours, machines, spans in columns if ours and machines == 1 and not spans}


def single_points_of_failure(
    graph: TrafficGraph,
    work: StoreWork | None = None,
    assumed: dict[str, Assumed] | None = None,
    routes: Routes | None = None,
) -> dict[str, float]:
    """Components run as one instance whose loss fails some client's requests, by id, with
    the share of all client requests lost: what `--weakest` marks `single_point` and lint's
    AD101 reports (one definition for both). `work`: the graph's `StoreWork`, if known;
    `assumed` gets, by id, what a share rests on when it took calls as independent requests
    or `routes` (`archdraw.analysis.fanout`) as called by every request."""
    failures = SingleFailures(graph, work=work, routes=routes)
    found = {}
    for node in single_instances(graph).intersection(shared(graph)):
        if not failures.may_lose(node):
            continue
        rests: list[Assumed] | None = None if assumed is None else []
        lost = failures.component(node, rests=rests)[0]
        if lost:
            found[graph.ids[node]] = design_share(graph, lost)
            if rests and assumed is not None:
                assumed[graph.ids[node]] = rests[0]
    return dict(sorted(found.items()))


def zone_words(graph: TrafficGraph, zone_id: str, name: str | None = None) -> str:
    """A zone by its kind ("region use1", "zone a"): one tree of zones holds regions, zones
    and groups. A name that is its kind is quoted ("region 'region'")."""
    kind = graph.zones[zone_id].kind
    name = name or zone_id
    return f"{kind} '{name}'" if name == kind else f"{kind} {name}"
