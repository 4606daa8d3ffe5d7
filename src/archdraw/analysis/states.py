"""What a failure does to each component: the instances it loses and what it still serves.

What fails:
- a component: by default *one instance* of it (the machine it runs on dies, the
  failure `replicas` protects against); with `whole=True`, every instance (a bad
  deploy, an outage of the service). Machines are counted by
  `archdraw.analysis.instances`.
- a zone: the zone and every zone nested in it. A component placed in a failed zone
  loses every instance, with one exception: when every failed zone containing it is an
  availability zone (kind `zone`) and it spans `zones` >= 2, it loses 1/zones of them.
  Regions, networks and groups take down everything placed in them.

What that does, with `remaining` the share of instances left (data roles from
`archdraw.analysis.roles`):
- a cache never fails a request: it *misses*. Its lost share of nodes is the share of
  keys that now miss (1 of N nodes: 1/N); the misses go on to the store it fronts,
  whose load rises, and that store fails the excess when it cannot take it.
- none left: *down*, unless it is a store with a `failover` and a copy (replication
  target) that is still up: the copy is promoted and serves.
- some left, stateless: the survivors serve everything (at once with
  `active-active`, else when callers retry on them).
- some left, a store whose partitions have copies: reads go on on the other copies;
  with a `failover` the lost primary is replaced, without one the writes to the lost
  primary's partition fail (1/shards of them for one machine, the zone's share for a
  zone) until someone promotes a copy by hand.
- some left, a store whose partitions have one copy each: the requests for the keys
  on the lost partitions fail.
- if the survivors have less capacity than the traffic (known `capacity_rps`), the
  excess fails too (`overloaded`).

A store the provider runs as one service (`managed`) keeps a copy in each zone it spans
unless it states `replication: none` (`archdraw.analysis.instances.partition_copies`): with
`failover` not stated it serves on from the zones left, as the provider fails over. One
whose nodes the design sizes (`managed` with `replicas`: an RDS or Aurora cluster) has the
lost primary's copy promoted by the provider when `failover` is not stated, as AD102 takes
it; a stated `failover: none` still waits for a promotion by hand.

Data at risk: a store that lost every copy of some partition, with no `replication` beyond
the drawing. A service the provider runs (`managed`) keeps its data in the zones it spans:
its outage makes it unavailable (requests refused, consumers waiting) and loses nothing it
has accepted; failed zones lose what it kept there (a zone's share of it when it states
`replication: none`, all of it when every zone it spans fails). A cache is a copy of what it
fronts; one that is written to and fronts no store is the only copy (AD413), and an
in-memory copy without `replication` is lost with the nodes that held it, whoever runs them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from archdraw.analysis.completion import Scenario
from archdraw.analysis.graph import TrafficGraph
from archdraw.analysis.instances import rests_on
from archdraw.analysis.kinds import BUFFER_TYPES, holds_data
from archdraw.analysis.roles import DataRole
from archdraw.analysis.traffic import added_rates
from archdraw.analysis.writes import StoreWork
from archdraw.library import Library

TAKES_OVER = {
    "active-active": "at once",
    "active-standby": "after failover",
    "dns": "after DNS moves traffic",
}
EPSILON = 1e-9


@dataclass(frozen=True)
class Loss:
    share: float  # of the component's instances, 0..1
    reasons: tuple[str, ...]
    one_instance: bool = False  # a single machine failed (not a zone, not every instance)


@dataclass(frozen=True)
class ComponentState:
    id: str
    state: str  # "up" | "degraded" | "down"
    instances: int
    remaining: float  # share of instances left
    serving: float  # share of its requests it still answers (reads, for a store)
    recovery: str | None  # when the survivors take over
    overloaded: bool
    reason: str
    writes_serving: float = 1.0  # share of requests over `writes: true` links it still takes
    missing: float = 0.0  # a cache: share of its hits that now miss


def instance_losses(
    graph: TrafficGraph, components: Iterable[str], zones: Iterable[str], whole: bool = False
) -> dict[int, Loss]:
    losses: dict[int, tuple[float, list[str], bool]] = {}

    def add(node: int, share: float, reason: str, one: bool = False) -> None:
        total, reasons, _ = losses.get(node, (0.0, [], one))
        losses[node] = (min(1.0, total + share), [*reasons, reason], one and not reasons)

    for cid in components:
        node = graph.index[cid]
        count = graph.instances(node)
        if graph.instance_basis[node] == "managed":
            add(node, 1.0, _outage(graph, node))
        elif not (graph.runs_replicas[node] or graph.on_device[node] or graph.in_process[node]):
            add(node, 1.0, "the third party's service failed")  # no instance of ours to lose
        elif whole or count == 1:
            add(node, 1.0, "every instance failed" if count > 1 else "its only instance failed")
        else:
            how = rests_on(graph.instance_basis[node])
            of = f"{count} instances ({how})" if how else f"{count} instances"
            add(node, 1.0 / count, f"1 of its {of} failed", one=True)
    failed = set(zones)
    if failed:
        # What fails around a component depends only on the zone it is placed in: each zone
        # the failure reaches (a failed zone or one inside it), with the failed ones holding it.
        hits = {
            zone: [z for z in (zone, *graph.zone_ancestors.get(zone, ())) if z in failed]
            for zone in graph.zones
        }
        hits = {zone: hit for zone, hit in hits.items() if hit}
        for node, zone in enumerate(graph.zone_of):
            hit = hits.get(zone) if zone is not None else None
            if hit is None:
                continue
            spans, first, last = graph.zones_spanned[node], hit[0], graph.zones[hit[-1]]
            if spans >= 2 and all(graph.zones[z].kind == "zone" for z in hit):
                spanned = f"(1 of the {spans} zones it spans)"
                add(node, 1.0 / spans, f"zone '{graph.zones[first].title}' failed {spanned}")
            else:
                add(node, 1.0, f"{last.kind} '{last.title}' failed")
    return {
        node: Loss(share, tuple(reasons), one) for node, (share, reasons, one) in losses.items()
    }


def _outage(graph: TrafficGraph, node: int) -> str:
    """Why a service the provider runs is down: its outage, which refuses requests but loses
    nothing a store or buffer of it has accepted (the provider's copies outlive it)."""
    role = graph.roles.of(graph.ids[node])
    if role is None or role.kind == "cache":
        return "the managed service failed"
    if graph.buffer[node]:
        return (
            "the managed service failed: unavailable, not lost (sends are refused and "
            "consumers wait; it keeps the messages it has accepted)"
        )
    return (
        "the managed service failed: unavailable, not lost (requests are refused; it keeps "
        "the data it has accepted)"
    )


def component_states(
    graph: TrafficGraph, losses: dict[int, Loss], rates: list[float], work: StoreWork | None = None
) -> dict[int, ComponentState]:
    """The state of every component that lost instances (the rest are up). `work`: the
    stores' writes (`archdraw.analysis.writes`), when already known for `rates`."""
    work = work or StoreWork(graph, rates)
    return {node: _state(graph, node, loss, work, losses) for node, loss in losses.items()}


def _state(
    graph: TrafficGraph, node: int, loss: Loss, work: StoreWork, losses: dict[int, Loss]
) -> ComponentState:
    rate = work.rates[node]
    remaining = max(0.0, 1.0 - loss.share)
    reason = "; ".join(loss.reasons)
    count = graph.instances(node)
    cid = graph.ids[node]
    role = graph.roles.of(cid)
    if role is not None and role.kind == "cache":
        state = "down" if remaining <= EPSILON else "degraded"
        fronts = f" to {_named(graph, role.fronts)}" if role.fronts else ""
        if role.fronts and role.fronts_basis == "inferred":
            fronts += " (inferred from the links; set `fronts` to name another)"
        reason += f"; a cache misses, it does not fail: {loss.share:.0%} of its hits go on{fronts}"
        return ComponentState(
            cid, state, count, remaining, 1.0, None, False, reason, missing=loss.share
        )
    if graph.components[node].type == "dns" and remaining <= EPSILON:
        reason += "; answers cached by resolvers keep working until their TTL runs out"
    writes = 1.0
    recovery: str | None = None
    if remaining <= EPSILON and _primary_up(graph, role, losses):
        assert role is not None and role.source is not None
        reason += (
            f"; its readers fall back to its primary {_named(graph, role.source)}, which takes"
            " their reads on top of its own"
        )
        recovery = "when readers reconnect to the primary"
        return ComponentState(cid, "degraded", count, 0.0, 1.0, recovery, False, reason)
    if remaining <= EPSILON:
        promoted = _promoted_copy(graph, role, losses)
        if promoted is None:
            if graph.fallback[node]:
                reason += "; its fallback answers its callers"
            return ComponentState(cid, "down", count, 0.0, 0.0, None, False, reason, 0.0)
        serving, recovery = 1.0, f"after promoting {_named(graph, promoted)}"
        reason += f"; its copy {_named(graph, promoted)} is promoted"
    elif role is None:
        failover = graph.failover[node]
        serving = 1.0
        recovery = TAKES_OVER.get(failover, "when callers retry on the other instances")
    elif role.copies >= 2:
        serving = 1.0
        if role.takes_over:
            recovery = TAKES_OVER.get(role.failover, "after failover")
        elif graph.provider_failover[node] and graph.instance_basis[node] == "managed":
            # One service: it serves from its copies in the zones left (SQS, DynamoDB).
            recovery = "from the provider's copies in its other zones"
        elif graph.provider_failover[node]:
            # Nodes the design sizes: the provider promotes a copy of the lost primary.
            recovery = "once the provider promotes a copy (`failover` not stated)"
        else:
            # The worst machine to lose is a primary: its partition takes no writes.
            writes = 1.0 - min(1.0, max(loss.share, 1.0 / role.shards))
            reason += (
                "; reads go on on the other copies; with no failover, writes to the lost "
                "primary's data fail until a copy is promoted by hand"
            )
    elif graph.instance_basis[node] == "managed":  # a stated `replication: none`
        serving = writes = remaining
        reason += (
            "; it states `replication: none`: what it kept in the lost zones is gone, and the "
            "requests for it fail"
        )
    else:
        serving = writes = remaining
        reason += "; its partitions have one copy each: requests for the lost ones' keys fail"
    overloaded = False
    capacity = graph.capacity_rps[node]
    if capacity is not None and rate > 0 and remaining > EPSILON:
        # The machines' work: a lost copy applies no writes, the survivors apply them all.
        machines = graph.replicas[node]
        before = min(1.0, machines * capacity / work.work(node))
        after = min(
            1.0, machines * capacity * remaining / work.work(node, 1.0, machines * remaining)
        )
        if after < before:
            serving *= after / before
            writes *= after / before
            overloaded = True
            reason += f"; the survivors can carry only {after:.0%} of its traffic"
    state = "down" if max(serving, writes) <= EPSILON else "degraded"
    if graph.fallback[node] and min(serving, writes) < 1.0:
        reason += "; its fallback answers its callers"
    return ComponentState(
        cid, state, count, remaining, serving, recovery, overloaded, reason, writes
    )


def _named(graph: TrafficGraph, component_id: str) -> str:
    """A component as a reason names it: by its label, as the rest of the analysis does."""
    node = graph.index.get(component_id)
    return f"'{component_id if node is None else graph.components[node].title}'"


def _primary_up(graph: TrafficGraph, role: DataRole | None, losses: dict[int, Loss]) -> bool:
    """A read replica (a replication target) whose primary is still up: losing the copy
    loses read capacity, not requests."""
    if role is None or role.kind != "replica" or role.source is None or role.standby:
        return False
    primary = graph.index.get(role.source)
    if primary is None:
        return False
    lost = losses.get(primary)
    return lost is None or lost.share < 1.0 - EPSILON


def _promoted_copy(
    graph: TrafficGraph, role: DataRole | None, losses: dict[int, Loss]
) -> str | None:
    """A replication target that takes over a store with a failover, if one is still up."""
    if role is None or not role.takes_over:
        return None
    for copy in graph.roles.copies_of(role.id):
        lost = losses.get(graph.index[copy])
        if lost is None or lost.share < 1.0 - EPSILON:
            return copy
    return None


@dataclass(frozen=True)
class DataAtRisk:
    id: str
    backups: bool
    why: str = "no replication"  # how its copies went (the zones it spans, a cache alone)


def data_at_risk(
    graph: TrafficGraph,
    library: Library,
    states: dict[int, ComponentState],
    zone_losses: dict[int, Loss] | None = None,
) -> list[DataAtRisk]:
    """Stores that lost every copy of some of their data (a promoted copy keeps it), and
    caches that were the only copy (module docstring). `zone_losses`: what the failed zones
    alone took of each component (`instance_losses` with no component failed): a service the
    provider runs loses data to its zones, never to its own outage."""
    risky = []
    for node in sorted(states):
        state = states[node]
        role = graph.roles.of(state.id)
        if role is None or state.remaining >= 1.0 - EPSILON:
            continue
        component = graph.components[node]
        if library.prop(component, "replication") in ("sync", "async"):
            continue  # copied somewhere the drawing does not show
        why = "no replication"
        if role.kind == "cache":
            if component.type != "cache" or role.fronts is not None or node not in graph.written:
                continue  # a copy of what it fronts (or of what computes it again)
            why = "an in-memory cache that is the only copy of what is written to it"
        elif state.remaining <= EPSILON and state.recovery is not None:
            continue  # promoted: a copy holds the data
        elif not holds_data(library, component) and component.type not in BUFFER_TYPES:
            continue  # holds no data of its own to copy (a scheduler, a gateway)
        elif graph.instance_basis[node] == "managed":
            lost = None if zone_losses is None else zone_losses.get(node)
            if lost is None:
                continue  # its outage: unavailable, not lost (the provider keeps its copies)
            if lost.share >= 1.0 - EPSILON:
                why = "every zone it spans failed"
            elif role.copies > 1:
                continue  # its copies in the zones left keep the data
        elif state.remaining > EPSILON and role.copies > 1:
            continue  # another copy of each partition survives
        risky.append(DataAtRisk(state.id, bool(library.prop(component, "backups")), why))
    return risky


def scenario_of(
    graph: TrafficGraph,
    states: dict[int, ComponentState],
    rates: list[float],
    zones_failed: bool = False,
    work: StoreWork | None = None,
) -> tuple[Scenario, dict[int, ComponentState]]:
    """The failure as `complete_shares` reads it, and the states with the caches' misses
    followed: a store behind a cache that lost nodes takes the misses, and fails the
    excess it cannot carry (the thundering herd, computed). `work`: as for
    `component_states`."""
    scenario = Scenario(
        serving={n: s.serving for n, s in states.items() if s.serving < 1.0},
        writes={n: s.writes_serving for n, s in states.items() if s.writes_serving < 1.0},
        missing={n: s.missing for n, s in states.items() if s.missing > 0.0},
        # Failover entries move traffic to standbys only where the design draws some.
        standbys=zones_failed and any(graph.standby_out),
    )
    if not scenario.missing:
        return scenario, states
    miss = {
        node: graph.miss[node] + (1.0 - graph.miss[node]) * missing
        for node, missing in scenario.missing.items()
    }
    scenario.miss = miss
    added = added_rates(graph, rates, miss)
    work = work or StoreWork(graph, rates)
    states = dict(states)
    for node in sorted(added):
        rate = rates[node] + added[node]
        capacity = graph.capacity_rps[node]
        if capacity is None or rate <= rates[node] * (1 + EPSILON):
            continue
        state = states.get(node) or ComponentState(
            graph.ids[node], "up", graph.instances(node), 1.0, 1.0, None, False, ""
        )
        if state.remaining <= EPSILON:
            continue
        machines = graph.replicas[node] * state.remaining
        total = capacity * machines
        # Misses are reads: the writes each copy applies stay as they were.
        before, after = (
            work.work_at(node, rates[node], machines),
            work.work_at(node, rate, machines),
        )
        carried = min(1.0, total / after) / min(1.0, total / before) if rates[node] else 1.0
        herd = (
            f"the caches' misses raise its load from {rates[node]:,.0f} to {rate:,.0f} req/s"
            f" (capacity {total:,.0f} req/s)"
        )
        if after > rate * (1 + EPSILON):
            whose = work.whose(graph.ids[node])
            herd += f", {after:,.0f} req/s of work with {whose} applied on each copy"
        reason = f"{state.reason}; {herd}" if state.reason else herd
        if carried >= 1.0:
            reason += ": it carries them"
        else:
            reason += f": it answers {carried:.0%} of them"
            scenario.serving[node] = state.serving * carried
            scenario.writes[node] = state.writes_serving * carried
        states[node] = replace(
            state,
            state="degraded" if carried < 1.0 else state.state,
            serving=state.serving * carried,
            writes_serving=state.writes_serving * carried,
            overloaded=state.overloaded or carried < 1.0,
            reason=reason,
        )
    return scenario, states
