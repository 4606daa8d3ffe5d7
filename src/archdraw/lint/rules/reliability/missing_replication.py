"""AD103: a stateful store keeps its only copy of the data on one machine."""

from collections.abc import Iterator

from archdraw.analysis.kinds import provider_runs
from archdraw.lint.context import LintContext
from archdraw.lint.design_view import ComponentView
from archdraw.lint.rules.security.unstated import one_unknown
from archdraw.lint.types import Issue, Severity, rule

# A cache is a copy of data held elsewhere; losing it costs speed, not data.
_NOT_SOURCES_OF_TRUTH = frozenset({"cache", "device_cache"})


@rule(
    code="AD103",
    name="missing-replication",
    severity=Severity.WARNING,
    title="Stateful store without replication",
    why="""With `replication: none`, the data lives on one machine's disks. When that machine
    or disk dies, everything written since the last backup is gone, and until a new machine is
    restored (often hours) the store is down. Replication keeps a second, up-to-date copy that
    can take over in seconds. A copy of a store (a replication target, a standby) is not
    judged: its primary is. Where the design does not state `replication`, only databases and
    file systems it writes to are asked about, together, once, as info (the verdict rests on
    the library default): queues, streams and warehouses are usually managed services that
    replicate on their own, and derived indexes are rebuilt rather than copied (AD406); a
    queue or stream we run whose design states `replicas: 1` (one RabbitMQ or Kafka broker)
    is one machine holding every message in flight, and is reported as such. A
    store the provider runs (`managed: true`) is not asked either: its data sits on the
    provider's storage, which outlives any one machine (RDS on EBS, Cloud SQL on persistent
    disk, DynamoDB and SQS copied across zones), and the library's `replication: none` is a
    default made for a store we run. Stated `replication: none` on it means one copy of the
    data: losing the zone or the volume holding it can lose the writes since the last
    backup.""",
    fix="""Set `replication: async` (a follower a few milliseconds behind, usual for
    PostgreSQL and MySQL) or `replication: sync` (no acknowledged write lost, each write
    waits for the follower), with `replicas: 2` or more,
    and a `failover` mode to promote the copy. A copy drawn as its own component counts when
    the replication link to it says its mode (`replication: async` on the link), or when
    neither that link nor the store states one (a source that says the data is copied but not
    how: the copy is drawn, its mode unknown).""",
    references=(
        "Designing Data-Intensive Applications, ch. 5 (replication)",
        "AWS Well-Architected Framework, Reliability pillar: REL09 back up data",
    ),
)
def missing_replication(ctx: LintContext) -> Iterator[Issue]:
    by_type = ctx.by_type
    prop = ctx.prop
    unstated: list[tuple[str, str]] = []
    # Stores and queues that take `replication`, type by type in `ctx.with_prop` order.
    for type_id in ctx.library.types:
        found = by_type.get(type_id)
        if not found or type_id in _NOT_SOURCES_OF_TRUTH:
            continue
        keeps_data = ctx.is_store(found[0]) or type_id in ("queue", "stream")
        if not keeps_data or not ctx.has_prop(found[0], "replication"):
            continue
        for component in found:
            if prop(component, "replication") not in (None, "none"):
                continue
            if ctx.is_copy(component) or _copied(ctx, component):
                continue
            if _copies_over_a_link(ctx, component):
                continue
            managed = provider_runs(prop(component, "managed"), prop(component, "global"))
            if not ctx.stated(component, "replication"):
                if not managed and _one_broker(ctx, component):
                    yield Issue(
                        f"'{component.title}' is one broker (`replicas: 1`): every message "
                        "in flight has one copy; while it is down nothing can be handed to it "
                        "or consumed, and losing its disk loses what it accepted and nobody "
                        "consumed yet",
                        component=component.id,
                        fix=ctx.fix(
                            component,
                            "Run a replicated cluster (quorum queues, replicated partitions)",
                            replicas=3,
                            replication="sync",
                        ),
                    )
                elif not managed and _written_source_of_truth(ctx, component):
                    unstated.append((component.id, component.title))
                continue
            if managed:  # no machine of ours: one copy on the provider's storage
                yield Issue(
                    f"'{component.title}' is run by the provider with `replication: none`: it "
                    "keeps one copy of its data, and losing the zone or the volume that holds it "
                    "can lose every write since the last backup",
                    component=component.id,
                    fix=ctx.fix(
                        component, "Turn on the provider's replication", replication="sync"
                    ),
                )
                continue
            yield Issue(
                f"'{component.title}' keeps its data on one machine (`replication: none`): "
                "losing it loses every write since the last backup",
                component=component.id,
                fix=ctx.fix(
                    component,
                    "Replicate asynchronously to a standby",
                    replication="async",
                    replicas=max(2, ctx.replicas(component)),
                ),
            )
    if unstated:
        yield one_unknown(
            "`replication` not stated",
            sorted(unstated, key=lambda e: ctx.file_order[e[0]]),
            "the verdict rests on the library default (one copy); if that holds, losing the "
            "machine loses every write since the last backup",
        )


def asks_unstated(ctx: LintContext, store: ComponentView) -> bool:
    """AD103 asks about this store's unstated `replication` (in its one design-wide finding):
    a database or file system we run and write to, whose design states no mode."""
    managed = provider_runs(ctx.prop(store, "managed"), ctx.prop(store, "global"))
    return (
        not managed
        and not ctx.stated(store, "replication")
        and not _one_broker(ctx, store)
        and _written_source_of_truth(ctx, store)
    )


# Types whose copies are the design's to arrange: the unstated case is worth asking about.
_ASKED_WHEN_UNSTATED = frozenset({"database", "nosql_database", "graph_database", "file_system"})


def _written_source_of_truth(ctx: LintContext, store: ComponentView) -> bool:
    """A database or file system the design writes to (its data starts there)."""
    if store.type not in _ASKED_WHEN_UNSTATED:
        return False
    return bool(ctx.writes_into(store.id))


def _one_broker(ctx: LintContext, queue: ComponentView) -> bool:
    """A queue or stream we run that the design states runs on one machine: its messages
    have one copy whatever `replication` would say."""
    return (
        queue.type in ("queue", "stream")
        and ctx.stated(queue, "replicas")
        and ctx.replicas(queue) == 1
    )


def _copied(ctx: LintContext, store: ComponentView) -> bool:
    """Its `replicas` are copies of each partition (`archdraw.analysis.roles`)."""
    role = ctx.roles().of(store.id)
    return role is not None and role.copies >= 2


def _copies_over_a_link(ctx: LintContext, store: ComponentView) -> bool:
    """A drawn replication link from the store with its own mode (`replication: async` on the
    link) is a copy on another machine, whatever the store's own setting says; so is one whose
    mode nobody states (neither the link nor the store): the copy is drawn, how it is made is
    unknown. Only `none`, stated on the link or on the store it inherits from, is no copy."""
    for link in ctx.out_links.get(store.id, ()):
        if link.kind != "replication":
            continue
        if ctx.replication_mode(link, store) != "none":
            return True
        if "replication" not in link.props and not ctx.stated(store, "replication"):
            return True
    return False
