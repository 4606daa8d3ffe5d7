"""AD412: a cache fronts a store that others write, with no expiry and no invalidation."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.design_view import LinkView
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
        informed = {k.source for k in ctx.in_links.get(cache.id, ())}
        if any(_refreshes(ctx, k, primary) for k in ctx.in_links.get(cache.id, ())):
            continue
        writers = [
            ctx.components[k.source]
            for k in ctx.in_links.get(primary, ())
            if ctx.writes(k) and k.source not in informed and k.source in ctx.components
        ]
        if writers:
            names = ", ".join(f"'{w.title}'" for w in writers)
            yield Issue(
                f"'{cache.title}' fronts '{ctx.components[primary].title}', changed by {names} "
                "without telling the cache, and its entries never expire (no `ttl_s`): readers "
                "see stale data indefinitely",
                component=cache.id,
            )


def _refreshes(ctx: LintContext, link: LinkView, primary: str) -> bool:
    """The link writes the cache from a component that reads the store: it keeps it current."""
    if not ctx.writes(link):
        return False
    return any(k.target == primary and not ctx.writes(k) for k in ctx.flow_out(link.source))
