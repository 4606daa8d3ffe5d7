"""The one-line answer to "what if traffic grows k x?", saying what each number rests on.

The bottleneck is named from stated capacities first; a component whose capacity is a
library default is named as an assumption ("assuming the library default of 50,000
req/s per replica"), with the one number that would settle it. Where nothing is known,
the answer says which number is missing instead of guessing.
"""

from __future__ import annotations

import math

from archdraw.analysis.capacity import TARGET_UTILIZATION, ComponentLoad, GrowthResult
from archdraw.analysis.graph import CACHING_TYPES, TrafficGraph
from archdraw.analysis.text_table import rate
from archdraw.source.printable import plural

# Past a trillion times (a rate of 1e-300 against a capacity) a factor says only "never".
_FARTHEST = 1e12


def times(factor: float) -> str:
    """A growth factor as people write it (`rate`): 0.5, 2.5, 2,000 (not 2e+03); past a trillion,
    "over 1,000,000,000,000" (not a 300-digit figure)."""
    if factor > _FARTHEST:
        return f"over {_FARTHEST:,.0f}"
    return rate(factor)


_fmt = times


def assumed(load: ComponentLoad) -> str:
    """ ", assuming the library default of N req/s per replica" when the capacity is one."""
    if load.capacity_basis != "default" or load.capacity_rps is None:
        return ""
    return f", assuming the library default of {load.capacity_rps:,.0f} req/s per replica"


def growth_summary(result: GrowthResult, graph: TrafficGraph) -> str:
    k = result.growth
    title = result.titles.get
    notes = _notes(result)
    if result.bottleneck is None:
        if not any(graph.rps[s] > 0 for s in graph.sources):
            named = ", ".join(title(c, c) for c in result.unknown_sources[:3]) or "a client"
            return f"Growth is unknown: no client states its rps (set `rps` on {named})."
        settle = _settle(result)
        if settle:  # it names or counts them: the count in the notes would say it twice
            notes = _notes(result, count_unknown=False)
        return (
            f"No component with a capacity_rps receives traffic: growth is unknown{settle}{notes}."
        )
    first = result.components[result.bottleneck]
    name = title(first.id, first.id)
    assert first.saturates_at is not None
    basis = assumed(first)
    if basis:
        basis += f" (no capacity is stated: state {name}'s capacity_rps to settle it)"
    sooner = _sooner(result)
    if first.saturates_at > k:
        what = "a stated" if result.bottleneck_basis == "stated" else "a known"
        return (
            f"Nothing with {what} capacity saturates at {_fmt(k)}x; the first is {name} "
            f"at {_fmt(first.saturates_at)}x{basis}{sooner}{notes}."
        )
    needed = first.replicas_needed or first.servers
    advice = f"run {plural(needed, 'replica')} ({needed - first.servers} more)"
    node = graph.index[first.id]
    if not graph.runs_replicas[node]:  # a third party's or provider's service: no replicas
        advice = (
            f"raise its capacity to {first.arrival_rps / TARGET_UTILIZATION:,.0f} req/s with "
            "its provider"
        )
    if (
        graph.stateful[node]
        and graph.components[node].type not in CACHING_TYPES
        and not first.writes_saturate  # a cache takes reads off it, never writes
    ):
        cached = any(graph.components[e.source].type in CACHING_TYPES for e in graph.in_edges[node])
        advice += " or raise the cache hit ratio" if cached else " or put a cache in front"
    written = ""
    holds_data = graph.stateful[node] and not graph.buffer[node]
    store = holds_data and graph.components[node].type not in CACHING_TYPES
    writes = first.replicated_rps > 0 or any(e.writes for e in graph.in_edges[node])
    if store and not first.writes_saturate and writes:
        # A copy serves reads; every write goes to its partition's primary (and is applied
        # on each copy), so replicas never relieve a store that writes saturate.
        written = "; replicas serve only its reads: if its writes saturate it, shard it"
    others = [i for i in result.saturated if i not in (first.id, result.first_assumed)]
    also = ""
    if others:
        named = ", ".join(
            f"{title(i, i)} ({_fmt(s)}x)"
            for i in others[:3]
            if (s := result.components[i].saturates_at) is not None
        )
        more = f" and {len(others) - 3} more" if len(others) > 3 else ""
        also = f"; also saturated at {_fmt(k)}x: {named}{more}" if named else ""
    already = " (already saturated today)" if first.saturates_at < 1 else ""
    if first.writes_saturate:  # each copy applies every write: no replica count is enough
        return (
            f"{name} saturates at {_fmt(first.saturates_at)}x{already}{basis}; at {_fmt(k)}x, "
            f"{shard_advice(first, graph)}{sooner}{also}{notes}."
        )
    return (
        f"{name} saturates at {_fmt(first.saturates_at)}x{already}{basis}; at {_fmt(k)}x, "
        f"{advice} to stay under {TARGET_UTILIZATION:.0%} utilization{written}{sooner}{also}"
        f"{notes}."
    )


