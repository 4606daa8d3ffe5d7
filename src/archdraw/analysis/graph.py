"""The traffic graph every analysis (and lint) shares: who sends requests to whom, as a DAG.

Requests flow along `sync` and `async` links, in the direction of the arrow;
`replication` links copy data and carry no requests. Traffic starts at the
sources (clients, and any component that states an `rps`); a source without a
stated `rps` has an unknown rate (`rate_known`), never a library default.

Designs may draw cycles (a service calling back into its caller, two services
calling each other). Traffic round a cycle would never settle, so the graph is
cut into a DAG with a depth-first search that starts at the traffic sources,
then at every other component, each taken in order of id, following each
component's links in order of target id: the cut, and so every rate, is the
same whatever the order of the file. A link that closes a cycle (points at a
component still on the search stack) is a *back edge* (a worker writing back
to the database whose change feed woke it). A back edge's traffic is counted
once at its receiver, but not passed on from there (that would go round the
cycle for ever); a sender over a sync back edge waits for the receiver's own
answer only. Back edges are listed as `cycle_links`.

Telemetry: a link into monitoring carries metrics, logs and traces, sampled and batched, not
one message per request: it carries no requests unless it states `calls`. Nor does a deploy,
a link out of CI/CD: it ships a release, not a request its target serves.

A store's links out (change data capture, an outbox relay, an object store's events) carry
its writes, not its reads: `change_stream` marks such stores (`archdraw.analysis.traffic`).

Cache-aside: a caller that links to a cache and to the store the cache fronts
(`archdraw.analysis.roles`) reads the store only on a miss, so its reads over
that link carry `calls x (1 - hit_ratio)` (its writes, `writes: true`, all go).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import compress
from operator import attrgetter

from archdraw.analysis.columns import NO_EDGES, Columns, node_columns, per_component
from archdraw.analysis.cut import cut_cycles
from archdraw.analysis.kinds import BUFFER_TYPES, CACHING_TYPES, DEPLOY_TYPES, TypeFacts, number
from archdraw.analysis.links import LinkTable
from archdraw.analysis.roles import (
    ROLE_LINK_PROPERTIES,
    ROLE_PROPERTIES,
    DataRoles,
    data_roles,
)
from archdraw.library import Library
from archdraw.model import Component, Design, Zone

__all__ = [
    "BUFFER_TYPES",
    "CACHING_TYPES",
    "GRAPH_LINK_PROPERTIES",
    "GRAPH_PROPERTIES",
    "Edge",
    "TrafficGraph",
    "build_graph",
]

# Every property `build_graph` reads (an incremental lint session re-runs a rule that reads
# the graph when one of them changes): components', then links'.
GRAPH_PROPERTIES = frozenset(
    {
        "rps",
        "hit_ratio",
        "replicas",
        "zones",
        "failover",
        "capacity_rps",
        "latency_ms",
        "fallback",
        "availability",
        "global",
        "managed",
        "in_process",
        "peak_factor",
        *ROLE_PROPERTIES,
    }
)
GRAPH_LINK_PROPERTIES = frozenset({"calls", "writes", "request", *ROLE_LINK_PROPERTIES})


# No `__init__`: `build_graph` fills each edge in field by field (as `LinkTable` fills its
# records), since an `__init__` would enter a fresh interpreter frame for every edge.
@dataclass(slots=True, init=False)
class Edge:
    """One link that carries requests, by component index (slotted: graphs hold thousands,
    and every analysis reads their fields over and over). `build_graph` fills it in; it is
    read-only from then on."""

    source: int
    target: int
    kind: str  # "sync" | "async"
    calls: float
    key: str
    writes: bool | None  # None: not stated (the library's default, false)
    aside: int  # cache-aside: the cache whose misses this read goes on (-1: none)
    lookup: bool  # to a DNS: `calls` < 1 are cached answers, which expire
    request: str | None  # `request`: the kind of the sender's requests it is made for

    @property
    def needed(self) -> float:
        """Calls per request that must succeed when the target fails: `calls`, except that a
        lookup cached for its TTL is needed again once the TTL runs out."""
        return 1.0 if self.lookup and 0 < self.calls < 1 else self.calls


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
    sources: list[int]  # where traffic starts (see `is_traffic_source`), by id
    rps: list[float]  # stated rates (0 where unknown)
    rate_known: list[bool]  # False only for a source without a stated `rps`
    miss: list[float]  # share of requests passed on (1 - hit_ratio for caches)
    replicas: list[int]  # instances serving (`archdraw.analysis.instances`)
    zones_spanned: list[int]
    instance_counts: list[int]
    failover: list[str]
    standby_out: list[list[Edge]]  # a failover entry's `calls: 0` links to its standbys
    stateful: list[bool]
    capacity_rps: list[float | None]
    latency_ms: list[float | None]
    stated_zone: list[str | None]  # the zone each states (see `zone_of`)
    buffer: list[bool]
    on_device: list[bool]  # client-category types: one per user, never one shared failure
    fallback: list[bool]
    runs_replicas: list[bool]  # its type takes `replicas` (ours to run, not a third party's)
    spans_zones: list[bool]  # `global: true`: no zone of its own, no single instance to lose
    provider_failover: list[bool]  # the provider promotes a copy (`failover` not stated)
    in_process: list[bool]  # `in_process: true`: fails only with its caller
    peak: list[float]  # `peak_factor`: the burst over a source's `rps` (1: none stated)
    burst: list[float]  # what a source sends at its burst: `rps` times `peak_factor`
    fails_for_all: list[bool]  # see `shared`
    written: set[int]  # the components some edge (a back edge too) writes into
    change_stream: list[bool]  # a store whose links out carry its writes (see traffic.py)

    def basis(self, node: int, name: str) -> str:
        """Where a property value came from: "stated" (in the file) or "default" (library).
        Read off the component itself: only the analyses' reports ask, for a few nodes."""
        return "stated" if name in self.components[node].props else "default"

    roles: DataRoles = field(default_factory=lambda: DataRoles({}))
    instance_basis: list[str] = field(default_factory=list)  # `archdraw.analysis.instances`
    zones: dict[str, Zone] = field(default_factory=dict)
    zone_ancestors: dict[str, list[str]] = field(default_factory=dict)
    position: list[int] = field(default_factory=list)  # index of each node in `order`
    _aside: dict[int, list[Edge]] | None = None
    # At growth 1, kept by `archdraw.analysis.traffic` for the next caller: the arrival rates
    # (lint's and its single points of failure's) and what each passes on (writes follow it).
    base_rates: list[float] | None = field(default=None, init=False, repr=False)
    base_sent: list[float] | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        position = self.position = [0] * len(self.order)
        for place, node in enumerate(self.order):
            position[node] = place

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def cycle_links(self) -> list[str]:
        return [edge.key for edge in self.back_edges]

    @cached_property
    def zone_of(self) -> list[str | None]:
        """The zone each component is in: the one it states, unless that is no zone of the
        design or it spans zones and regions on its own (`global: true`). Worked out on
        first read: only the zone failures ask."""
        zones = self.zones
        return [
            zone if zone in zones and not spans else None
            for zone, spans in zip(self.stated_zone, self.spans_zones, strict=True)
        ]

    @cached_property
    def stated_rps(self) -> float | None:
        """The sources' total rate when every one states it (what a share of all client
        requests is weighted by), else None."""
        if all(self.rate_known[c] for c in self.sources):
            return sum(self.rps[c] for c in self.sources)
        return None

    def instances(self, node: int) -> int:
        """Machines that can fail one at a time (`archdraw.analysis.instances`)."""
        return self.instance_counts[node]

    def aside_of(self, cache: int) -> list[Edge]:
        """The cache-aside reads that go on to a store on this cache's misses."""
        if self._aside is None:
            self._aside = {}
            for row in (*self.out_edges, *self.back_out):
                for edge in row:
                    if edge.aside >= 0:
                        self._aside.setdefault(edge.aside, []).append(edge)
        return self._aside.get(cache, [])

    def edge_miss(self, edge: Edge) -> float:
        """Share of the sender's requests that make the call (the cache-aside misses)."""
        return 1.0 if edge.aside < 0 else self.miss[edge.aside]

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


