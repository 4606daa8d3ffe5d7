"""The traffic graph both analyses share: who sends requests to whom, as a DAG.

Requests flow along `sync` and `async` links, in the direction of the arrow;
`replication` links copy data and carry no requests. Designs may draw cycles
(a service calling back into its caller, two services calling each other).
Traffic round a cycle would never settle, so the graph is cut into a DAG with
a depth-first search that starts at the traffic sources (in design order),
then at every other component: a link that closes a cycle (points at a
component still on the search stack) is a *back edge* (a worker writing back
to the database whose change feed woke it). A back edge's traffic is counted
once at its receiver, but not passed on from there (that would go round the
cycle for ever); a sender over a sync back edge waits for the receiver's own
answer only. Back edges are listed as `cycle_links`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from archdraw.library import Library
from archdraw.model import Component, Design, Zone

# Components whose `hit_ratio` answers requests without passing them on.
CACHING_TYPES = frozenset({"cache", "cdn", "device_cache"})
# Buffers: a request is done once one of these accepts the message, whatever the
# link kind; the consumers behind them work later (their failure delays, not fails).
BUFFER_TYPES = frozenset({"queue", "stream"})


@dataclass(frozen=True)
class Edge:
    source: int
    target: int
    kind: str  # "sync" | "async"
    calls: float
    key: str


@dataclass
class TrafficGraph:
    """Index-based views of a design for the analyses (built once, read many times)."""

    ids: list[str]
    components: list[Component]
    index: dict[str, int]
    out_edges: list[list[Edge]]
    in_edges: list[list[Edge]]
    order: list[int]  # topological: every DAG edge goes from earlier to later
    back_edges: list[Edge]
    back_out: list[list[Edge]]
    back_in: list[list[Edge]]
    sources: list[int]  # components with an `rps`: where traffic starts
    rps: list[float]
    miss: list[float]  # share of requests passed on (1 - hit_ratio for caches)
    replicas: list[int]
    zones_spanned: list[int]
    failover: list[str]
    stateful: list[bool]
    capacity_rps: list[float | None]
    latency_ms: list[float | None]
    zone_of: list[str | None]
    buffer: list[bool]
    on_device: list[bool]  # client-category types: one per user, never one shared failure
    fallback: list[bool]
    zones: dict[str, Zone] = field(default_factory=dict)
    zone_ancestors: dict[str, list[str]] = field(default_factory=dict)
    position: list[int] = field(default_factory=list)  # index of each node in `order`

    def __post_init__(self) -> None:
        self.position = [0] * len(self.order)
        for place, node in enumerate(self.order):
            self.position[node] = place

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def cycle_links(self) -> list[str]:
        return [edge.key for edge in self.back_edges]

    def instances(self, node: int) -> int:
        """Instances that can fail one at a time: `replicas`, or `zones` when that is more.

        Spreading over three zones takes at least three instances, so a managed
        service drawn with replicas 1 and zones 3 (object storage) has three.
        """
        return max(self.replicas[node], self.zones_spanned[node])

    def hands_off(self, node: int) -> bool:
        """True when requests stop at this node: a buffer, or a cache that answers all."""
        return self.buffer[node] or self.miss[node] == 0

    def ancestors(self, nodes: set[int]) -> set[int]:
        """Every component that can reach one of `nodes` (nodes included), back edges too."""
        seen = set(nodes)
        stack = list(nodes)
        while stack:
            node = stack.pop()
            for edge in (*self.in_edges[node], *self.back_in[node]):
                if edge.source not in seen:
                    seen.add(edge.source)
                    stack.append(edge.source)
        return seen

    def zones_containing(self, component: int) -> list[str]:
        """The component's zone and every zone enclosing it, innermost first."""
        zone = self.zone_of[component]
        if zone is None:
            return []
        return [zone, *self.zone_ancestors.get(zone, [])]


def _number(value: object, default: float | None) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return default
    number = float(value)
    return number if math.isfinite(number) else default


def _count(value: object) -> int:
    number = _number(value, 1.0)
    return max(1, int(number or 1))


