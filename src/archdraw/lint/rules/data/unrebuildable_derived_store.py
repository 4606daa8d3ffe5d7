"""AD406: a search index or vector DB that nothing feeds and that has no backups."""

from collections.abc import Iterator

from archdraw.lint.context import QUEUE_TYPES, LintContext
from archdraw.lint.design_view import ComponentView
from archdraw.lint.types import Issue, Severity, rule

# Sources the index is fed from directly: a store or stream keeps the data to rebuild from
# (a queue feeding it directly counts too; what it carries is the producer's to judge).
_DIRECT_FEEDERS = QUEUE_TYPES | {"database", "nosql_database"}
# Compute that feeds an index: it can rebuild it only from what it can read again.
_FEEDERS = frozenset({"worker", "embedding_model", "scheduler"})


def fed(ctx: LintContext, store: ComponentView) -> bool:
    for link in ctx.in_links.get(store.id, []):
        source = ctx.source(link)
        if source is None:
            continue
        if link.kind == "replication" or source.type in _DIRECT_FEEDERS:
            return True
        writes = link.kind == "async" or ctx.link_prop(link, "writes") is True
        if (writes or source.type in _FEEDERS) and not _fed_only_by_queues(ctx, source, store):
            return True
    return False


def _fed_only_by_queues(ctx: LintContext, writer: ComponentView, store: ComponentView) -> bool:
    """The writer's data arrives only through queues (gone once consumed) and it reads no
    other store: nothing is left to rebuild the index from."""
    arriving = [k for k in ctx.flow_in(writer.id) if k.kind == "async"]
    if not arriving or any(not _queue(ctx, k.source) for k in arriving):
        return False
    return not any(
        k.target != store.id and ctx.is_store(target)
        for k in ctx.sync_out(writer.id)
        if (target := ctx.components.get(k.target)) is not None
    )


def _queue(ctx: LintContext, component_id: str) -> bool:
    """A queue deletes a message once it is consumed (a stream keeps it to replay)."""
    component = ctx.components.get(component_id)
    return component is not None and component.type == "queue"


@rule(
    code="AD406",
    name="unrebuildable-derived-store",
    severity=Severity.WARNING,
    title="Derived index that cannot be rebuilt",
    why="""A search index or a vector database is normally derived data: a copy of documents
    held elsewhere, reshaped for fast queries. That is what makes it safe to lose: you rebuild
    it from the source. If nothing in the design feeds it from a primary store (a change
    stream, a queue, an ingestion worker) and it has no backups, then it is the only copy, and
    a corrupted index, a mapping change or a new embedding model means the data is gone. A
    pipeline fed only by a queue keeps nothing to replay: once consumed, the messages are
    gone. When the design does not state `backups`, "no backups" is only the library's
    default: the finding says so and is info.""",
    fix="""Draw the pipeline that feeds it (database -> stream -> indexing worker -> index, or
    an ingestion worker with an embedding model), keep that pipeline replayable from the start,
    or at least turn on `backups`.""",
    references=(
        "Designing Data-Intensive Applications, ch. 11 and 12 (derived data, unbundling databases)",
    ),
)
def unrebuildable_derived_store(ctx: LintContext) -> Iterator[Issue]:
    for store in ctx.of_type("search_index", "vector_db"):
        if not fed(ctx, store) and not ctx.flag(store, "backups"):
            stated = ctx.stated(store, "backups")
            yield Issue(
                f"nothing feeds '{store.title}' from a primary store and it has no backups: "
                "if it is lost or corrupted it cannot be rebuilt"
                if stated
                else f"nothing feeds '{store.title}' from a primary store and the design does "
                "not say it has backups (`backups` not stated): if it has none, it cannot be "
                "rebuilt when it is lost or corrupted",
                component=store.id,
                fix=ctx.fix(store, "Turn on backups", backups=True),
                severity=None if stated else Severity.INFO,
            )
