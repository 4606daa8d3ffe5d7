"""The one traffic model: clients' rates through links' `calls` to per-component arrival rates.

A component's arrival rate is what its sources send at their burst (`rps` times
`peak_factor`, a daily or hourly peak) times the `calls` of every link on the
way: a link carries `calls` requests for each request its sender receives (below 1: the
share of requests that make the call), a cache, CDN or device cache passes on only its
misses (1 - `hit_ratio`), a caller reading a store through a cache it also calls
(cache-aside) reads the store only on misses, and a link that closes a cycle counts once at
its receiver (see `archdraw.analysis.graph`). Lint, the analyses, the editor's overlay and
the exports all read rates from here.

A source without a stated `rps` has an unknown rate: it adds nothing to the rates, and
every component it reaches is marked `partial` (its rate is at least the figure given).
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass

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
    extra = [0.0] * len(rates)
    for edge in graph.back_edges:
        share = passed[edge.source] if edge.aside < 0 else passed[edge.aside]
        extra[edge.target] += rates[edge.source] * share * edge.calls
    return [rate + more for rate, more in zip(rates, extra, strict=True)]


def sent_rates(
    graph: TrafficGraph, growth: float = 1.0, passed: Sequence[float] | None = None
) -> list[float]:
    """What each component's links carry on from, per request it passes on: its arrival
    rate without what links closing a cycle bring it (counted at it, not passed on)."""
    base = growth == 1.0 and (passed is None or passed is graph.miss)
    if base and graph.base_sent is not None:
        return list(graph.base_sent)  # a copy: callers may change theirs
    passed = graph.miss if passed is None else passed
    rates = [rps * peak * growth for rps, peak in zip(graph.rps, graph.peak, strict=True)]
    for node in graph.order:
        sent = rates[node]
        if sent == 0:
            continue
        onward = sent * passed[node]
        for edge in graph.out_edges[node]:
            share = onward if edge.aside < 0 else sent * passed[edge.aside]
            rates[edge.target] += share * edge.calls
    if base:
        graph.base_sent = list(rates)
    return rates


def added_rates(
    graph: TrafficGraph, rates: Sequence[float], miss: dict[int, float]
) -> dict[int, float]:
    """The arrivals added when some components pass on a larger share (`miss`: node -> its
    new share, a cache that lost nodes), by node, visiting only what lies downstream.

    Rates are linear in what each component passes on, so the change can be followed on
    its own, in topological order, from the components whose share changed (and the
    callers that read a store aside of one of them)."""
    old = graph.miss

    def passed(node: int) -> float:
        return miss.get(node, old[node])

    added: dict[int, float] = {}
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
        for onward, edges in ((True, graph.out_edges[node]), (False, graph.back_out[node])):
            for edge in edges:
                share = node if edge.aside < 0 else edge.aside
                delta = (after * passed(share) - before * old[share]) * edge.calls
                if delta == 0:
                    continue
                target = edge.target
                added[target] = added.get(target, 0.0) + delta
                if onward and target not in seen:  # a cycle's link: counted, not passed on
                    seen.add(target)
                    heapq.heappush(heap, (graph.position[target], target))
    return added


def partial_rates(graph: TrafficGraph) -> list[bool]:
    """True where a source of unknown rate sends traffic too (the rate is a lower bound)."""
    unknown = [s for s in graph.sources if not graph.rate_known[s]]
    reached = [False] * len(graph)
    stack = list(unknown)
    for node in stack:
        reached[node] = True
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
    partial: frozenset[str]  # reached by a source whose rate is unknown (not that source)
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
