"""AD104: a database, object store, warehouse or vector DB has no backups."""

from collections.abc import Iterator

from archdraw.analysis.kinds import provider_runs
from archdraw.lint.context import LintContext
from archdraw.lint.design_view import ComponentView
from archdraw.lint.rules.security.unstated import one_unknown
from archdraw.lint.rules.traffic.sync_call_without_timeout import never_called
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
# Run by the provider, these are backed up unless someone turns it off: automated backups
# with point-in-time recovery (RDS, Cloud SQL, Azure SQL), automated snapshots (Redshift),
# time travel (BigQuery, Snowflake). DynamoDB's point-in-time recovery, S3's versioning and
# most other managed stores' are off until turned on: those are still asked.
BACKED_UP_BY_PROVIDER = ("database", "data_warehouse")


@rule(
    code="AD104",
    name="missing-backups",
    severity=Severity.WARNING,
    title="Data store without backups",
    why="""Replication protects against a machine dying, not against mistakes: a `DELETE`
    without `WHERE`, a bad migration, a bug that corrupts rows, or ransomware is copied to every
    replica within milliseconds. Only a point-in-time copy kept apart from the live data lets you
    go back to 10:41, one minute before the mistake. A copy of a store is not judged (its
    primary is), nor a store inside its caller's process (`in_process`: an embedded engine)
    that its caller only reads: nothing else can reach it, so what it holds is what the process
    loads at start, and that source is the copy to keep. The same holds of a store nothing in
    the design writes whose every reader reads it only when it starts (`calls: 0` on each link
    into it: a deployment package, settings): it holds a build made outside the design, which
    the pipeline that made it makes again. Stores whose `backups` the design
    does not state are reported together, once, as info: the verdict rests on the library
    default, not on the design. A relational
    database or warehouse the provider runs (`managed`) with `backups` unstated is taken as
    backed up: RDS, Cloud SQL and Azure SQL keep automated backups, Redshift snapshots, and
    BigQuery and Snowflake time travel, unless someone turns them off (then say
    `backups: false`); DynamoDB's point-in-time recovery and S3's versioning are off until
    turned on, so those are still asked.""",
    fix="""Set `backups: true` and mean it: daily snapshots plus write-ahead-log archiving for
    point-in-time recovery (or object versioning for buckets), kept in another account or
    region, with a restore tested regularly: a backup never restored is a hope, not a backup.""",
    references=(
        "AWS Well-Architected Framework, Reliability pillar: REL09 back up data",
        "Google SRE book, ch. 26 (data integrity: what you read is what you wrote)",
    ),
)
def missing_backups(ctx: LintContext) -> Iterator[Issue]:
    unstated: list[tuple[str, str]] = []
    for component in ctx.of_type(*BACKED_UP_TYPES):
        if ctx.prop(component, "backups") is True or ctx.is_copy(component):
            continue
        if ctx.in_process(component) and not ctx.writes_into(component.id):
            continue  # read-only seed data, loaded again at every start
        if loaded_at_start(ctx, component):
            continue  # a build or settings made outside the design, read at start only
        if not ctx.stated(component, "backups"):
            if component.type in BACKED_UP_BY_PROVIDER and provider_runs(
                ctx.prop(component, "managed"), ctx.prop(component, "global")
            ):
                continue  # the provider's automated backups, on unless turned off
            unstated.append((component.id, component.title))
            continue
        yield Issue(
            f"'{component.title}' has no backups (`backups: false`): a bad delete or a "
            "corrupting bug is replicated everywhere and cannot be undone",
            component=component.id,
            fix=ctx.fix(component, "Turn on backups", backups=True),
        )
    if unstated:
        yield one_unknown(
            "`backups` not stated",
            unstated,
            "the verdict rests on the library default (no backups); without a point-in-time "
            "copy a bad delete or a corrupting bug cannot be undone",
        )


def loaded_at_start(ctx: LintContext, component: ComponentView) -> bool:
    """Nothing in the design writes the store, and every link into it is read only when its
    reader starts (`calls: 0`): a run-from-package zip, settings fetched at start."""
    into = ctx.in_links.get(component.id)
    if not into or ctx.writes_into(component.id):
        return False
    return all(never_called(ctx, link) for link in into)
