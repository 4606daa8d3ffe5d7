"""AD405: a cache with no source of truth behind it."""

from collections.abc import Iterator, Set

from archdraw.lint.context import LintContext
from archdraw.lint.design_view import ComponentView
from archdraw.lint.types import Issue, Severity, rule


def backed(ctx: LintContext, cache: ComponentView, store_types: Set[str]) -> bool:
    """Read-through (cache -> store) or cache-aside (a caller also reads a store, one of
    `store_types`)."""
    components = ctx.components  # `ctx.target` without a call per link
    for link in ctx.flow_out(cache.id):
        target = components.get(link.target)
        if target is not None and target.type != "cache":
            return True
    for link in ctx.in_links.get(cache.id, ()):
        for sibling in ctx.flow_out(link.source):
            target = components.get(sibling.target)
            if target is not None and target.type in store_types:
                return True
    return False


@rule(
    code="AD405",
    name="cache-without-source",
    severity=Severity.WARNING,
    title="Cache with no source of truth",
    why="""A cache is a copy: memory is evicted under pressure, entries expire, and nodes
    restart empty. If nothing behind it holds the data (no store it reads through to, and its
    callers read no store on a miss), then the cache is the database, without durability:
    every eviction or restart silently loses data. Session stores and rate-limit counters are
    sometimes kept this way on purpose: ignore the finding there with that reason.""",
    fix="""Draw the store the cache fronts: cache -> database (read-through) or service ->
    cache and service -> database (cache-aside). If the data really lives only there, use a
    store built for it (Redis with persistence and replication) and treat it as a database.""",
    references=(
        "AWS Whitepaper: Database Caching Strategies Using Redis",
        "Designing Data-Intensive Applications, ch. 3 and 11 (derived data)",
    ),
)
def cache_without_source(ctx: LintContext) -> Iterator[Issue]:
    # Being a store goes with the type: decide once per type.
    sources = {t for t, found in ctx.by_type.items() if t != "cache" and ctx.is_store(found[0])}
    for cache in ctx.of_type("cache"):
        if not backed(ctx, cache, sources):
            yield Issue(
                f"nothing behind '{cache.title}' holds its data: an eviction or a restart "
                "loses it for good",
                component=cache.id,
            )
