"""AD406: a search index or vector DB that nothing feeds and that has no backups."""

from collections.abc import Iterator

from archdraw.lint.context import QUEUE_TYPES, LintContext
from archdraw.lint.design_view import ComponentView
from archdraw.lint.types import Issue, Severity, rule

_FEEDERS = QUEUE_TYPES | {"worker", "database", "nosql_database", "embedding_model", "scheduler"}


def fed(ctx: LintContext, store: ComponentView) -> bool:
    for link in ctx.in_links.get(store.id, []):
        source = ctx.source(link)
        if source is None:
            continue
        if link.kind in ("async", "replication") or ctx.link_prop(link, "writes") is True:
            return True
        if source.type in _FEEDERS:
            return True
    return False


@rule(
    code="AD406",
    name="unrebuildable-derived-store",
    severity=Severity.WARNING,
    title="Derived index that cannot be rebuilt",
    why="""A search index or a vector database is normally derived data: a copy of documents
    held elsewhere, reshaped for fast queries. That is what makes it safe to lose: you rebuild
    it from the source. If nothing in the design feeds it from a primary store (a change
    stream, a queue, an ingestion worker) and it has no backups, then it is the only copy, and
    a corrupted index, a mapping change or a new embedding model means the data is gone.""",
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
            yield Issue(
                f"nothing feeds '{store.title}' from a primary store and it has no backups: "
                "if it is lost or corrupted it cannot be rebuilt",
                component=store.id,
                fix=ctx.fix(store, "Turn on backups", backups=True),
            )
