"""A discrete-event simulation of the growth model, to check the formulas (SimPy).

The same model as `archdraw.analysis.capacity`, played out request by
request instead of solved:
- every client link sends a Poisson stream of rps × growth × `calls`
  requests per second (exponential gaps, seeded);
- a component we run with `capacity_rps` is `replicas` servers sharing one
  queue (a SimPy Resource); each request holds a server for an exponential
  time with mean 1/capacity_rps. Its time there (wait + service) is scaled by
  latency_ms·μ when `latency_ms` is set, exactly as the analysis stretches
  latency_ms by (1 + Wq·μ); without a capacity a component is a plain delay
  of `latency_ms` with no queue;
- a service we do not run (a third party's, or one its provider runs) holds
  every request in flight at once: a plain delay of its `latency_ms` (default
  1/capacity_rps) with no queue, its `capacity_rps` the account's quota that
  its utilization is measured against. Requests over the quota are not
  refused here: the analysis reports it saturated (over quota);
- after its own part a component makes its sync calls one after another
  (`calls` per request: the whole part always, the fraction with that
  probability), only for misses after a cache; a message sent over an async
  link goes on without the sender waiting, and a sync call to a queue or
  stream waits for the enqueue only, the consumers working on their own;
- a store's links out are its change stream (`archdraw.analysis.traffic`): it
  makes their calls for a request that came over a link marked `writes: true`
  only, never for a read;
- a write (a call over a link marked `writes: true`) to a replicated store we run
  is applied on each other copy of its partition too: one more service time on
  its servers per copy, which no caller waits for (`archdraw.analysis.writes`);
  and on every copy of each copy drawn behind its `replication` links.

Statistics are taken after a warm-up (the first tenth of the run).
Utilization is the offered load: the service time each request brings, counted
when it arrives, over the servers' time; it agrees with the formula (within
0.02 for the default run, or 4 % of the figure when saturated) at every load,
saturated included. The agreement test checks latency against the formulas for
utilizations up to 0.85; past that, queues converge slowly and a finite run
under-reports waiting (a saturated component's response is unbounded).
"""

from __future__ import annotations

import math
import random
from collections.abc import Generator
from dataclasses import dataclass
from typing import Any

import simpy

from archdraw.analysis.graph import Edge, TrafficGraph, build_graph
from archdraw.analysis.simulation_defaults import DEFAULT_REQUESTS
from archdraw.analysis.writes import replication_reach, write_copies, write_rates
from archdraw.library import Library
from archdraw.model import Design

WARMUP_SHARE = 0.1

Process = Generator[Any, Any, float]


@dataclass(frozen=True)
class SimulatedComponent:
    id: str
    arrivals: int
    arrival_rps: float
    utilization: float | None  # busy share of its servers; None without a capacity
    wq_ms: float | None
    response_ms: float | None


@dataclass(frozen=True)
class SimulationResult:
    growth: float
    seed: int
    duration_s: float
    requests: int
    components: dict[str, SimulatedComponent]
    clients: dict[str, float | None]  # mean latency of completed requests, ms


class _Stats:
    def __init__(self, count: int) -> None:
        self.arrivals = [0] * count
        self.busy = [0.0] * count
        self.wait = [0.0] * count
        self.own = [0.0] * count


