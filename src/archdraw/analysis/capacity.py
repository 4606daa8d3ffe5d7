"""Growth analysis: arrival rates, utilization, queueing latency and where it saturates.

The contract (issue 8): a component's arrival rate λ is the sum over its
incoming sync and async links of the sender's rate times the link's `calls`
(times 1 - `hit_ratio` when the sender is a cache, CDN or device cache);
a traffic source adds its own `rps`. Utilization ρ = λ / (replicas ×
capacity_rps); for replicas we run, waiting Wq from Erlang C with c = replicas,
μ = capacity_rps, and response = latency_ms (default 1/μ) × (1 + Wq·μ). A service we
do not run (a third party's, or one its provider runs: `graph.runs_replicas` false) is
one service whose capacity_rps is the account's quota: it answers in latency_ms at any
load below the quota and is saturated (over quota: the excess refused) at or above it
(`archdraw.analysis.queueing.response_ms`, the one place response time is computed).

End-to-end latency: a component waits for each sync call it makes, one after
another (fan-out is summed, weighted by `calls`, and by the miss share after
a cache). The sender does not wait on an async link at all, and a sync call
to a queue or stream waits for the enqueue (the receiver's response time),
not for the consumers; over a link that closes a cycle it waits for the
receiver's own response only. A client's sync links are separate kinds of
requests, so its latency is their mean weighted by `calls`. Components
without `capacity_rps` are unknown: they add their `latency_ms` (or nothing)
without queueing and are listed, never guessed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from archdraw.analysis.graph import Edge, TrafficGraph, build_graph
from archdraw.analysis.paths import passes_on
from archdraw.analysis.queueing import response_ms
from archdraw.analysis.traffic import arrival_rates, partial_rates, unknown_writes
from archdraw.analysis.writes import StoreWork
from archdraw.library import Library
from archdraw.model import Design

# Replicas are suggested to keep utilization at or under this (the editor's amber line).
TARGET_UTILIZATION = 0.7


@dataclass(frozen=True)
class ComponentLoad:
    id: str
    arrival_rps: float
    servers: int  # replicas serving (fewer after a failure; 0 when down)
    capacity_rps: float | None  # per replica; None = unknown
    utilization: float | None
    wait_probability: float | None
    wq_ms: float | None
    response_ms: float | None  # None when saturated, down or unknown
    saturates_at: float | None  # growth factor where utilization reaches 1
    # To stay under TARGET_UTILIZATION at this growth; None: not ours to run, or no count
    # does (`writes_saturate`).
    replicas_needed: int | None
    capacity_basis: str | None = None  # "stated" | "default" (None: unknown)
    rate_basis: str = "derived"  # "derived" | "lower bound" (a source's rate is unknown)
    # The writes each copy applies, at this growth: over links marked `writes: true`, plus
    # `replicated_rps`, a drawn copy's from its replication sources (not in arrival_rps).
    writes_rps: float = 0.0
    copies: int = 1  # each write is applied on this many machines (a store's copies)
    # On its machines: reads + writes_rps x copies, reads = arrival_rps - (writes_rps -
    # replicated_rps).
    work_rps: float = 0.0
    replicated_rps: float = 0.0
    # A store whose writes alone keep each machine over the target: replicas do not help
    # (each copy applies every write of its partition), shards do.
    writes_saturate: bool = False


@dataclass(frozen=True)
class ClientLatency:
    id: str
    rps: float
    latency_ms: float | None  # None when a component on its sync path is saturated or down
    branches: dict[str, float | None]  # first hop -> its latency
    unknown: list[str]  # on the path without capacity_rps: counted without queueing
    saturated: list[str]  # on the path and saturated (or down)


@dataclass
class GrowthResult:
    growth: float
    components: dict[str, ComponentLoad]
    clients: dict[str, ClientLatency]
    bottleneck: str | None  # from stated capacities first (see `bottleneck_basis`)
    saturated: list[str]  # at this growth, first to saturate first
    unknown: list[str]  # carry traffic but have no capacity_rps
    cycle_links: list[str]
    partial: list[str] = field(default_factory=list)  # lower bounds (`partial_rates`)
    bottleneck_basis: str | None = None  # "stated" | "default": its capacity's basis
    first_assumed: str | None = None  # saturates before the bottleneck, on a default capacity
    unknown_sources: list[str] = field(default_factory=list)  # sources with no stated rps
    unknown_writes: list[str] = field(default_factory=list)  # change streams of unknown rate
    summary: str = ""
    titles: dict[str, str] = field(default_factory=dict)


def analyze_growth(
    design: Design,
    library: Library,
    growth: float = 1.0,
    *,
    graph: TrafficGraph | None = None,
    servers: list[int] | None = None,
) -> GrowthResult:
    """Load, queueing and latency with every client's traffic times `growth`.

    `servers` overrides the replicas serving each component (a failure
    scenario: fewer replicas, 0 for down).
    """
    graph = graph or build_graph(design, library)
    growth = max(0.0, growth)
    base = arrival_rates(graph, 1.0)
    work = StoreWork(graph, base)
    partial = partial_rates(graph)
    serving = servers if servers is not None else graph.replicas
    loads = [
        _load(graph, node, work, growth, serving[node], partial[node]) for node in range(len(graph))
    ]
    responses = [_response(graph, node, loads[node]) for node in range(len(graph))]
    ends = _end_to_end(graph, responses)
    clients = {
        graph.ids[node]: _client(graph, node, growth, responses, ends) for node in graph.sources
    }
    known = [load for load in loads if load.saturates_at is not None]
    known.sort(key=lambda load: (load.saturates_at, graph.index[load.id]))
    stated = [load for load in known if load.capacity_basis == "stated"]
    ranked = stated or known
    bottleneck = ranked[0] if ranked else None
    first = known[0] if known else None
    saturated = [
        load.id for load in known if load.utilization is not None and load.utilization >= 1
    ]
    sources = set(graph.sources)
    # A phone's own storage is one per user: no shared capacity to saturate or to state;
    # nor is a capacity asked of a type that cannot state one (a DNS).
    unknown = [
        graph.ids[node]
        for node in range(len(graph))
        if graph.capacity_rps[node] is None
        and (base[node] > 0 or partial[node] or work.replicated[node] > 0)
        and node not in sources
        and not graph.on_device[node]
        and _can_state_capacity(library, graph.components[node].type)
    ]
    result = GrowthResult(
        growth=growth,
        components={load.id: load for load in loads},
        clients=clients,
        bottleneck=None if bottleneck is None else bottleneck.id,
        bottleneck_basis=None if bottleneck is None else bottleneck.capacity_basis,
        first_assumed=first.id if first is not None and first is not bottleneck else None,
        unknown_sources=[graph.ids[s] for s in graph.sources if not graph.rate_known[s]],
        unknown_writes=[graph.ids[n] for n in unknown_writes(graph)],
        saturated=saturated,
        unknown=unknown,
        cycle_links=graph.cycle_links,
        partial=[graph.ids[n] for n in range(len(graph)) if partial[n] and n not in sources],
        titles={c.id: c.title for c in graph.components},
    )
    # Imported here: the summary reads this module's result types.
    from archdraw.analysis.growth_summary import growth_summary

    result.summary = growth_summary(result, graph)
    return result


def _load(
    graph: TrafficGraph, node: int, work: StoreWork, growth: float, servers: int, partial: bool
) -> ComponentLoad:
    arrival = work.rates[node] * growth
    capacity = graph.capacity_rps[node]
    rate_basis = "lower bound" if partial else "derived"
    # The machines' work: a replicated store applies each write on every copy.
    base_work = work.work(node, 1.0, servers)
    writes, copies = work.applies(node) * growth, work.copies[node]
    replicated = work.replicated[node] * growth
    if capacity is None:
        return ComponentLoad(
            graph.ids[node],
            arrival,
            servers,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            rate_basis=rate_basis,
            writes_rps=writes,
            replicated_rps=replicated,
            copies=copies,
            work_rps=base_work * growth,
        )
    basis = graph.basis(node, "capacity_rps")
    saturates_at = servers * capacity / base_work if base_work > 0 and servers > 0 else None
    ours = graph.runs_replicas[node]
    # A service we do not run grows with its provider (a higher quota), not by replicas.
    needed = work.replicas_needed(node, capacity, TARGET_UTILIZATION, growth) if ours else None
    # Each copy applies every write: when the writes alone fill a machine, no count does.
    saturate = ours and needed is None
    if servers == 0:
        return ComponentLoad(
            graph.ids[node],
            arrival,
            0,
            capacity,
            None,
            None,
            None,
            None,
            None,
            needed,
            capacity_basis=basis,
            rate_basis=rate_basis,
            writes_rps=writes,
            replicated_rps=replicated,
            copies=copies,
            work_rps=base_work * growth,
            writes_saturate=saturate,
        )
    queue, response = response_ms(
        base_work * growth, capacity, servers, graph.latency_ms[node], ours=ours
    )
    return ComponentLoad(
        id=graph.ids[node],
        arrival_rps=arrival,
        servers=servers,
        capacity_rps=capacity,
        utilization=queue.utilization,
        wait_probability=queue.wait_probability,
        wq_ms=None if queue.wq_s is None else queue.wq_s * 1000.0,
        response_ms=None if math.isinf(response) else response,
        saturates_at=saturates_at,
        replicas_needed=needed,
        capacity_basis=basis,
        rate_basis=rate_basis,
        writes_rps=writes,
        replicated_rps=replicated,
        copies=copies,
        work_rps=base_work * growth,
        writes_saturate=saturate,
    )


def _response(graph: TrafficGraph, node: int, load: ComponentLoad) -> float:
    """This component's own time per request in ms (inf when saturated or down)."""
    if node in graph.sources and graph.capacity_rps[node] is None:
        return 0.0  # the requester itself: its own time is not part of the answer
    if load.capacity_rps is None:
        return graph.latency_ms[node] or 0.0
    return math.inf if load.response_ms is None else load.response_ms