def shard_advice(load: ComponentLoad, graph: TrafficGraph) -> str:
    """Why replicas cannot relieve a store whose writes fill each copy, and what can."""
    role = graph.roles.of(load.id)
    shards = 1 if role is None else max(1, role.shards)
    if shards == 1 and load.copies == 1:  # a replica added would apply them all too
        applies = "shard it: its one copy, and any replica added, applies all"
    elif shards == 1:
        applies = f"shard it: each of its {load.copies} copies applies all"
    else:
        applies = f"shard it further: each copy of its {shards} partitions applies that partition's"
    writes = load.writes_rps / shards
    capacity = load.capacity_rps or 0
    # Say how far past a machine the writes go: "over 70%" would hide a store 7 times over.
    share = writes / capacity if capacity else 0.0
    of = f"{share:.3g} times" if share >= 1 else f"{share:.0%} of"
    over = "" if share >= 1 else f" (over the {TARGET_UTILIZATION:.0%} target)"
    # Writes alone set a floor on the partitions; reads only add to it.
    needed = partitions_needed(load)
    floor = (
        f": at least {needed:,} partitions keep each one's writes under "
        f"{TARGET_UTILIZATION:.0%} of a machine"
        if needed
        else ""
    )
    return (
        f"{applies} {writes:,.0f} writes/s, {of} a machine's {capacity:,.0f} req/s{over}, "
        f"so replicas do not help{floor}"
    )


def partitions_needed(load: ComponentLoad) -> int | None:
    """The fewest partitions whose share of the writes keeps a machine under the target
    utilization (a floor: each machine's reads come on top)."""
    if not load.capacity_rps:
        return None
    return max(1, math.ceil(load.writes_rps / (TARGET_UTILIZATION * load.capacity_rps)))


def _sooner(result: GrowthResult) -> str:
    if result.first_assumed is None:
        return ""
    load = result.components[result.first_assumed]
    name = result.titles.get(load.id, load.id)
    assert load.saturates_at is not None
    return (
        f"; {name} would saturate sooner, at {_fmt(load.saturates_at)}x{assumed(load)}: "
        f"state its capacity_rps to settle it"
    )


def _settle(result: GrowthResult) -> str:
    """Which capacities would settle an unknown growth: every component with traffic and
    no capacity_rps, busiest first (three named and a count past four)."""
    unknown = sorted(result.unknown, key=lambda c: -result.components[c].arrival_rps)
    names = [result.titles.get(c, c) for c in unknown]
    if not names:
        return ""
    if len(names) == 1:
        return f"; state {names[0]}'s capacity_rps to settle it"
    if len(names) <= 4:
        return f"; state the capacity_rps of {', '.join(names[:-1])} and {names[-1]} to settle it"
    return (
        f"; state the capacity_rps of the {len(names)} components with traffic to settle it "
        f"(busiest first: {', '.join(names[:3])} and {len(names) - 3} more)"
    )


def _notes(result: GrowthResult, *, count_unknown: bool = True) -> str:
    notes = ""
    count = len(result.unknown) if count_unknown else 0
    if count:
        verb = "has" if count == 1 else "have"
        notes += f" ({count} with traffic {verb} no capacity_rps: unknown)"
    if result.unknown_sources:
        named = ", ".join(result.titles.get(c, c) for c in result.unknown_sources[:3])
        notes += f" (no rps stated for {named}: their traffic is left out)"
    if result.unknown_writes:
        named = ", ".join(result.titles.get(c, c) for c in result.unknown_writes[:3])
        notes += f" (no link into {named} states `writes`: their change streams are left out)"
    return notes
