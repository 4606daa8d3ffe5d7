"""AD110: active-standby with asynchronous replication loses the last writes on failover."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD110",
    name="failover-loses-writes",
    severity=Severity.INFO,
    title="Failover with asynchronous replication loses recent writes",
    why="""With asynchronous replication the standby is a little behind the primary (usually
    milliseconds, seconds under load). When the primary dies and the standby is promoted, the
    writes it had not received yet are gone, even though users were told they succeeded. Often
    an acceptable trade (the recovery point objective is seconds), but it should be known and
    written down, not discovered after an order vanished.""",
    fix="""Either accept it and state the recovery point objective in the design doc, or use
    `replication: sync` (or semi-synchronous) to a standby in another zone, so acknowledged
    writes survive at the price of about a millisecond more per write.""",
    references=(
        "Designing Data-Intensive Applications, ch. 5 (synchronous vs asynchronous replication; "
        "failover)",
        "AWS Well-Architected Framework, Reliability pillar: REL13 define RPO and RTO",
    ),
)
def failover_loses_writes(ctx: LintContext) -> Iterator[Issue]:
    for component in ctx.stateful:
        if component.type == "cache":
            continue
        if ctx.failover(component) == "active-standby" and ctx.prop(component, "replication") == (
            "async"
        ):
            yield Issue(
                f"'{component.title}' fails over to an asynchronous standby: writes not yet "
                "replicated when the primary dies are lost",
                component=component.id,
            )
