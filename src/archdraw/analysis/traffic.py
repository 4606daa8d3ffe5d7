"""The one traffic model: clients' rates through links' `calls` to per-component arrival rates.

A component's arrival rate is what its sources send at their burst (`rps` times
`peak_factor`, a daily or hourly peak) times the `calls` of every link on the
way: a link carries `calls` requests for each request its sender receives (below 1: the
share of requests that make the call), a cache, CDN or device cache passes on only its
misses (1 - `hit_ratio`), a caller reading a store through a cache it also calls
(cache-aside) reads the store only on misses, and a link that closes a cycle counts once at
its receiver (see `archdraw.analysis.graph`). Lint, the analyses, the editor's overlay and
the exports all read rates from here.

A store's links out are its change stream (change data capture, a transactional outbox's
relay, an object store's event notifications, a trigger): they carry `calls` messages for
each write it takes, never for a read. Its writes are what arrives over its links marked
`writes: true` (the write rate W of `archdraw.analysis.writes`, except that writes over a
link closing a cycle are not passed on), plus any `rps` it states itself. So a read-heavy
store's indexer runs at the write rate, and a cache that fails sends the store more reads,
not its change stream more messages. A queue or stream is no store: every message it takes
was produced for its consumers, so they receive all of it.

A source without a stated `rps` has an unknown rate: it adds nothing to the rates, and
every component it reaches is marked `partial` (its rate is at least the figure given). So
is every component a store's change stream reaches when no link into the store states
`writes` (true or false): its writes are unknown (`unknown_writes`).
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress

from archdraw.analysis.graph import TrafficGraph, build_graph
from archdraw.library import Library
from archdraw.model import Design

# What the rates read: an incremental lint session re-runs a rule that uses them when one
# of these properties changes (components, then links).
TRAFFIC_PROPERTIES = frozenset({"rps", "peak_factor", "hit_ratio", "fronts"})
TRAFFIC_LINK_PROPERTIES = frozenset({"calls", "writes"})


def arrival_rates(
    graph: TrafficGraph, growth: float = 1.0, miss: Sequence[float] | None = None
) -> list[float]:
    """λ per component (requests per second) at the burst: every stated rate times its
    source's `peak_factor` and `growth`.

    `miss` overrides each component's passed-on share (a failed cache misses more).
    """
    if growth != 1.0 or miss is not None:
        return _arrival_rates(graph, growth, graph.miss if miss is None else miss)
    if graph.base_rates is None:
        graph.base_rates = _arrival_rates(graph, growth, graph.miss)
    return list(graph.base_rates)  # a copy: callers may change theirs


def _arrival_rates(graph: TrafficGraph, growth: float, passed: Sequence[float]) -> list[float]:
    rates = sent_rates(graph, growth, passed)
    # Closing a cycle: counted at the receiver, not passed on (see graph.py).
    extra: dict[int, float] = {}
    streams = graph.change_stream
    from_store = any(streams[edge.source] for edge in graph.back_edges)
    changes = store_changes(graph, rates, growth, passed) if from_store else {}
    for edge in graph.back_edges:
        source = edge.source
        if edge.aside < 0:
            share = passed_on(source, rates, passed, changes)
        else:
            share = rates[source] * passed[edge.aside]
        extra[edge.target] = extra.get(edge.target, 0.0) + share * edge.calls
    for node, more in extra.items():  # `rates` is this call's own list
        rates[node] += more
    return rates


def sent_rates(
    graph: TrafficGraph, growth: float = 1.0, passed: Sequence[float] | None = None
) -> list[float]:
    """What each component's links carry on from, per request it passes on: its arrival
    rate without what links closing a cycle bring it (counted at it, not passed on). A
    store with a change stream passes on its writes instead (`store_changes`)."""
    base = growth == 1.0 and (passed is None or passed is graph.miss)
    if base and graph.base_sent is not None:
        return list(graph.base_sent)  # a copy: callers may change theirs
    passed = graph.miss if passed is None else passed
    # Each source at its burst: `growth` 1 (most calls) leaves its rate as it is.
    rates = list(graph.burst) if growth == 1.0 else [burst * growth for burst in graph.burst]
    streams = graph.change_stream
    changes: dict[int, float] = {}  # what each store's change stream carries, per call
    out_edges = graph.out_edges
    for node in graph.order:
        sent = rates[node]
        if sent == 0:
            continue
        if streams[node]:  # a store's links carry its writes
            changes[node] = onward = _taken(graph, node, rates, passed, changes, growth)
            for edge in out_edges[node]:
                rates[edge.target] += onward * edge.calls
            continue
        onward = sent * passed[node]
        for edge in out_edges[node]:
            share = onward if edge.aside < 0 else sent * passed[edge.aside]
            rates[edge.target] += share * edge.calls
    if base:
        graph.base_sent = list(rates)
    return rates


def store_changes(
    graph: TrafficGraph,
    rates: Sequence[float],
    growth: float = 1.0,
    passed: Sequence[float] | None = None,
) -> dict[int, float]:
    """What the links of each store with a change stream (`change_stream`) carry on, per
    call, from the `sent_rates` at `growth` that `rates` are: the writes it takes (what
    arrives over its links marked `writes: true`, except over a link closing a cycle, which
    is not passed on) plus any rate it states itself."""
    passed = graph.miss if passed is None else passed
    changes: dict[int, float] = {}
    if any(graph.change_stream):
        stores = compress(range(len(graph)), graph.change_stream)
        for node in sorted(stores, key=graph.position.__getitem__):  # writers first
            changes[node] = _taken(graph, node, rates, passed, changes, growth)
    return changes


def passed_on(
    node: int, rates: Sequence[float], passed: Sequence[float], changes: dict[int, float]
) -> float:
    """What each link of `node` carries per call (a cache-aside read aside): its writes for
    a store with a change stream (`store_changes`), else its sent rate times the share it
    passes on."""
    found = changes.get(node)
    return rates[node] * passed[node] if found is None else found


def _taken(
    graph: TrafficGraph,
    node: int,
    rates: Sequence[float],
    passed: Sequence[float],
    changes: dict[int, float],
    growth: float,
) -> float:
    """`store_changes` of one store, its writers' already known."""
    taken = graph.burst[node] * growth
    for edge in graph.in_edges[node]:
        if edge.writes:  # never a cache-aside read: writes all go
            taken += passed_on(edge.source, rates, passed, changes) * edge.calls
    return taken