def build_graph(
    design: Design,
    library: Library,
    roles: DataRoles | None = None,
    table: LinkTable | None = None,
    columns: Columns | None = None,
) -> TrafficGraph:
    """The traffic graph of `design` (`roles`: its data roles, `table`: its link table,
    `columns`: its per-component columns, when already known)."""
    components = list(design.components)
    facts = TypeFacts(library)
    per = columns if columns is not None else per_component(components, facts, library)
    ids = per.ids
    index = dict(zip(ids, range(len(ids)), strict=True))
    table = table or LinkTable(design)
    roles = roles if roles is not None else data_roles(design, library, facts, table, per)
    # A component that sends nothing keeps the shared empty row (rows are read-only).
    edges: list[list[Edge]] = [NO_EDGES] * len(ids)
    # Each edge is filed under its receiver as it is made: senders are taken in order of
    # index, so each receiver's row lists its senders in that order (the links closing a
    # cycle are taken out once the cut has found them).
    in_edges: list[list[Edge]] = [[] for _ in ids]
    written: set[int] = set()
    types, lookup, telemetry = per.types, per.lookup, per.telemetry
    no_calls = facts.link_default("calls")
    unstated = _calls_and_writes(no_calls, None)  # most links state neither
    # Each distinct pair converted once (thousands of links state a few); typed: 1, true apart.
    converted = lru_cache(maxsize=None, typed=True)(_calls_and_writes)
    target_then_key = attrgetter("target", "key")
    aside_of = _cache_aside(index, roles, table, per)
    links_out = table.out
    for source, sender_id in enumerate(ids):
        sent = links_out.get(sender_id)
        if sent is None:
            continue
        row = edges[source] = []
        read_aside = aside_of.get(source)  # None for most: no store read through a cache
        deploys = types[source] in DEPLOY_TYPES  # a pipeline ships releases, not requests
        # Links in order of target id, then key: the cut below must not depend on file order.
        for link in sorted(sent, key=target_then_key) if len(sent) > 1 else sent:
            kind, target = link.kind, index.get(link.target)
            if kind == "replication" or target is None:
                continue
            props = link.props
            if (telemetry[target] or deploys) and "calls" not in props:
                continue  # metrics and logs, batched, or a deploy: not one message per request
            calls, writes = unstated
            if "calls" in props or "writes" in props:
                stated = props.get("calls", no_calls), props.get("writes")
                try:
                    calls, writes = converted(*stated)
                except TypeError:  # an unhashable value (a list): nothing to remember it by
                    calls, writes = _calls_and_writes(*stated)
            aside = read_aside.get(target, -1) if read_aside and not writes else -1  # writes all go
            edge = Edge()
            edge.source = source
            edge.target = target
            edge.kind = kind
            edge.calls = calls
            edge.key = link.key
            edge.writes = writes
            edge.aside = aside
            edge.lookup = lookup[target]
            edge.request = None  # the few links that name one are set below
            row.append(edge)
            in_edges[target].append(edge)
            if writes:
                written.add(target)
    for link in table.stating.get("request", ()):  # few links name one: set after the fact
        for edge in edges[index[link.source]] if link.source in index else ():
            if edge.key == link.key:
                edge.request = str(link.props["request"])
    sources = sorted(compress(range(len(ids)), per.source), key=ids.__getitem__)
    order, back = cut_cycles(ids, edges, sources)
    out_edges = list(edges)  # the rows of the senders of back edges are replaced below
    back_out = [NO_EDGES] * len(ids)  # few components close a cycle: the others share a row
    back_in = [NO_EDGES] * len(ids)
    for edge in back:
        back_out[edge.source] = [*back_out[edge.source], edge]
        back_in[edge.target] = [*back_in[edge.target], edge]
        in_edges[edge.target] = [e for e in in_edges[edge.target] if e is not edge]
    for sender in {edge.source for edge in back}:
        cut = {(e.target, e.key) for e in back_out[sender]}
        out_edges[sender] = [e for e in edges[sender] if (e.target, e.key) not in cut]
    zones = design.zone_index()
    return TrafficGraph(
        ids=ids,
        index=index,
        out_edges=out_edges,
        in_edges=in_edges,
        order=order,
        back_edges=back,
        back_out=back_out,
        back_in=back_in,
        sources=sources,
        written=written,
        change_stream=facts.change_streams(per.types, per.stateful, edges),
        zones=zones,
        zone_ancestors=_zone_ancestors(zones),
        **node_columns(components, per, roles, edges),
    )


