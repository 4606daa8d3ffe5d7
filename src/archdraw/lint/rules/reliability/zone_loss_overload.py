"""AD106: losing any one zone leaves too few replicas to carry today's load."""

import math
from collections.abc import Iterator

from archdraw.lint.context import CACHING_TYPES, LintContext
from archdraw.lint.design_view import ComponentView
from archdraw.lint.rules.traffic.saturation import rate
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD106",
    name="zone-loss-overload",
    severity=Severity.WARNING,
    title="Losing one zone leaves too little capacity",
    why="""Spreading replicas over zones only helps if the survivors can carry the load. With 4
    replicas over 2 zones at 70 % utilization, losing a zone leaves 2 replicas facing 140 %:
    they saturate, queues grow, timeouts fire, retries add load, and the zone outage becomes a
    full outage. This is computed from `capacity_rps`, the instances it runs (`replicas`, or one per
    zone when `replicas` is not stated; n instances cover at most n zones), `zones` and the
    traffic that reaches the component from the clients' `rps`. A service the provider runs
    (object storage, a hosted model, anything `global: true`, with `replicas` not stated) has
    no replicas of ours: the provider scales it behind one endpoint. A store of that kind
    spread over 2 or more zones survives a zone loss when it copies its data across them,
    and that is what a provider does with a store it spreads (SQS, Pub/Sub and DynamoDB
    always; S3 Standard; RDS Multi-AZ or Cloud SQL with HA, the only way a managed
    relational database spans two zones): with `replication` not stated it is not reported.
    Only a stated `replication: none` is: the data held in the lost zone is gone, with its
    share of the requests. (A provider's one-zone option, Cloud SQL without HA, RDS
    Single-AZ or S3 One Zone, is `zones: 1`: AD105's question, not this rule's. A cache's
    keys lost with a zone are misses on its store, AD210's.)
    A count that is the library's default (`replicas` not stated, and no more than `zones`),
    a capacity that is (`capacity_rps` not stated), or an object store's `zones` the design
    does not state, is reported as info, saying so.""",
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
    number = ctx.number
    # A component without its own `zones` has its type's default: look that up once per
    # type (most components set none, and most types default to one zone).
    type_zones: dict[str, int] = {}
    for component_id in ctx.each(components):  # one at a time, from its own values
        component = components[component_id]
        # `zones` first: in one zone, nothing else here matters, whatever the type.
        if "zones" in component.props:
            zones = int(number(component, "zones") or 1)
        else:
            found = type_zones.get(component.type)
            if found is None:
                found = type_zones[component.type] = int(number(component, "zones") or 1)
            zones = found
        if zones < 2:
            continue
        arrival = ctx.arrival(component_id)
        if arrival <= 0:
            continue
        running = ctx.instances(component)
        if running.managed:  # the provider's service: it carries a zone loss, if it copies
            # A cache's keys lost with a zone are misses on its store (AD210), not failures.
            if ctx.is_stateful(component) and component.type not in CACHING_TYPES:
                yield from _unreplicated_zone_loss(ctx, component, arrival, zones)
            continue
        per_replica = number(component, "capacity_rps")
        if per_replica is None:
            continue
        replicas, spread = running.total, running.zones  # n instances cover at most n zones
        lost = math.ceil(replicas / spread)
        left = replicas - lost
        # A replicated store's survivors apply every write (`archdraw.analysis.writes`).
        work = ctx.store_work.work_of(component_id, left)
        if left * per_replica >= work:
            continue
        carried = ctx.store_work.machines_of(component_id, per_replica)
        needed = None if carried is None else carried + lost
        where = f"its {zones} zones"
        if spread < zones:
            where = f"the {spread} zones its {replicas} instances cover (of `zones: {zones}`)"
        assumed = ctx.assumed(component, "capacity_rps")
        whose = ctx.store_work.whose(component_id)
        applied = f" ({rate(work)} req/s of work, {whose} applied on each copy)"
        shard = f"; {whose} alone fill each copy: replicas do not help, shard it"
        yield Issue(
            f"'{component.title}' receives {rate(arrival)} req/s"
            f"{applied if work > arrival else ''}; losing one of {where} leaves "
            f"{left} of its {running.describe()}, for {rate(left * per_replica)} req/s"
            f"{assumed}{shard if needed is None else ''}",
            component=component.id,
            fix=None
            if needed is None
            else ctx.fix(component, f"Run {needed} replicas", replicas=needed),
            # The library's default count or capacity is a question, not a verdict.
            severity=Severity.INFO if assumed or running.basis == "default" else None,
        )


def _unreplicated_zone_loss(
    ctx: LintContext, store: ComponentView, arrival: float, zones: int
) -> Iterator[Issue]:
    """A store the provider spreads over zones copies its data across them unless the design
    says it does not (`replication: none`): the library's `none` is a default made for a
    database we run, and a provider's queue, table or bucket is not one machine's disk.
    Stated unreplicated, the data in the lost zone is gone, with its share of the requests."""
    if not ctx.stated(store, "replication") or ctx.prop(store, "replication") != "none":
        return
    failing = arrival / zones
    assumed = ctx.assumed(store, "zones")
    held = _HELD.get(store.type, "data")
    yield Issue(
        f"'{store.title}' spreads its {held} over {zones} zones and states "
        f"`replication: none`{assumed}: losing one fails the {rate(failing)} req/s "
        f"(1/{zones} of {rate(arrival)}) for the {held} there",
        component=store.id,
        fix=ctx.fix(store, "Replicate across zones", replication="sync"),
        severity=Severity.INFO if assumed else None,
    )


# What a store keeps, in its message's words (everything else keeps "data").
_HELD = {"object_storage": "objects", "queue": "messages", "stream": "messages"}