def build_graph(design: Design, library: Library) -> TrafficGraph:
    components = list(design.components)
    ids = [c.id for c in components]
    index = {cid: i for i, cid in enumerate(ids)}
    edges: list[list[Edge]] = [[] for _ in ids]
    for link in design.links:
        if link.kind == "replication" or link.source not in index or link.target not in index:
            continue
        calls = _number(library.link_prop(link.props, "calls"), 1.0) or 0.0
        source, target = index[link.source], index[link.target]
        edges[source].append(Edge(source, target, link.kind, max(0.0, calls), link.key))

    rps = [max(0.0, _number(library.prop(c, "rps"), 0.0) or 0.0) for c in components]
    sources = [i for i, c in enumerate(components) if library.prop(c, "rps") is not None]
    order, back = _cut_cycles(len(ids), edges, sources)
    back_keys = {(e.source, e.target, e.key) for e in back}
    out_edges = [[e for e in row if (e.source, e.target, e.key) not in back_keys] for row in edges]
    in_edges: list[list[Edge]] = [[] for _ in ids]
    for row in out_edges:
        for edge in row:
            in_edges[edge.target].append(edge)
    back_out: list[list[Edge]] = [[] for _ in ids]
    back_in: list[list[Edge]] = [[] for _ in ids]
    for edge in back:
        back_out[edge.source].append(edge)
        back_in[edge.target].append(edge)

    zones = design.zone_index()
    return TrafficGraph(
        ids=ids,
        components=components,
        index=index,
        out_edges=out_edges,
        in_edges=in_edges,
        order=order,
        back_edges=back,
        back_out=back_out,
        back_in=back_in,
        sources=sources,
        rps=rps,
        miss=[_miss_share(c, library) for c in components],
        replicas=[_count(library.prop(c, "replicas")) for c in components],
        zones_spanned=[_count(library.prop(c, "zones")) for c in components],
        failover=[str(library.prop(c, "failover") or "none") for c in components],
        stateful=[library.is_stateful(c) for c in components],
        capacity_rps=[_positive(library.prop(c, "capacity_rps")) for c in components],
        latency_ms=[_non_negative(library.prop(c, "latency_ms")) for c in components],
        zone_of=[c.zone if c.zone in zones else None for c in components],
        buffer=[c.type in BUFFER_TYPES for c in components],
        on_device=[_category(library, c) == "client" for c in components],
        fallback=[library.prop(c, "fallback") is True for c in components],
        zones=zones,
        zone_ancestors=_zone_ancestors(zones),
    )


def _category(library: Library, component: Component) -> str | None:
    component_type = library.get(component.type)
    return None if component_type is None else component_type.category


def shared(graph: TrafficGraph) -> list[int]:
    """Components that can fail for everyone at once: not sources, not on users' devices."""
    sources = set(graph.sources)
    return [n for n in range(len(graph)) if n not in sources and not graph.on_device[n]]


def instance_availability(library: Library, component: Component) -> float:
    """One instance's `availability`, within 0..1."""
    value = library.prop(component, "availability")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return 1.0  # no figure (clients, user types without the property): never the cause
    return min(1.0, max(0.0, float(value)))


def _positive(value: object) -> float | None:
    number = _number(value, None)
    return number if number is not None and number > 0 else None


def _non_negative(value: object) -> float | None:
    number = _number(value, None)
    return number if number is not None and number >= 0 else None


def _miss_share(component: Component, library: Library) -> float:
    if component.type not in CACHING_TYPES:
        return 1.0
    hit = _number(library.prop(component, "hit_ratio"), 0.0) or 0.0
    return 1.0 - min(1.0, max(0.0, hit))


def _zone_ancestors(zones: dict[str, Zone]) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for zone_id, zone in zones.items():
        chain: list[str] = []
        parent = zone.parent
        # The loader rejects zone cycles; the guard keeps a hand-built design from looping.
        while parent is not None and parent in zones and parent not in chain and parent != zone_id:
            chain.append(parent)
            parent = zones[parent].parent
        result[zone_id] = chain
    return result


def _cut_cycles(
    count: int, edges: list[list[Edge]], sources: list[int]
) -> tuple[list[int], list[Edge]]:
    """Topological order of the DAG left after removing back edges, and the back edges.

    Iterative depth-first search (designs may be deep); starting at the sources
    means a cycle is cut at the link that points back towards the traffic.
    """
    state = [0] * count  # 0 unseen, 1 on the stack, 2 done
    postorder: list[int] = []
    back: list[Edge] = []
    starts = [*sources, *range(count)]
    for start in starts:
        if state[start]:
            continue
        state[start] = 1
        stack: list[tuple[int, int]] = [(start, 0)]
        while stack:
            node, position = stack[-1]
            row = edges[node]
            if position < len(row):
                stack[-1] = (node, position + 1)
                edge = row[position]
                if state[edge.target] == 1:
                    back.append(edge)
                elif state[edge.target] == 0:
                    state[edge.target] = 1
                    stack.append((edge.target, 0))
                continue
            state[node] = 2
            postorder.append(node)
            stack.pop()
    postorder.reverse()
    return postorder, back