def _calls_and_writes(calls: object, writes: object) -> tuple[float, bool | None]:
    """A link's calls per request (at least 0) and whether it writes (None: not stated)."""
    return max(0.0, number(calls, 1.0) or 0.0), None if writes is None else writes is True


def _cache_aside(
    index: dict[str, int], roles: DataRoles, table: LinkTable, per: Columns
) -> dict[int, dict[int, int]]:
    """A caller's reads of a store it also reads through a cache go only on the cache's
    misses: for each caller of a cache that fronts a store, that store -> the cache. When
    several caches front one store, the caller's last in order of id (as its links are
    followed) is the one."""
    fronted = sorted(
        (role.id, index[role.fronts])
        for role in roles.roles.values()
        if role.fronts is not None and role.id in index and role.fronts in index
    )
    found: dict[int, dict[int, int]] = {}
    telemetry, types = per.telemetry, per.types
    for cache_id, store in fronted:
        cache = index[cache_id]
        for link in table.into.get(cache_id, ()):
            caller = index.get(link.source)
            if link.kind == "replication" or caller is None:
                continue
            if (telemetry[cache] or types[caller] in DEPLOY_TYPES) and "calls" not in link.props:
                continue  # not followed (see `build_graph`)
            found.setdefault(caller, {})[store] = cache
    return found


def shared(graph: TrafficGraph) -> list[int]:
    """Components that can fail for everyone at once: not sources, not on users' devices,
    not a library running inside its caller (`in_process`: it fails with the caller)."""
    return list(compress(range(len(graph)), graph.fails_for_all))


def instance_availability(library: Library, component: Component) -> float:
    """One instance's `availability`, within 0..1."""
    value = library.prop(component, "availability")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return 1.0  # no figure (clients, user types without the property): never the cause
    return min(1.0, max(0.0, float(value)))


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
