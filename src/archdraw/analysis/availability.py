"""Expected availability of each client's requests, and the weakest link.

One instance is up a share `availability` of the time (a property; 0.999 by
default, per type in the library). A component's availability is the
probability that enough of its instances are up to carry today's load: with
n instances (`analysis.instances`) each serving `capacity_rps`, it needs
k = ceil(λ / capacity_rps) of them (1 when the capacity is unknown or nothing
arrives), and is up with the k-of-n binomial probability. A store that takes
writes and has no failover also needs the one instance holding a request's
data (its primary): p × P(at least k - 1 of the other n - 1 are up), which is
p for k = 1; read-only copies and caches need any k. Both are monotone in n:
another instance with the same figures never lowers them.

A component that needs more instances than it has (k > n: saturated today,
the growth view and AD209) is never up in this sense: its availability is 0,
not one instance's figure; `saturated` names it, and every client whose
requests it carries is 0 available until it has the capacity.

Zones fail as common causes, taking down (or degrading)
everything in them at once, with the availabilities in ZONE_AVAILABILITY
(zones carry no properties; groups never fail as a unit;
`--zone-availability` overrides them per kind).

Client availability combines the failure analysis with these figures:

    A(client) = Π over components and zones x of (1 - (1 - A_x) × L_x)

where L_x is the share of the client's requests lost when x alone fails
completely (from `archdraw.analysis.failure`, so caches, `calls`, queues and
shared dependencies are accounted for once each). For a chain of components
this is exactly the series product (99.9 % then 99.9 % gives 99.8001 %);
otherwise it ignores two failures at once, which changes the result by the
order of (1 - A)², far below the precision of any availability figure.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from archdraw.analysis.graph import TrafficGraph, build_graph, instance_availability, shared
from archdraw.analysis.traffic import arrival_rates
from archdraw.analysis.weakest import FAILURE_DOMAINS, SingleFailures
from archdraw.analysis.writes import StoreWork
from archdraw.library import Library
from archdraw.model import Design

CONTRIBUTORS_SHOWN = 3  # per client
ZONE_AVAILABILITY = {"zone": 0.9995, "region": 0.9999, "network": 0.9999, "group": 1.0}
HOURS_PER_YEAR = 24 * 365.25
VISIBLE_GAIN = 0.5e-6  # a gain under this prints as +0.0000 points: nothing a reader can see


@dataclass(frozen=True)
class ComponentAvailability:
    id: str
    instance: float  # one instance
    replicas: int
    needed: int  # k of the k-of-n: instances that carry today's load (may exceed `replicas`)
    availability: float  # the component as a whole (0 when saturated today)
    overloaded: bool  # saturated today: needs more instances than it has (k > n)
    instance_basis: str = "default"  # "stated" | "default" (the library's figure for its type)
    product_note: str = ""  # what a default figure describes
    # What k rests on: "stated" | "default" (the capacity's basis) | "unknown" (k = 1).
    capacity_basis: str = "unknown"
    arrival_rps: float = 0.0  # today's load λ
    capacity_rps: float | None = None  # per instance
    writes_fill: bool = False  # no k carries it: its writes alone fill each copy (shard it)


@dataclass(frozen=True)
class WeakLink:
    kind: str  # "component" | "zone"
    id: str
    availability: float
    gain: float  # design availability if this never failed, minus today's


@dataclass(frozen=True)
class SaturatedTogether:
    """Saturated components that share clients' requests: each alone gains nothing (its clients
    stay at 0 while another is saturated), so the weakest links would not name them."""

    ids: list[str]  # in design order
    gain: float  # design availability if all of them carried their load and never failed


@dataclass
class AvailabilityResult:
    design: float  # client availabilities weighted by rps
    clients: dict[str, float]
    components: dict[str, ComponentAvailability]
    zones: dict[str, float]
    weakest: list[WeakLink] = field(default_factory=list)
    # Per client, the causes costing it the most availability, worst first: each
    # WeakLink's `gain` is the share of that client's requests the cause loses.
    contributors: dict[str, list[WeakLink]] = field(default_factory=dict)
    # Components saturated today (k > n): availability 0, whatever their instances' figure.
    saturated: list[str] = field(default_factory=list)
    # Saturated components only fixing together raises availability (None: no such set).
    together: SaturatedTogether | None = None


@functools.cache  # components of one type share their figures: thousands of calls, few answers
def k_of_n(k: int, n: int, p: float) -> float:
    """Probability that at least k of n independent instances, each up with p, are up."""
    if k <= 0:
        return 1.0
    if k > n:
        return 0.0
    if p >= 1.0:
        return 1.0
    if p <= 0.0:
        return 0.0
    log_p, log_q = math.log(p), math.log1p(-p)

    def term(i: int) -> float:
        log_comb = math.lgamma(n + 1) - math.lgamma(i + 1) - math.lgamma(n - i + 1)
        return math.exp(log_comb + i * log_p + (n - i) * log_q)

    # Sum the shorter tail: fewer terms and no cancellation near 1.
    if k - 1 < n - k + 1:
        return max(0.0, 1.0 - math.fsum(term(i) for i in range(k)))
    return min(1.0, math.fsum(term(i) for i in range(k, n + 1)))


def percent_available(availability: float) -> str:
    """An availability as a person reads it: "99.9500 %" (four decimals, so a table's column
    lines up), but "0 %" and "100 %" when it is exactly that, and "under 0.0001 %" or "over
    99.9999 %" when four decimals would round it to a figure it is not."""
    if availability <= 0:
        return "0 %"
    if availability >= 1:
        return "100 %"
    shown = f"{availability * 100:.4f} %"
    if shown == "0.0000 %":
        return "under 0.0001 %"
    return "over 99.9999 %" if shown == "100.0000 %" else shown


