"""AD102: a stateful component has replicas but nothing promotes one when the primary dies."""

from collections.abc import Iterator

from archdraw.analysis.kinds import provider_runs
from archdraw.lint.context import CACHING_TYPES, LintContext
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD102",
    name="missing-failover",
    severity=Severity.WARNING,
    title="Replicas without failover",
    why="""Replicas of a stateful component only help if something switches to one when the
    primary dies. With `failover: none` the replica holds a copy of the data but takes no
    traffic: the outage lasts until a human notices, decides and promotes it by hand, typically
    30 minutes to hours, against seconds to a minute for automated failover.""",
    fix="""Does not apply to a copy of a store (its primary is judged), to caches (their nodes
    hold keys, not a primary), to a scheduler whose replicas elect a leader (`leader_election`:
    the election is its failover), to replicas the design does not state, or to a store the
    provider runs (`managed: true`) with `failover` not stated: a managed database with a
    standby fails over on its own (RDS Multi-AZ, Cloud SQL HA, Aurora, Azure SQL), and the
    library's `failover: none` is a default made for one we run; where its replicas are read
    replicas promoted by hand (RDS or Cloud SQL read replicas), say `failover: none`. Set
    `failover: active-standby` (a standby promoted automatically, e.g. Patroni, RDS
    Multi-AZ) or `active-active` when every replica accepts traffic. Rehearse the failover.""",
    references=(
        "AWS Well-Architected Framework, Reliability pillar: REL11 automate healing",
        "Designing Data-Intensive Applications, ch. 5 (handling node outages: failover)",
    ),
)
def missing_failover(ctx: LintContext) -> Iterator[Issue]:
    for component in ctx.each(ctx.stateful):  # one at a time, from its own values
        if component.type in CACHING_TYPES:
            continue  # cache nodes hold keys; none of them is a primary
        if not ctx.stated(component, "replicas"):
            continue
        if not ctx.has_prop(component, "failover") or ctx.failover(component) != "none":
            continue
        if not ctx.stated(component, "failover") and provider_runs(
            ctx.prop(component, "managed"), ctx.prop(component, "global")
        ):
            continue  # the provider promotes a standby; `failover: none` is our default
        if ctx.flag(component, "leader_election"):
            continue  # replicas that elect a leader: the election is the failover (AD110)
        if ctx.is_copy(component) or ctx.roles().of(component.id) is None:
            continue
        # The copies the design states (its shards' own machines are partitions, not copies).
        stated = ctx.instances(component).replicas
        if stated < 2:
            continue
        assumed = ctx.assumed(component, "failover")
        yield Issue(
            f"'{component.title}' has {stated} replicas but `failover: none`"
            f"{assumed}: when the primary dies nothing promotes a replica",
            component=component.id,
            severity=Severity.INFO if assumed else None,
            fix=ctx.fix(component, "Fail over to a standby", failover="active-standby"),
        )
