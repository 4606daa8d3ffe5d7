"""AD410: a component writes the primary and reads back from an asynchronous copy of it."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD410",
    name="read-your-writes",
    severity=Severity.WARNING,
    title="Writes to the primary, reads from a lagging replica",
    why="""An asynchronous replica is behind its primary by milliseconds to minutes. A
    component that writes to the primary and reads from the replica can miss its own write:
    a user posts and does not see the post, saves a setting and sees the old one, and a
    read-modify-write on the replica writes back stale data. Replication lag grows exactly
    when load is highest.""",
    fix="""Read your own recent writes from the primary (for a few seconds after a write, or
    for the writing user), route by a version or LSN the write returned, or replicate
    synchronously (`replication: sync` on the link) where the read must see the write.""",
    references=(
        "Designing Data-Intensive Applications, ch. 5 (reading your own writes)",
        "AWS Builders' Library: avoiding fallback in distributed systems",
    ),
)
def read_your_writes(ctx: LintContext) -> Iterator[Issue]:
    roles = ctx.roles()
    written: dict[str, set[str]] = {}
    for link in ctx.writing_links():
        if link.kind == "sync":
            written.setdefault(link.source, set()).add(link.target)
    for caller, targets in written.items():
        component = ctx.components.get(caller)
        if component is None:
            continue
        for link in ctx.sync_out(caller):
            role = roles.of(link.target)
            if ctx.writes(link) or role is None or role.kind != "replica":
                continue
            primary_id = roles.primary_of(link.target)
            if primary_id not in targets or not _lags(ctx, primary_id, link.target):
                continue
            replica, primary = ctx.components[link.target], ctx.components[primary_id]
            yield Issue(
                f"'{component.title}' writes to '{primary.title}' and reads from "
                f"'{replica.title}', an asynchronous copy of it: it may not see its own writes",
                link=link.key,
            )


def _lags(ctx: LintContext, primary_id: str, replica_id: str) -> bool:
    """The copy is made after the write is acknowledged (`replication: async`)."""
    primary = ctx.components[primary_id]
    for link in ctx.replication_links:
        if link.source == primary_id and link.target == replica_id:
            return ctx.replication_mode(link, primary) == "async"
    return False