def added_rates(
    graph: TrafficGraph, rates: Sequence[float], miss: dict[int, float]
) -> dict[int, float]:
    """The arrivals added when some components pass on a larger share (`miss`: node -> its
    new share, a cache that lost nodes), by node, visiting only what lies downstream.

    Rates are linear in what each component passes on, so the change can be followed on
    its own, in topological order, from the components whose share changed (and the
    callers that read a store aside of one of them). A store with a change stream passes
    on the change in its writes alone (more misses are more reads, never more writes)."""
    old, streams = graph.miss, graph.change_stream

    def passed(node: int) -> float:
        return miss.get(node, old[node])

    added: dict[int, float] = {}
    added_writes: dict[int, float] = {}  # what arrives over links marked `writes: true`
    seeds = set(miss)
    for cache in miss:
        seeds.update(edge.source for edge in graph.aside_of(cache))
    heap = [(graph.position[node], node) for node in seeds]
    heapq.heapify(heap)
    seen = set(seeds)
    while heap:
        _, node = heapq.heappop(heap)
        before = rates[node]
        after = before + added.get(node, 0.0)
        changed = added_writes.get(node, 0.0) if streams[node] else None
        for onward, edges in ((True, graph.out_edges[node]), (False, graph.back_out[node])):
            for edge in edges:
                if changed is not None:
                    delta = changed * edge.calls
                else:
                    share = node if edge.aside < 0 else edge.aside
                    delta = (after * passed(share) - before * old[share]) * edge.calls
                if delta == 0:
                    continue
                target = edge.target
                added[target] = added.get(target, 0.0) + delta
                if onward and edge.writes:
                    added_writes[target] = added_writes.get(target, 0.0) + delta
                if onward and target not in seen:  # a cycle's link: counted, not passed on
                    seen.add(target)
                    heapq.heappush(heap, (graph.position[target], target))
    return added


def unknown_writes(graph: TrafficGraph) -> list[int]:
    """Stores with a change stream whose writes are unknown: no link into them states
    `writes` (true or false), and they state no rate of their own."""
    found = []
    if any(graph.change_stream):
        sources = set(graph.sources)
        for node in compress(range(len(graph)), graph.change_stream):
            links = (*graph.in_edges[node], *graph.back_in[node])
            if node not in sources and all(edge.writes is None for edge in links):
                found.append(node)
    return found


def partial_rates(graph: TrafficGraph) -> list[bool]:
    """True where a source of unknown rate sends traffic too, or the change stream of a
    store whose writes are unknown (`unknown_writes`): the rate is a lower bound."""
    unknown = [s for s in graph.sources if not graph.rate_known[s]]
    reached = [False] * len(graph)
    stack = list(unknown)
    for node in stack:
        reached[node] = True
    for store in unknown_writes(graph):  # the store's own rate is known, its writes not
        for edge in (*graph.out_edges[store], *graph.back_out[store]):
            if edge.calls > 0 and not reached[edge.target]:
                reached[edge.target] = True
                stack.append(edge.target)
    while stack:
        node = stack.pop()
        for edge in (*graph.out_edges[node], *graph.back_out[node]):
            if edge.calls > 0 and not reached[edge.target]:
                reached[edge.target] = True
                stack.append(edge.target)
    return reached


@dataclass(frozen=True)
class Traffic:
    """Arrival rates by component id, and which of them are lower bounds."""

    rates: dict[str, float]
    partial: frozenset[str]  # lower bounds (`partial_rates`), sources of unknown rate aside
    unknown_sources: list[str]  # sources without a stated `rps`, by id


def traffic(design: Design, library: Library, growth: float = 1.0) -> Traffic:
    """The traffic of `design` (what lint's rules read as `arrival_rps`)."""
    return traffic_of(build_graph(design, library), growth)


def rates_by_id(graph: TrafficGraph, growth: float = 1.0) -> dict[str, float]:
    """The arrival rates by component id (lint's `arrival_rps`: the rates alone)."""
    return dict(zip(graph.ids, arrival_rates(graph, growth), strict=True))


def traffic_of(graph: TrafficGraph, growth: float = 1.0) -> Traffic:
    partial = partial_rates(graph)
    return Traffic(
        rates=rates_by_id(graph, growth),
        partial=frozenset(
            graph.ids[n] for n in range(len(graph)) if partial[n] and graph.rate_known[n]
        ),
        unknown_sources=[graph.ids[s] for s in graph.sources if not graph.rate_known[s]],
    )
