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

A copy drawn as its own component (the target of a `replication` link: a read replica, a
standby, another region's cluster) applies every write its source takes, sync or async,
and a copy of a copy applies them too. Those writes, R, never arrive as requests, so

    work = λ + W × (copies − 1) + R × copies     (per machine: reads / machines + (W + R) / shards)

where R sums the writes of every component that reaches it over replication links (each
once, however many paths lead there). A follower's apply is counted as costly as serving
the write, as for a store's own copies. Where copies are not counted (a cache, a managed
service) R is work once, like W.
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
    passed_on,
    sent_rates,
    store_changes,
)

# What the work reads (an incremental lint session recomputes it when one changes):
# the rates' properties, the copies' (`replicas`, `shards`, `replication`, ...) and what
# says the provider runs it; then links'.
WORK_PROPERTIES = TRAFFIC_PROPERTIES | OWN_ROLE_PROPERTIES | {"managed", "global"}
WORK_LINK_PROPERTIES = TRAFFIC_LINK_PROPERTIES


def write_rates(graph: TrafficGraph) -> list[float]:
    """W per component: what arrives over its links marked `writes: true`, followed as the
    arrival rates are (a sender passes on what it was sent, not what a cycle brings it; a
    store with a change stream, its writes), over links closing a cycle too."""
    passed = graph.miss
    rates = sent_rates(graph)
    changes = store_changes(graph, rates)
    writes = [0.0] * len(graph)
    for node in graph.written:  # the others receive no writes
        for edge in (*graph.in_edges[node], *graph.back_in[node]):
            if edge.writes:  # never a cache-aside read: writes all go
                writes[node] += passed_on(edge.source, rates, passed, changes) * edge.calls
    return writes


def replication_reach(graph: TrafficGraph, writes: Sequence[float]) -> dict[int, list[int]]:
    """The drawn copies each written component's writes reach (the stateful targets of its
    `replication` links, and theirs in turn, each once), by node; only components with
    writes."""
    copies_of, ids, index, stateful = graph.roles.copies_of, graph.ids, graph.index, graph.stateful
    reach: dict[int, list[int]] = {}
    for origin in sorted(graph.written):  # the others take no writes to pass on
        targets = copies_of(ids[origin]) if writes[origin] > 0 else None
        if not targets:
            continue
        seen, found, stack = {origin}, [], [targets]
        while stack:
            for target_id in stack.pop():
                target = index.get(target_id)
                if target is None or target in seen or not stateful[target]:
                    continue
                seen.add(target)
                found.append(target)
                further = copies_of(target_id)
                if further:
                    stack.append(further)
        if found:
            reach[origin] = found
    return reach


def write_copies(graph: TrafficGraph) -> list[int]:
    """The copies each write is applied on, per component: a store's copies of each
    partition when we run it, else 1."""
    _stores, copies = store_copies(graph)
    return copies


def store_copies(graph: TrafficGraph) -> tuple[list[bool], list[int]]:
    """Per component: a store we run, whose replicas are copies that apply every write; and
    `write_copies` (one look at each store's data role for both)."""
    stores = [False] * len(graph)
    copies = [1] * len(graph)
    buffer, basis, components, role_of = (
        graph.buffer,
        graph.instance_basis,
        graph.components,
        graph.roles.of,
    )
    for node in compress(range(len(graph)), graph.stateful):  # a store holds state
        if buffer[node] or basis[node] == "managed":
            continue
        component = components[node]
        role = role_of(component.id)
        if component.type not in CACHING_TYPES and role is not None:
            stores[node] = True
            copies[node] = max(1, role.copies)
    return stores, copies


def applied(
    writes: float, copies: int, machines: int, serving: float, replicated: float = 0.0
) -> float:
    """The writes' extra work: each write taken is applied on the copies still serving
    besides the primary's, each write replicated from a source on every copy still serving
    (a failure that leaves `serving` of `machines` leaves that share of copies)."""
    if serving <= 0 or (replicated <= 0 and (writes <= 0 or copies <= 1)):
        return 0.0
    alive = copies if serving >= machines else max(1.0, copies * serving / machines)
    return max(0.0, writes) * (alive - 1) + max(0.0, replicated) * alive


class StoreWork:
    """Arrivals, writes and copies per component: the work its machines do, and the
    replicas that would keep it under a utilization."""

    def __init__(self, graph: TrafficGraph, rates: Sequence[float] | None = None) -> None:
        self.graph = graph
        self.rates = list(arrival_rates(graph) if rates is None else rates)
        self.writes = write_rates(graph)  # W: taken over links marked `writes: true`
        self.stores, self.copies = store_copies(graph)
        # R: applied by a drawn copy from its replication sources (not in its arrivals),
        # and the components whose writes those are, by node.
        self.replicated = [0.0] * len(graph)
        self.origins: dict[int, list[int]] = {}
        for origin, copies in replication_reach(graph, self.writes).items():
            for copy in copies:
                self.replicated[copy] += self.writes[origin]
                self.origins.setdefault(copy, []).append(origin)

    def applies(self, node: int) -> float:
        """The writes each copy of the component applies: W + R."""
        return self.writes[node] + self.replicated[node]

    def replicates(self, component_id: str) -> bool:
        """True when the component is a drawn copy that applies writes from its sources."""
        return self.graph.index[component_id] in self.origins

    def whose(self, component_id: str) -> str:
        """Whose writes the component applies, for a finding: "its writes", "writes
        replicated from 'Orders'", or both."""
        node = self.graph.index[component_id]
        origins = self.origins.get(node)
        if not origins:
            return "its writes"
        titles = [self.graph.components[n].title for n in origins]
        named = " and ".join(f"'{title}'" for title in titles[:2])
        if len(titles) > 2:
            named = ", ".join(f"'{title}'" for title in titles[:2]) + f" and {len(titles) - 2} more"
        if self.writes[node] > 0:
            return f"its writes and those replicated from {named}"
        return f"writes replicated from {named}"

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
        writes, replicated = self.writes[node], self.replicated[node]
        if writes <= 0 and replicated <= 0:
            return rate  # nothing to apply again: the work is what arrives
        machines = self.graph.replicas[node]
        alive = machines if serving is None else serving
        return rate + applied(writes, self.copies[node], machines, alive, replicated)

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
        writes, replicated = self.writes[node] * growth, self.replicated[node] * growth
        if arrival <= 0 and replicated <= 0:
            return 1
        # A store's added replicas are copies: each applies its partition's writes, whether
        # it has one copy today or several.
        if not self.stores[node] or (writes <= 0 and replicated <= 0):
            return _ceil((arrival + replicated) / (capacity * target))
        # Per machine: reads / n + (W + R) / shards (each copy applies its partition's).
        room = capacity * target - (writes + replicated) / self._shards(node)
        return _ceil((arrival - writes) / room) if room > 0 else None

    def replicas_needed(
        self, node: int, capacity: float, target: float, growth: float = 1.0
    ) -> int | None:
        """The replicas that keep utilization at or under `target` at `growth` (a store that
        applies writes on its copies keeps a machine per shard); None when no count does:
        shard it."""
        found = self.machines_needed(node, capacity, target, growth)
        if found is None or not self.stores[node]:
            return found
        if self.writes[node] <= 0 and self.replicated[node] <= 0:
            return found
        return max(self._shards(node), found)

    def _shards(self, node: int) -> int:
        role = self.graph.roles.of(self.graph.ids[node])
        return 1 if role is None else max(1, role.shards)


def _ceil(value: float) -> int:
    # The small tolerance keeps 2.0000000001 (float noise) from becoming 3.
    return max(1, math.ceil(value - 1e-9))