class _Model:
    def __init__(self, graph: TrafficGraph, growth: float, seed: int, warmup: float) -> None:
        self.graph = graph
        self.growth = growth
        self.rng = random.Random(seed)
        self.env = simpy.Environment()
        self.warmup = warmup
        self.stats = _Stats(len(graph))
        self.servers = {
            node: simpy.Resource(self.env, capacity=graph.replicas[node])
            for node in range(len(graph))
            if graph.capacity_rps[node] is not None and graph.runs_replicas[node]
        }
        self.latencies: dict[int, list[float]] = {client: [] for client in graph.sources}
        self.copies = write_copies(graph)  # each write is applied on every copy
        self.drawn = replication_reach(graph, write_rates(graph))  # and on drawn copies

    def start(self) -> None:
        for client in self.graph.sources:
            for edge in self.graph.out_edges[client]:
                rate = (
                    self.graph.rps[client]
                    * self.graph.peak[client]
                    * self.growth
                    * edge.calls
                    * self.graph.edge_miss(edge)
                )
                if rate > 0:
                    self.env.process(self._arrivals(client, edge, rate))

    def _arrivals(self, client: int, edge: Edge, rate: float) -> Generator[Any, Any, None]:
        while True:
            yield self.env.timeout(self.rng.expovariate(rate))
            self.env.process(self._request(client, edge))

    def _request(self, client: int, edge: Edge) -> Process:
        started = self.env.now
        elapsed = yield from self._call(edge)
        if started >= self.warmup and edge.kind == "sync":
            self.latencies[client].append(elapsed)
        return elapsed

    def _apply(self, edge: Edge) -> None:
        """A write to a replicated store is applied on each other copy of its partition too,
        and on every copy of the copies drawn behind its `replication` links: work that no
        caller waits for."""
        if not edge.writes:
            return
        if edge.target in self.servers:
            for _ in range(self.copies[edge.target] - 1):
                self.env.process(self._applied(edge.target))
        for copy in self.drawn.get(edge.target, ()):
            if copy in self.servers:
                for _ in range(self.copies[copy]):
                    self.env.process(self._applied(copy))

    def _applied(self, node: int) -> Generator[Any, Any, None]:
        service = self.rng.expovariate(self.graph.capacity_rps[node] or 1.0)
        if self.env.now >= self.warmup:
            self.stats.busy[node] += service
        with self.servers[node].request() as slot:
            yield slot
            yield self.env.timeout(service)

    def _call(self, edge: Edge) -> Process:
        """One call over `edge`: the receiver's own part, then its calls unless handed off."""
        self._apply(edge)
        writes = edge.writes is True
        if edge.kind == "async":
            self.env.process(self._serve(edge.target, writes))
            return 0.0
        if self.graph.buffer[edge.target]:
            elapsed = yield from self._own(edge.target)
            self.env.process(self._onward(edge.target))
            return elapsed
        return (yield from self._serve(edge.target, writes))

    def _serve(self, node: int, writes: bool = False) -> Process:
        elapsed = yield from self._own(node)
        if self.graph.buffer[node]:
            self.env.process(self._onward(node))
            return elapsed
        return elapsed + (yield from self._onward(node, writes))

    def _own(self, node: int) -> Process:
        counting = self.env.now >= self.warmup
        if counting:
            self.stats.arrivals[node] += 1
        capacity = self.graph.capacity_rps[node]
        latency_ms = self.graph.latency_ms[node]
        if capacity is None:
            delay = (latency_ms or 0.0) / 1000.0
            if delay > 0:
                yield self.env.timeout(delay)
            if counting:
                self.stats.own[node] += delay
            return delay
        if not self.graph.runs_replicas[node]:
            return (yield from self._in_flight(node, capacity, latency_ms, counting))
        queued = self.env.now
        # The work is drawn, and counted, when the request arrives: utilization is the
        # offered load (work arriving / servers' time), as in the formula, so a saturated
        # component reads 500 % instead of the share of late arrivals it got round to.
        service = self.rng.expovariate(capacity)
        if counting:
            self.stats.busy[node] += service
        with self.servers[node].request() as slot:
            yield slot
            waited = self.env.now - queued
            yield self.env.timeout(service)
        scale = 1.0 if latency_ms is None else latency_ms * capacity / 1000.0
        own = (waited + service) * scale
        if counting:
            self.stats.wait[node] += waited
            self.stats.own[node] += own
        return own

    def _in_flight(
        self, node: int, quota: float, latency_ms: float | None, counting: bool
    ) -> Process:
        """A service we do not run: every request in flight at once, none waiting."""
        delay = 1.0 / quota if latency_ms is None else latency_ms / 1000.0
        if counting:
            # The quota's share this request uses, counted when it arrives (offered load).
            self.stats.busy[node] += 1.0 / quota
            self.stats.own[node] += delay
        yield self.env.timeout(delay)
        return delay

    def _onward(self, node: int, writes: bool = False) -> Process:
        """The calls a component makes for one request, one after another (a store with a
        change stream makes them for its writes only)."""
        if self.graph.change_stream[node] and not writes:
            return 0.0
        if self.rng.random() >= self.graph.miss[node]:
            return 0.0
        elapsed = 0.0
        for edge in self.graph.out_edges[node]:
            for _ in range(self._times(edge.calls * self.graph.edge_miss(edge))):
                elapsed += yield from self._call(edge)
        for edge in self.graph.back_out[node]:  # closing a cycle: the receiver's own part
            for _ in range(self._times(edge.calls)):
                self._apply(edge)
                if edge.kind == "async":
                    self.env.process(self._own(edge.target))
                else:
                    elapsed += yield from self._own(edge.target)
        return elapsed

    def _times(self, calls: float) -> int:
        whole = math.floor(calls)
        return whole + (1 if self.rng.random() < calls - whole else 0)


def simulate(
    design: Design,
    library: Library,
    growth: float = 1.0,
    *,
    seed: int = 0,
    requests: int = DEFAULT_REQUESTS,
    duration_s: float | None = None,
    graph: TrafficGraph | None = None,
) -> SimulationResult:
    """Run the model for `duration_s` (default: long enough for about `requests` requests)."""
    graph = graph or build_graph(design, library)
    total_rate = sum(
        graph.rps[c] * graph.peak[c] * growth * e.calls
        for c in graph.sources
        for e in graph.out_edges[c]
    )
    if duration_s is None:
        duration_s = requests / total_rate if total_rate > 0 else 0.0
    warmup = duration_s * WARMUP_SHARE
    model = _Model(graph, growth, seed, warmup)
    model.start()
    if duration_s > 0:
        model.env.run(until=duration_s)
    measured = max(duration_s - warmup, 1e-12)
    stats = model.stats
    components = {}
    for node, cid in enumerate(graph.ids):
        count = stats.arrivals[node]
        known = graph.capacity_rps[node] is not None
        # A service we do not run has one capacity, the quota, whatever its instances.
        servers = graph.replicas[node] if graph.runs_replicas[node] else 1
        components[cid] = SimulatedComponent(
            id=cid,
            arrivals=count,
            arrival_rps=count / measured,
            utilization=stats.busy[node] / (servers * measured) if known else None,
            wq_ms=1000.0 * stats.wait[node] / count if known and count else None,
            response_ms=1000.0 * stats.own[node] / count if count else None,
        )
    clients = {
        graph.ids[c]: (1000.0 * sum(times) / len(times) if times else None)
        for c, times in model.latencies.items()
    }
    return SimulationResult(
        growth=growth,
        seed=seed,
        duration_s=duration_s,
        requests=sum(len(times) for times in model.latencies.values()),
        components=components,
        clients=clients,
    )
