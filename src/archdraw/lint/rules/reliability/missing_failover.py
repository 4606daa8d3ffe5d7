"""AD102: a stateful component has replicas but nothing promotes one when the primary dies."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
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
    fix="""Set `failover: active-standby` (a standby promoted automatically, e.g. Patroni, RDS
    Multi-AZ) or `active-active` when every replica accepts traffic. Rehearse the failover.""",
    references=(
        "AWS Well-Architected Framework, Reliability pillar: REL11 automate healing",
        "Designing Data-Intensive Applications, ch. 5 (handling node outages: failover)",
    ),
)
def missing_failover(ctx: LintContext) -> Iterator[Issue]:
    by_type = ctx.by_type
    failover, replicas, fix = ctx.failover, ctx.replicas, ctx.fix
    # Stateful components that take `failover`, type by type in `ctx.stateful` order.
    for type_id in ctx.library.types:
        found = by_type.get(type_id)
        if not found or not ctx.is_stateful(found[0]) or not ctx.has_prop(found[0], "failover"):
            continue
        for component in found:
            if failover(component) != "none":
                continue
            count = replicas(component)
            if count >= 2:
                # Positional (message, component, link, zone, fix): keywords cost a third
                # more on thousands of findings.
                yield Issue(
                    f"'{component.title}' has {count} replicas but `failover: none`: when the "
                    "primary dies nothing promotes a replica",
                    component.id,
                    None,
                    None,
                    fix(component, "Fail over to a standby", failover="active-standby"),
                )
