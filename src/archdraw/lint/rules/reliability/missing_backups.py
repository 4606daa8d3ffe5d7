"""AD104: a database, object store, warehouse or vector DB has no backups."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.types import Issue, Severity, rule

BACKED_UP_TYPES = (
    "database",
    "nosql_database",
    "object_storage",
    "data_warehouse",
    "vector_db",
    "graph_database",
    "file_system",
)


@rule(
    code="AD104",
    name="missing-backups",
    severity=Severity.WARNING,
    title="Data store without backups",
    why="""Replication protects against a machine dying, not against mistakes: a `DELETE`
    without `WHERE`, a bad migration, a bug that corrupts rows, or ransomware is copied to every
    replica within milliseconds. Only a point-in-time copy kept apart from the live data lets you
    go back to 10:41, one minute before the mistake. A copy of a store is not judged (its
    primary is); where `backups` is not stated the finding says so and is info.""",
    fix="""Set `backups: true` and mean it: daily snapshots plus write-ahead-log archiving for
    point-in-time recovery (or object versioning for buckets), kept in another account or
    region, with a restore tested regularly: a backup never restored is a hope, not a backup.""",
    references=(
        "AWS Well-Architected Framework, Reliability pillar: REL09 back up data",
        "Google SRE book, ch. 26 (data integrity: what you read is what you wrote)",
    ),
)
def missing_backups(ctx: LintContext) -> Iterator[Issue]:
    prop = ctx.prop
    for component in ctx.of_type(*BACKED_UP_TYPES):
        if prop(component, "backups") is not True and not ctx.is_copy(component):
            assumed = ctx.assumed(component, "backups")
            yield Issue(
                f"'{component.title}' has no backups{assumed}: a bad delete or a corrupting bug "
                "is replicated everywhere and cannot be undone",
                component=component.id,
                severity=Severity.INFO if assumed else None,
                fix=ctx.fix(component, "Turn on backups", backups=True),
            )
