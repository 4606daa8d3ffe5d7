"""The work a store's machines do: every write is applied on every copy of its partition.

A replicated store's copies share its reads, but not its writes: the partition's primary
takes each write and every other copy applies it too. So the work on a store's machines
per second is

    work = λ + W × (copies − 1)      (per machine: reads / machines + W × copies / machines)

where λ is its arrival rate (`archdraw.analysis.traffic`), W its write rate, the rate over
its incoming links marked `writes: true` (each such link's calls all count as writes,
followed exactly as arrival rates are), and copies the copies of each partition
(`archdraw.analysis.instances.copies_of`). Only a store we run counts copies this way: a
cache's nodes hold different keys, a queue or stream is judged by its messages, and a
service the provider runs (`managed`, `replicas` not stated) states the capacity of the
whole service. Everything else does λ of work. Utilization is work / (instances ×
`capacity_rps`) in lint (AD209) and in the analyses alike: both read it from here.

Replicas therefore add read capacity only: with shards s, each machine applies W / s of
the writes whatever the replica count, so writes that keep a machine busy call for shards.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import compress

from archdraw.analysis.graph import CACHING_TYPES, TrafficGraph
from archdraw.analysis.roles import OWN_ROLE_PROPERTIES
from archdraw.analysis.traffic import (
    TRAFFIC_LINK_PROPERTIES,
    TRAFFIC_PROPERTIES,
    arrival_rates,
    sent_rates,
)

# What the work reads (an incremental lint session recomputes it when one changes):
# the rates' properties, the copies' (`replicas`, `shards`, `replication`, ...) and what
# says the provider runs it; then links'.
WORK_PROPERTIES = TRAFFIC_PROPERTIES | OWN_ROLE_PROPERTIES | {"managed", "global"}
WORK_LINK_PROPERTIES = TRAFFIC_LINK_PROPERTIES


def write_rates(graph: TrafficGraph) -> list[float]:
    """W per component: what arrives over its links marked `writes: true`, followed as the
    arrival rates are (a sender passes on what it was sent, not what a cycle brings it)."""
    passed = graph.miss
    rates = sent_rates(graph)
    writes = [0.0] * len(graph)
    for node in graph.written:  # the others receive no writes
        for edge in (*graph.in_edges[node], *graph.back_in[node]):
            if edge.writes:  # never a cache-aside read: writes all go
                writes[node] += rates[edge.source] * passed[edge.source] * edge.calls
    return writes


def copying_stores(graph: TrafficGraph) -> list[bool]:
    """Per component: a store we run, whose replicas are copies that apply every write."""
    found = [False] * len(graph)
    for node in compress(range(len(graph)), graph.stateful):  # a store holds state
        component = graph.components[node]
        found[node] = (
            not graph.buffer[node]
            and component.type not in CACHING_TYPES
            and graph.instance_basis[node] != "managed"
            and graph.roles.of(component.id) is not None
        )
    return found


def write_copies(graph: TrafficGraph, stores: Sequence[bool] | None = None) -> list[int]:
    """The copies each write is applied on, per component: a store's copies of each
    partition when we run it, else 1."""
    stores = copying_stores(graph) if stores is None else stores
    found = [1] * len(graph)
    for node in compress(range(len(graph)), stores):
        role = graph.roles.of(graph.ids[node])
        if role is not None:
            found[node] = max(1, role.copies)
    return found


def applied(writes: float, copies: int, machines: int, serving: float) -> float:
    """The writes' extra work: each is applied on the copies still serving besides the
    primary's (a failure that leaves `serving` of `machines` leaves that share of copies)."""
    if writes <= 0 or copies <= 1 or serving <= 0:
        return 0.0
    alive = copies if serving >= machines else max(1.0, copies * serving / machines)
    return writes * (alive - 1)


class StoreWork:
    """Arrivals, writes and copies per component: the work its machines do, and the
    replicas that would keep it under a utilization."""

    def __init__(self, graph: TrafficGraph, rates: Sequence[float] | None = None) -> None:
        self.graph = graph
        self.rates = list(arrival_rates(graph) if rates is None else rates)
        self.writes = write_rates(graph)
        self.stores = copying_stores(graph)
        self.copies = write_copies(graph, self.stores)

    def work_of(self, component_id: str, serving: float | None = None) -> float:
        """`work` at today's traffic, by id."""
        node = self.graph.index[component_id]
        return self.work_at(node, self.rates[node], serving)

    def needed_of(self, component_id: str, capacity: float, target: float) -> int | None:
        """`replicas_needed` at today's traffic, by id."""
        return self.replicas_needed(self.graph.index[component_id], capacity, target)

    def machines_of(
        self, component_id: str, capacity: float, arrival: float | None = None
    ) -> int | None:
        """`machines_at` full utilization for today's traffic (or `arrival`), by id."""
        node = self.graph.index[component_id]
        rate = self.rates[node] if arrival is None else arrival
        return self.machines_at(node, rate, capacity)

    def work_at_of(self, component_id: str, arrival: float) -> float:
        """`work_at` by id: the work when `arrival` requests per second arrive."""
        return self.work_at(self.graph.index[component_id], arrival)

    def work(self, node: int, growth: float = 1.0, serving: float | None = None) -> float:
        """Requests per second of work on the component's machines at `growth` (`serving`:
        the machines still up, default all of them)."""
        return self.work_at(node, self.rates[node], serving) * growth

    def work_at(self, node: int, rate: float, serving: float | None = None) -> float:
        """The work when `rate` requests per second arrive (its writes unchanged: a cache
        that misses more sends more reads, never more writes)."""
        writes = self.writes[node]
        if writes <= 0:
            return rate  # nothing to apply again: the work is what arrives
        machines = self.graph.replicas[node]
        alive = machines if serving is None else serving
        return rate + applied(writes, self.copies[node], machines, alive)

    def machines_needed(
        self, node: int, capacity: float, target: float = 1.0, growth: float = 1.0
    ) -> int | None:
        """Fewest machines whose work each stays at or under `target` x `capacity` at
        `growth`; None when no count does (the writes alone fill each copy)."""
        return self.machines_at(node, self.rates[node] * growth, capacity, target, growth)

    def machines_at(
        self, node: int, arrival: float, capacity: float, target: float = 1.0, growth: float = 1.0
    ) -> int | None:
        """`machines_needed` when `arrival` requests per second arrive, with the writes at
        `growth` (more reads, a cache lost, leave the writes as they were)."""
        if arrival <= 0:
            return 1
        writes = self.writes[node] * growth
        # A store's added replicas are copies: each applies its partition's writes, whether
        # it has one copy today or several.
        if not self.stores[node] or writes <= 0:
            return _ceil(arrival / (capacity * target))
        # Per machine: reads / n + writes / shards (each copy applies its partition's).
        room = capacity * target - writes / self._shards(node)
        return _ceil((arrival - writes) / room) if room > 0 else None

    def replicas_needed(
        self, node: int, capacity: float, target: float, growth: float = 1.0
    ) -> int | None:
        """The replicas that keep utilization at or under `target` at `growth` (a store that
        applies writes on its copies keeps a machine per shard); None when no count does:
        shard it."""
        found = self.machines_needed(node, capacity, target, growth)
        if found is None or not self.stores[node] or self.writes[node] <= 0:
            return found
        return max(self._shards(node), found)

    def _shards(self, node: int) -> int:
        role = self.graph.roles.of(self.graph.ids[node])
        return 1 if role is None else max(1, role.shards)


def _ceil(value: float) -> int:
    # The small tolerance keeps 2.0000000001 (float noise) from becoming 3.
    return max(1, math.ceil(value - 1e-9))
