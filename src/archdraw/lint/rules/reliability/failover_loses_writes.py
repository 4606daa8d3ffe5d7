"""AD110: active-standby with asynchronous replication loses the last writes on failover."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.design_view import ComponentView
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD110",
    name="failover-loses-writes",
    severity=Severity.INFO,
    title="Failover with asynchronous replication loses recent writes",
    why="""With asynchronous replication the standby is a little behind the primary (usually
    milliseconds, seconds under load). When the primary dies and the standby is promoted, the
    writes it had not received yet are gone, even though users were told they succeeded. The
    same holds for a copy that takes over when the primary's region is lost (a disaster-recovery
    replica in another region) or a standby fed over an asynchronous replication link: the
    finding is the primary's, since a copy takes no writes of its own. Often
    an acceptable trade (the recovery point objective is seconds), but it should be known and
    written down, not discovered after an order vanished.""",
    fix="""Either accept it and state the recovery point objective in the design doc, with
    how the lost writes are found again (reconciled against another record, such as a card
    acquirer's settlement files), or use `replication: sync` (or semi-synchronous) to a
    standby in another zone, so acknowledged writes survive at the price of about a
    millisecond more per write. Across regions that price is the round trip between them
    (tens of milliseconds) on every write (AD401): there, stating the loss is the usual
    answer.""",
    references=(
        "Designing Data-Intensive Applications, ch. 5 (synchronous vs asynchronous replication; "
        "failover)",
        "AWS Well-Architected Framework, Reliability pillar: REL13 define RPO and RTO",
    ),
)
def failover_loses_writes(ctx: LintContext) -> Iterator[Issue]:
    reported = set()
    for component in ctx.stateful:
        if component.type == "cache":
            continue
        async_standby = ctx.failover(component) == "active-standby" and (
            ctx.prop(component, "replication") == "async"
        )
        # A copy takes no writes of its own: its primary is judged.
        if async_standby and not ctx.is_copy(component):
            reported.add(component.id)
            yield Issue(
                f"'{component.title}' fails over to an asynchronous standby"
                f"{ctx.assumed(component, 'replication')}: writes not yet replicated when the "
                "primary dies are lost",
                component=component.id,
            )
    for primary, copies in _async_successors(ctx).items():
        if primary.id in reported:
            continue
        names = ", ".join(f"'{copy.title}'" for copy in copies)
        verb = "takes" if len(copies) == 1 else "take"
        yield Issue(
            f"'{primary.title}' is copied asynchronously to {names}, which {verb} over when it "
            "or its region is lost: the writes not yet copied are lost",
            component=primary.id,
            related=tuple(copy.id for copy in copies),
        )


def _async_successors(ctx: LintContext) -> dict[ComponentView, list[ComponentView]]:
    """Primaries with the copies that take over when they are lost (their standbys, and copies
    in another region: promoted when the region goes) and are copied asynchronously."""
    roles, region = ctx.roles(), ctx.region_of
    found: dict[ComponentView, list[ComponentView]] = {}
    for link in ctx.replication_links:
        primary, copy = ctx.source(link), ctx.target(link)
        if primary is None or copy is None or primary.type == "cache" or ctx.is_copy(primary):
            continue
        elsewhere = region[copy.id] is not None and region[copy.id] != region[primary.id]
        takes_over = roles.is_standby(copy.id) or elsewhere
        if takes_over and ctx.replication_mode(link, primary) == "async":
            found.setdefault(primary, []).append(copy)
    return found
