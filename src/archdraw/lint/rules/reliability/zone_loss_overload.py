"""AD106: losing any one zone leaves too few replicas to carry today's load."""

import math
from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD106",
    name="zone-loss-overload",
    severity=Severity.WARNING,
    title="Losing one zone leaves too little capacity",
    why="""Spreading replicas over zones only helps if the survivors can carry the load. With 4
    replicas over 2 zones at 70 % utilization, losing a zone leaves 2 replicas facing 140 %:
    they saturate, queues grow, timeouts fire, retries add load, and the zone outage becomes a
    full outage. This is computed from `capacity_rps`, `replicas`, `zones` and the traffic that
    reaches the component from the clients' `rps`.""",
    fix="""Provision N+1 per zone: enough replicas that the largest zone can be lost and the
    rest stay below about 80 % utilization (for 2 zones that means running under 40 % in normal
    operation), or spread over 3 zones so a loss removes a third, not half.""",
    references=(
        "AWS Well-Architected Framework, Reliability pillar: REL10 and static stability",
        "Google SRE book, ch. 21 (handling overload) and ch. 18 (N+2 provisioning)",
    ),
)
def zone_loss_overload(ctx: LintContext) -> Iterator[Issue]:
    components = ctx.components
    for component_id, arrival in ctx.arrival_rps.items():
        if arrival <= 0:
            continue
        component = components[component_id]
        per_replica = ctx.number(component, "capacity_rps")
        zones = int(ctx.number(component, "zones") or 1)
        if per_replica is None or zones < 2:
            continue
        replicas = ctx.replicas(component)
        left = replicas - math.ceil(replicas / zones)
        if left * per_replica >= arrival:
            continue
        needed = math.ceil(arrival / per_replica) + math.ceil(replicas / zones)
        yield Issue(
            f"'{component.title}' receives {arrival:,.0f} req/s; losing one of its {zones} zones "
            f"leaves {left} replica(s) for {left * per_replica:,.0f} req/s",
            component=component.id,
            fix=ctx.fix(component, f"Run {needed} replicas", replicas=needed),
        )
