"""AD209: predicted utilization at today's traffic is at or above 80 %."""

import math
from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.types import Issue, Severity, rule


def rate(value: float) -> str:
    """A rate with three significant digits: 0.5 stays 0.5, 1234.5 becomes 1,235."""
    if value == 0 or not math.isfinite(value):
        return f"{value:g}"
    decimals = max(0, 2 - math.floor(math.log10(abs(value))))
    text = f"{value:,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@rule(
    code="AD209",
    name="saturation",
    severity=Severity.ERROR,
    title="Saturated at today's traffic",
    why="""Utilization is arrival rate over capacity: rho = lambda / (replicas x
    capacity_rps), with lambda followed from the clients' `rps` through each link's `calls`
    and each cache's `hit_ratio`. Queueing delay grows as rho / (1 - rho): at 50 % a request
    waits about as long as its service time, at 80 % four times, at 95 % nineteen times, and at
    100 % the queue grows without bound. Error at 100 %, warning from 80 %
    (`lint.options.utilization_warning`).""",
    fix="""Add replicas (or capacity per replica) until utilization at peak is below 70 to
    80 %, leaving headroom for bursts and for losing an instance; or take load off it (a cache
    in front, fewer `calls` per request, async work behind a queue).""",
    references=(
        "Google SRE book, ch. 21 (handling overload)",
        "Harchol-Balter, Performance Modeling and Design of Computer Systems (M/M/c queues)",
    ),
)
def saturation(ctx: LintContext) -> Iterator[Issue]:
    warning = ctx.option("utilization_warning")
    components, number, replicas_of, fix = ctx.components, ctx.number, ctx.replicas, ctx.fix
    # Designs repeat a few rates over and over (one client's traffic fans out alike).
    rates: dict[float, str] = {}
    # Only what receives traffic can saturate: start from the arrival rates.
    for component_id, arrival in ctx.arrival_rps.items():
        if arrival <= 0:
            continue
        component = components[component_id]
        per_replica = number(component, "capacity_rps")
        if per_replica is None:
            continue
        # Replicas are whole (below one there is no capacity at all), so utilization is at
        # most arrival / per_replica: most components pass without a look-up of replicas.
        if per_replica > 0 and arrival / per_replica < warning:
            continue
        # Capacity spelled out (not `ctx.capacity`): per replica and replicas feed the fix too.
        replicas = replicas_of(component)
        capacity = per_replica * replicas
        if capacity <= 0:
            continue
        utilization = arrival / capacity
        if utilization < warning:
            continue
        needed = math.ceil(arrival / (per_replica * 0.7))
        if needed < replicas + 1:
            needed = replicas + 1
        arrival_text = rates.get(arrival)
        if arrival_text is None:
            arrival_text = rates[arrival] = rate(arrival)
        per_replica_text = rates.get(per_replica)
        if per_replica_text is None:
            per_replica_text = rates[per_replica] = rate(per_replica)
        yield Issue(
            f"'{component.title}' is at {utilization:.0%} utilization ({arrival_text} req/s for "
            f"{replicas} x {per_replica_text} req/s)",
            component=component_id,
            fix=fix(component, f"Run {needed} replicas", replicas=needed),
            severity=None if utilization >= 1 else Severity.WARNING,
        )