def downtime_per_year(availability: float) -> str:
    hours = (1.0 - availability) * HOURS_PER_YEAR
    if hours <= 0:
        return "0 minutes"
    if hours * 60 < 0.05:  # "0.0 minutes" would read as none
        return "under 0.1 minutes"
    if hours >= 48:
        return f"{hours / 24:.1f} days"
    if hours >= 1:
        return f"{hours:.1f} hours"
    return f"{hours * 60:.1f} minutes"


def component_availability(
    library: Library, graph: TrafficGraph, node: int, work: StoreWork
) -> ComponentAvailability:
    instance = instance_availability(library, graph.components[node])
    replicas = graph.replicas[node]
    capacity = graph.capacity_rps[node]
    rate = work.rates[node]
    # k is not capped at n: a component that needs more instances than it has is
    # saturated, and capping k would count it as up (and make more replicas look worse).
    # A replicated store's machines each apply its writes: no k suffices when they fill one.
    needed, fill = 1, False
    if capacity and rate > 0:
        found = work.machines_needed(node, capacity)
        needed, fill = (replicas + 1, True) if found is None else (found, False)
    role = graph.roles.of(graph.ids[node])
    # A primary without failover needs its one primary instance and k - 1 of the others;
    # read-only copies and caches need any k of their copies.
    needs_primary = role is None or (role.writable and role.kind != "cache")
    if graph.stateful[node] and graph.failover[node] == "none" and needs_primary:
        whole = instance * k_of_n(needed - 1, replicas - 1, instance)  # 0 when k > n
    else:
        whole = k_of_n(needed, replicas, instance)
    basis = graph.basis(node, "availability")
    component = graph.components[node]
    note = (
        "" if basis == "stated" else f"the library's figure for any {component.type}, no product's"
    )
    return ComponentAvailability(
        graph.ids[node],
        instance,
        replicas,
        needed,
        whole,
        needed > replicas,
        basis,
        note,
        graph.basis(node, "capacity_rps") if capacity else "unknown",
        rate,
        capacity,
        fill,
    )


# A WeakLink's fields, as ranked: a design has thousands of causes and shows a few.
_Link = tuple[str, str, float, float]


def _largest(links: list[_Link], count: int) -> list[WeakLink]:
    """The `count` links with the largest gain (among equals, the first listed first)."""
    links.sort(key=lambda link: -link[3])
    return [WeakLink(*link) for link in links[:count]]


def _product_without(
    causes: list[tuple[str, str, float, dict[int, float]]], left_out: set[str], client: int
) -> float:
    product = 1.0
    for _, element, available, lost in causes:
        if element not in left_out:
            product *= 1.0 - (1.0 - available) * lost.get(client, 0.0)
    return product


