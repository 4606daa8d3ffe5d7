"""AD412: a cache fronts a store that others write, with no expiry and no invalidation."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD412",
    name="stale-cache",
    severity=Severity.WARNING,
    title="Cache never expires or is invalidated",
    why="""A cache holds copies of what its store held when it was read. When another
    component changes the store and nothing tells the cache (no link from the writer to the
    cache) and its entries never expire (no `ttl_s`), readers see the old value until the
    entry is evicted: a deleted paste stays readable, a changed price stays old. A cache that
    a component keeps current from the store (it reads the store and writes the cache: a
    poller, a change-stream reader) is not stale this way.""",
    fix="""Set `ttl_s` to the staleness you can accept, and have the writers invalidate or
    update the cache on write (draw writer -> cache with `writes: true`), or read the
    store's change stream to invalidate.""",
    references=("AWS Whitepaper: Database Caching Strategies Using Redis (cache validity)",),
)
def stale_cache(ctx: LintContext) -> Iterator[Issue]:
    roles = ctx.roles()
    for cache in ctx.of_type("cache"):
        fronted = ctx.fronts(cache)
        if fronted is None or ctx.number(cache, "ttl_s") is not None:
            continue
        primary = roles.primary_of(fronted)
        if any(_reads(ctx, k.source, primary) for k in ctx.writes_into(cache.id)):
            continue  # a writer of the cache that reads the store keeps it current
        informed = {k.source for k in ctx.in_links.get(cache.id, ())}
        writers = [
            ctx.components[k.source]
            for k in ctx.writes_into(primary)
            if k.source not in informed and k.source in ctx.components
        ]
        if writers:
            names = ", ".join(f"'{w.title}'" for w in writers)
            yield Issue(
                f"'{cache.title}' fronts '{ctx.components[primary].title}', changed by {names} "
                "without telling the cache, and its entries never expire (no `ttl_s`): readers "
                "see stale data indefinitely",
                component=cache.id,
            )


def _reads(ctx: LintContext, component_id: str, primary: str) -> bool:
    """The component reads the store (a link to it that does not write)."""
    return any(k.target == primary and not ctx.writes(k) for k in ctx.flow_out(component_id))
