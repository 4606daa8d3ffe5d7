"""AD409: a write goes to a read-only copy of a store."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD409",
    name="write-to-read-replica",
    severity=Severity.ERROR,
    title="Write into a read-only replica",
    why="""The target of a `replication` link is a copy of its source, read-only unless the
    design says it accepts writes (a `conflict_resolution`). A write sent to it is refused
    (PostgreSQL and MySQL replicas reject writes) or, worse, accepted on a replica that is
    not read-only and silently overwritten or diverged by the next replicated change.""",
    fix="""Send the write to the primary (the source of the replication link), or make the
    copy a multi-primary store and say how conflicts are resolved (`conflict_resolution`).""",
    references=("Designing Data-Intensive Applications, ch. 5 (leaders and followers)",),
)
def write_to_read_replica(ctx: LintContext) -> Iterator[Issue]:
    roles = ctx.roles()
    for link in ctx.writing_links():
        role = roles.of(link.target)
        if link.kind == "replication" or role is None:
            continue
        if role.kind != "replica" or role.source is None:
            continue
        source, target = ctx.source(link), ctx.target(link)
        primary = ctx.components.get(roles.primary_of(link.target))
        if source is None or target is None or primary is None:
            continue
        yield Issue(
            f"'{source.title}' writes to '{target.title}', a read-only copy of "
            f"'{primary.title}': the write is refused, or lost at the next replicated change",
            link=link.key,
        )