def _weighted(weight: float, value: float) -> float:
    # 0 × inf is nan; a link that carries nothing adds nothing.
    return 0.0 if weight == 0 else weight * value


def _end_to_end(
    graph: TrafficGraph, responses: list[float]
) -> tuple[list[float], dict[int, float]]:
    """Each component's time per request, its calls included, and for a store with a change
    stream the time of a write (its reads wait on none of its links out)."""
    totals = list(responses)
    written: dict[int, float] = {}
    for node in reversed(graph.order):
        if graph.buffer[node]:
            continue  # the sender waits for the enqueue, not for the consumers
        downstream = 0.0
        for edge in graph.out_edges[node]:
            if edge.kind == "sync":
                value = _arriving(edge, totals, written)
                downstream += _weighted(edge.calls * graph.edge_miss(edge), value)
        for edge in graph.back_out[node]:
            if edge.kind == "sync":
                downstream += _weighted(edge.calls * graph.edge_miss(edge), responses[edge.target])
        total = responses[node] + _weighted(graph.miss[node], downstream)
        if graph.change_stream[node]:
            written[node] = total
        else:
            totals[node] = total
    return totals, written


def _arriving(edge: Edge, totals: list[float], written: dict[int, float]) -> float:
    """The time of a call over `edge`: a write's, when it writes to a store with a change
    stream (`_end_to_end`)."""
    if edge.writes:
        return written.get(edge.target, totals[edge.target])
    return totals[edge.target]


