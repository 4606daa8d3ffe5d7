"""AD413: a write path writes to a cache and to no store."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD413",
    name="cache-only-copy",
    severity=Severity.WARNING,
    title="Data written only to a cache",
    why="""A component writes this data into a cache and into no store: the cache is the only
    copy. Caches evict under memory pressure and restart empty, so every restart or failover
    loses what was written (home timelines kept only in Redis, a cart in a throwaway Redis).
    Sometimes that is the design (sessions, recomputable timelines): then the design should
    say how the data is rebuilt. A cache that fronts a store, or keeps the answers of a
    service that can compute them again (`fronts` names it), is not the only copy. When
    neither `fronts` nor a link of the cache's own names that store, and it is only inferred
    from what the cache's callers also call, a writer that never calls it writes data of its
    own (carts in a Redis whose other user keeps a counter beside its database).""",
    fix="""Also write the data to a durable store (and let the cache front it), or make the
    cache a store: persistence, replication and backups, treated as a database.""",
    references=("Designing Data-Intensive Applications, ch. 11 (derived data)",),
)
def cache_only_copy(ctx: LintContext) -> Iterator[Issue]:
    roles = ctx.roles()
    for cache in ctx.of_type("cache"):
        role = roles.of(cache.id)
        fronts = None if role is None else role.fronts
        stated = role is not None and role.fronts_basis == "stated"
        if fronts is not None and (stated or _calls(ctx, cache.id, fronts)):
            continue  # copies of a store, or answers a service can compute again
        writers = [
            ctx.components[k.source]
            for k in ctx.writes_into(cache.id)
            if k.source in ctx.components
        ]
        for writer in writers:
            if fronts is not None and _calls(ctx, writer.id, fronts):
                continue  # it fills the cache from the store it fronts: a copy
            stores = [
                k for k in ctx.flow_out(writer.id)
                if ctx.writes(k) and k.target != cache.id and _durable(ctx, k.target)
            ]  # fmt: skip
            if not stores:
                yield Issue(
                    f"'{writer.title}' writes to '{cache.title}' and to no store: the cache is "
                    "the only copy, and a restart or eviction loses it",
                    component=cache.id,
                )
                break


def _calls(ctx: LintContext, source: str, store: str) -> bool:
    return any(k.target == store for k in ctx.flow_out(source))


def _durable(ctx: LintContext, component_id: str) -> bool:
    component = ctx.components.get(component_id)
    return component is not None and ctx.is_store(component) and component.type != "cache"