def analyze_availability(
    design: Design,
    library: Library,
    *,
    graph: TrafficGraph | None = None,
    top: int = 10,
    zone_availability: Mapping[str, float] | None = None,
) -> AvailabilityResult:
    """`zone_availability` overrides ZONE_AVAILABILITY per zone kind."""
    graph = graph or build_graph(design, library)
    zone_figures = {**ZONE_AVAILABILITY, **(zone_availability or {})}
    rates = arrival_rates(graph)
    work = StoreWork(graph, rates)
    components = {
        graph.ids[n]: component_availability(library, graph, n, work) for n in shared(graph)
    }
    # Every single cause of failure: its unavailability and the share of each client it loses.
    # (What cannot lose requests alone is no cause: it would multiply every client by 1.)
    failures = SingleFailures(graph, rates)
    causes: list[tuple[str, str, float, dict[int, float]]] = []
    for node in shared(graph):
        if failures.may_lose(node):
            lost = failures.component(node, whole=True)[0]
            figures = components[graph.ids[node]]
            causes.append(("component", graph.ids[node], figures.availability, lost))
    zones: dict[str, float] = {}
    for zone in graph.zones.values():
        zones[zone.id] = zone_figures.get(zone.kind, 1.0)
        if zone.kind in FAILURE_DOMAINS and zones[zone.id] < 1.0:
            causes.append(("zone", zone.id, zones[zone.id], failures.zone(zone.id)[0]))

    clients = {c: 1.0 for c in graph.sources}
    costs: dict[str, list[_Link]] = {graph.ids[c]: [] for c in graph.sources}
    for kind, element, available, lost in causes:
        for client, share in lost.items():
            clients[client] *= 1.0 - (1.0 - available) * share
            cost = (1.0 - available) * share
            costs[graph.ids[client]].append((kind, element, available, cost))
    contributors = {client: _largest(links, CONTRIBUTORS_SHOWN) for client, links in costs.items()}
    weights = {c: graph.rps[c] for c in graph.sources}
    total = sum(weights.values())

    def design_figure(values: dict[int, float]) -> float:
        if total <= 0:
            return sum(values.values()) / len(values) if values else 1.0
        return sum(values[c] * weights[c] for c in values) / total

    today = design_figure(clients)
    gains: list[_Link] = []
    for kind, element, available, lost in causes:
        if not lost or available >= 1.0:
            continue
        improved = dict(clients)
        for client, share in lost.items():
            factor = 1.0 - (1.0 - available) * share
            if factor > 0:
                improved[client] = clients[client] / factor
            else:  # cannot divide out a zero: multiply the other causes again
                improved[client] = _product_without(causes, {element}, client)
        gains.append((kind, element, available, design_figure(improved) - today))
    saturated = [cid for cid, figures in components.items() if figures.overloaded]
    together = _saturated_together(causes, gains, set(saturated), clients, design_figure)
    return AvailabilityResult(
        design=today,
        clients={graph.ids[c]: value for c, value in clients.items()},
        components=components,
        zones=zones,
        weakest=_largest(gains, top),
        contributors=contributors,
        saturated=saturated,
        together=together,
    )


def _saturated_together(
    causes: list[tuple[str, str, float, dict[int, float]]],
    gains: list[_Link],
    saturated: set[str],
    clients: dict[int, float],
    design_figure: Callable[[dict[int, float]], float],
) -> SaturatedTogether | None:
    """The saturated causes whose own gain is invisible (another saturated component keeps
    their clients at 0), with what the design gains were none of them a cause: None unless
    two or more such causes exist."""
    visible = {link[1] for link in gains if link[3] >= VISIBLE_GAIN}
    stuck = [
        cause
        for cause in causes
        if cause[0] == "component"
        and cause[1] in saturated
        and cause[3]
        and cause[1] not in visible
    ]
    if len(stuck) < 2:
        return None
    left_out = {cause[1] for cause in stuck}
    improved = dict(clients)
    for client in {client for cause in stuck for client in cause[3]}:
        improved[client] = _product_without(causes, left_out, client)
    gain = design_figure(improved) - design_figure(clients)
    return SaturatedTogether([cause[1] for cause in stuck], gain)