def _client(
    graph: TrafficGraph,
    node: int,
    growth: float,
    responses: list[float],
    ends: tuple[list[float], dict[int, float]],
) -> ClientLatency:
    totals, written = ends
    branches: dict[str, float | None] = {}
    weight_sum = 0.0
    weighted = 0.0
    for edge in graph.out_edges[node]:
        if edge.kind != "sync":
            continue
        value = _arriving(edge, totals, written)
        branches[graph.ids[edge.target]] = None if math.isinf(value) else value
        weight_sum += edge.calls
        weighted += _weighted(edge.calls, value)
    latency = weighted / weight_sum if weight_sum > 0 else None
    unknown, saturated = _path_notes(graph, node, responses)
    return ClientLatency(
        id=graph.ids[node],
        rps=graph.rps[node] * growth,
        latency_ms=None if latency is None or math.isinf(latency) else latency,
        branches=branches,
        unknown=unknown,
        saturated=saturated,
    )


def _can_state_capacity(library: Library, type_id: str) -> bool:
    spec = library.get(type_id)
    return spec is None or "capacity_rps" in spec.properties


def _path_notes(
    graph: TrafficGraph, client: int, responses: list[float]
) -> tuple[list[str], list[str]]:
    """Components on the client's request path with unknown capacity, and saturated ones."""
    seen: set[int] = set()
    walked: set[tuple[int, bool]] = set()  # a component, and whether the call to it writes
    stack = [e for e in graph.out_edges[client] if e.calls > 0 and e.kind == "sync"]
    while stack:
        edge = stack.pop()
        step = (edge.target, edge.writes is True)
        if step in walked:
            continue
        walked.add(step)
        seen.add(edge.target)
        if not passes_on(graph, *step):
            continue  # a read of a store: its change stream is not on the read's path
        if not graph.hands_off(edge.target):
            stack.extend(
                e for e in graph.out_edges[edge.target] if e.calls > 0 and e.kind == "sync"
            )
        seen.update(
            e.target for e in graph.back_out[edge.target] if e.calls > 0 and e.kind == "sync"
        )
    ordered = sorted(seen)
    unknown = [
        graph.ids[n]
        for n in ordered
        if graph.capacity_rps[n] is None and n not in graph.sources and not graph.on_device[n]
    ]
    saturated = [graph.ids[n] for n in ordered if math.isinf(responses[n])]
    return unknown, saturated
