"""The review's "Grows 10x?" section: where the design saturates as traffic grows, and what
it takes to stay under the target utilization (figures on library defaults say so)."""

from __future__ import annotations

from archdraw.analysis import GrowthResult, TrafficGraph
from archdraw.analysis.capacity import TARGET_UTILIZATION, ComponentLoad
from archdraw.analysis.growth_summary import partitions_needed, shard_advice
from archdraw.cost.lines import per_second
from archdraw.review.questions import TOP, Context, factor, findings_of, rate
from archdraw.review.types import Item, Section
from archdraw.source.printable import plural


def _capacity(load: ComponentLoad, ours: bool = True) -> str:
    """The capacity a saturation point rests on, and its basis (the analysis's); `ours`: a
    component we run (else a third party's or provider's service, whose capacity is whole)."""
    if load.capacity_rps is None:
        return "capacity unknown"
    each = "per replica" if ours else "for the whole service"
    if load.capacity_basis == "stated":
        return f"{rate(load.capacity_rps)} {each}, stated"
    return f"assuming the library default of {rate(load.capacity_rps)} {each}"


def _load(load: ComponentLoad) -> str:
    # Where a source's rate is unknown, the figure covers the known sources only.
    text = rate(load.arrival_rps)
    if load.replicated_rps > 0:
        # A drawn copy applies its source's writes, which never arrive as requests: a
        # standby with "0 req/s" that saturates at 2x would read as a contradiction.
        text += f" + {per_second(load.replicated_rps)} writes/s copied from its source"
    return f"at least {text}" if load.rate_basis == "lower bound" else text


def grows_answer(grown: GrowthResult, graph: TrafficGraph) -> str:
    """The answer in short sentences: how many saturate, the first, what else is unknown."""
    k = grown.growth
    first = grown.components.get(grown.bottleneck or "")
    if first is None or first.saturates_at is None:
        return grown.summary  # nothing with a capacity gets traffic: it says which number to set
    title = grown.titles.get
    name = title(first.id, first.id)
    basis = "" if first.capacity_basis == "stated" else f" ({_capacity(first)})"
    if first.saturates_at > k:
        text = (
            f"Yes: nothing with a known capacity saturates at {k:g}x traffic; the first to "
            f"saturate is {name}, at {factor(first.saturates_at)}{basis}."
        )
    else:
        count = len(grown.saturated)
        verb = "saturates" if count == 1 else "saturate"
        text = f"No: {plural(count, 'component')} {verb} before {k:g}x traffic. "
        text += f"{name} is first, at {factor(first.saturates_at)}{basis}"
        if first.saturates_at < 1:
            text += ", so it is over capacity already today"
        needed = first.replicas_needed or first.servers
        node = graph.index[first.id]
        ours = graph.runs_replicas[node]
        if first.writes_saturate:  # each copy applies every write: no replica count is enough
            text += f"; at {k:g}x, {shard_advice(first, graph)}."
        else:
            text += (
                f"; at {k:g}x it needs {needed:,} replicas instead of {first.servers:,} to stay "
                f"under {TARGET_UTILIZATION:.0%} busy."
                if ours  # else a third party's or provider's service: capacity, not replicas
                else f"; at {k:g}x it needs {rate(first.arrival_rps / TARGET_UTILIZATION)} of "
                "capacity from its provider."
            )
        store = graph.stateful[node] and not graph.buffer[node]
        if (
            ours
            and store
            and not first.writes_saturate
            and any(e.writes for e in graph.in_edges[node])
        ):
            # A copy serves reads; every write goes to its partition's primary.
            text += " Replicas relieve only its reads: if writes saturate it, shard it."
    sooner = grown.components.get(grown.first_assumed or "")
    if sooner is not None and sooner.saturates_at is not None:
        text += (
            f" {title(sooner.id, sooner.id)} may saturate sooner, at "
            f"{factor(sooner.saturates_at)}, {_capacity(sooner)}: state its `capacity_rps`."
        )
    if len(grown.unknown) > 1:
        text += (
            f" {plural(len(grown.unknown), 'other component')} with traffic state no "
            "`capacity_rps`, so where they saturate is unknown."
        )
    elif grown.unknown:
        text += (
            f" {title(grown.unknown[0], grown.unknown[0])} states no `capacity_rps`, so where "
            "it saturates is unknown."
        )
    if grown.unknown_sources:
        named = ", ".join(title(i, i) for i in grown.unknown_sources[:3])
        text += f" Traffic from {named} is left out: no `rps` stated."
    if grown.unknown_writes:
        named = ", ".join(title(i, i) for i in grown.unknown_writes[:3])
        text += f" The change streams of {named} are left out: no link into them states `writes`."
    return text


def grows(context: Context, today: GrowthResult, grown: GrowthResult) -> Section:
    _, _, graph, findings = context
    k = grown.growth
    section = Section("grows", f"Grows {k:g}x?", grows_answer(grown, graph))
    ranked = sorted(
        (load for load in today.components.values() if load.saturates_at is not None),
        key=lambda load: load.saturates_at or 0.0,
    )
    section.header = (
        "component",
        "load at 1x",
        "saturates at",
        "capacity",
        f"replicas at {k:g}x, {TARGET_UTILIZATION:.0%} busy",
    )
    before: list[tuple[str, str]] = []
    for load in ranked[: TOP * 2]:
        node = graph.index[load.id]
        component = graph.components[node]
        at_k = grown.components[load.id]
        needed = at_k.replicas_needed or load.servers
        at = factor(load.saturates_at or 0.0)
        ours = graph.runs_replicas[node]
        grow = f"{load.servers:,} → {needed:,}" if needed > load.servers else f"{load.servers:,}"
        if at_k.writes_saturate:
            needed_partitions = partitions_needed(at_k)
            grow = f"{load.servers:,}: shard it (writes fill each copy)" + (
                f", at least {needed_partitions:,} partitions" if needed_partitions else ""
            )
        if not ours:  # no replicas of ours to add: the capacity it needs from its provider
            grow = f"not ours to run: needs {rate(at_k.arrival_rps / TARGET_UTILIZATION)}"
        section.rows.append(
            (
                component.title,
                _load(load),
                f"{at}, over capacity today" if (load.saturates_at or 0.0) < 1 else at,
                _capacity(load, ours),
                grow,
            )
        )
        if load.saturates_at is not None and load.saturates_at <= k:
            before.append((load.id, f"{component.title} at {at}"))
    if before:
        # One line for the table's rows that fail the question; each is marked on the diagram.
        section.items.append(
            Item(
                f"Saturate before {k:g}x: "
                + ", ".join(text for _, text in before)
                + f"; the table gives the replicas each needs at {k:g}x",
                "warning",
                tuple(i for i, _ in before),
            )
        )
    if grown.unknown:
        names = ", ".join(grown.titles.get(i, i) for i in grown.unknown[:8])
        carry = "carries" if len(grown.unknown) == 1 else "carry"
        section.items.append(
            Item(
                f"{plural(len(grown.unknown), 'component')} {carry} traffic with no "
                f"`capacity_rps`, so where they saturate is unknown: {names}",
                "info",
                tuple(grown.unknown),
            )
        )
    silent = grown.unknown_sources
    if silent:
        section.items.append(
            Item(
                "no `rps` stated for "
                + ", ".join(grown.titles.get(i, i) for i in silent)
                + f": set it to size what {'it reaches' if len(silent) == 1 else 'they reach'}",
                "warning",
                tuple(silent),
            )
        )
    section.items += findings_of(findings, frozenset({"AD209", "AD213"}))
    return section
