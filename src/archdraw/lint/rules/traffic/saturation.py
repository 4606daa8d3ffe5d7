"""AD209: predicted utilization at today's traffic is at or above 80 %."""

import math
from collections.abc import Iterator
from functools import lru_cache

from archdraw.analysis.capacity import TARGET_UTILIZATION
from archdraw.lint.context import LintContext
from archdraw.lint.types import Issue, Severity, rule


def rate(value: float) -> str:
    """A rate with three significant digits: 0.5 stays 0.5, 1234.6 becomes 1,235."""
    if value >= 100:  # three digits or more before the point: no decimals to work out
        return _whole(value)
    if value == 0 or not math.isfinite(value):
        return f"{value:g}"
    decimals = max(0, 2 - math.floor(math.log10(abs(value))))
    text = f"{value:,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@lru_cache(maxsize=1024)
def _whole(value: float) -> str:
    """`value` rounded, with thousands separators: the thousands of components of a big
    design share a few rates and capacities, so each distinct one is written once."""
    return f"{value:,.0f}"


@rule(
    code="AD209",
    name="saturation",
    severity=Severity.ERROR,
    title="Saturated at today's traffic",
    why="""A verdict that rests on the library's default capacity (no `capacity_rps` stated)
    or on its default instance count (no `replicas` stated, none following from stated
    `zones` or `shards`) says so and is info: it names the number that would settle it.
    Utilization is
    work over capacity: rho = work / (instances x capacity_rps), where the instances
    are `replicas` (one per zone when it is not stated, at least one per shard of a store; the
    message says which), and the work is the arrival rate lambda, followed from the clients'
    `rps` through each link's `calls` and each cache's `hit_ratio`; a replicated store we run
    also applies every write (each call over a link marked `writes: true`) on every copy of
    its partition, so its work is lambda + writes x (copies - 1), and replicas relieve only
    its reads; a copy drawn behind a `replication` link also applies every write of its
    source(s) on each of its copies, requests or none. Queueing delay grows as rho / (1 -
    rho): at 50 % a request waits about as long as its service time, at 80 % four times, at
    95 % nineteen times, and at 100 % the queue grows without bound. Error at 100 %, warning
    from 80 % (`lint.options.utilization_warning`).""",
    fix="""Add replicas (or capacity per replica) until utilization at peak is below 70 to
    80 %, leaving headroom for bursts and for losing an instance; or take load off it (a cache
    in front, fewer `calls` per request, async work behind a queue). A store whose writes
    alone fill each copy needs shards (`shards`), not replicas.""",
    references=(
        "Google SRE book, ch. 21 (handling overload)",
        "Harchol-Balter, Performance Modeling and Design of Computer Systems (M/M/c queues)",
    ),
)
def saturation(ctx: LintContext) -> Iterator[Issue]:
    warning = ctx.option("utilization_warning")
    number, instances = ctx.number, ctx.instances
    # Only a component with a capacity, stated or its type's, is judged: none is guessed;
    # one at a time, from its own values, arrival rate and work (`each`).
    for component in ctx.each(ctx.valued("capacity_rps")):
        component_id = component.id
        arrival, store_work = ctx.arrival(component_id), ctx.store_work
        # A drawn copy with no requests of its own still applies its sources' writes.
        working = arrival > 0 or store_work.replicates(component_id)
        per_machine = number(component, "capacity_rps") if working else None
        if not per_machine:
            continue  # no work, or no capacity
        # A replicated store applies each write on every copy: its machines do more work
        # than the requests that arrive (`archdraw.analysis.writes`).
        work = store_work.work_of(component_id)
        # More machines only lower the utilization: below the warning on one machine, it
        # is below on all of them, whatever their count.
        if 0 <= work / per_machine < warning:
            continue
        found = instances(component)
        machines = found.total
        utilization = work / (machines * per_machine)
        if utilization < warning:
            continue
        shares = store_work.needed_of(component_id, per_machine, TARGET_UTILIZATION)
        assumed = ctx.assumed(component, "capacity_rps")
        # What the figures rest on, after them: the count, then the capacity.
        counted = ""
        for rest in (found.rests_on(), assumed.strip()[1:-1]):
            if rest:
                counted += f"; {rest}"
        severity = None if utilization >= 1 else Severity.WARNING
        applied = ""
        if work > arrival:
            whose = store_work.whose(component_id)
            applied = f" ({whose} applied on each copy: {rate(work)} req/s of work)"
        fix = None
        more = ""
        if found.managed:
            # A provider's service takes no replicas of ours: it needs capacity from it.
            more = f"; it needs {rate(work / TARGET_UTILIZATION)} req/s from its provider"
        elif shares is None:
            whose = store_work.whose(component_id)
            more = f"; {whose} alone fill each copy: replicas do not help, shard it"
        else:
            needed = max(machines + 1, shares)
            fix = ctx.fix(component, f"Run {needed} replicas", replicas=needed)
        yield Issue(
            f"'{component.title}' is at {utilization:.0%} utilization: {rate(arrival)} req/s "
            f"for {machines} x {rate(per_machine)} req/s{applied}{counted}{more}",
            component=component_id,
            fix=fix,
            # A count or a capacity the design does not give is the library's: a question.
            severity=Severity.INFO if assumed or found.basis == "default" else severity,
        )
