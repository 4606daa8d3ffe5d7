"""AD210: if the cache empties or dies, the store behind it receives more than it can serve."""

import math
from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD210",
    name="cache-loss-overload",
    severity=Severity.WARNING,
    title="Losing the cache overloads the store behind it",
    why="""A cache with a 90 % hit ratio means the store behind it sees a tenth of the reads,
    and it is tempting to size the store for that tenth. But caches restart, get flushed by a
    deploy, lose a node, or go cold after a failover, and then all reads fall through at once:
    the store receives ten times its usual load, saturates, and the site goes down exactly when
    the cache was supposed to be only an optimisation.""",
    fix="""Size the store to survive a cold cache (or most of one), warm caches before they
    take traffic, replicate the cache (`replicas`, `failover`) so one node's loss is a partial
    miss, and limit the stampede (request coalescing, a rate limit on misses).""",
    references=(
        "Facebook, Scaling Memcache at Facebook (NSDI 2013): cold cluster warm-up, leases",
        "AWS Well-Architected Framework, Reliability pillar: REL05",
    ),
)
def cache_loss_overload(ctx: LintContext) -> Iterator[Issue]:
    for cache in ctx.of_type("cache", "cdn"):
        hit_ratio = ctx.number(cache, "hit_ratio") or 0.0
        arrival = ctx.arrival_rps.get(cache.id, 0.0)
        if hit_ratio <= 0 or arrival <= 0:
            continue
        for link in ctx.flow_out(cache.id):
            store = ctx.target(link)
            if store is None:
                continue
            capacity = ctx.capacity(store)
            per_replica = ctx.number(store, "capacity_rps")
            if capacity is None or per_replica is None:
                continue
            today = ctx.arrival_rps.get(store.id, 0.0)
            cold = today + arrival * hit_ratio * (ctx.link_number(link, "calls") or 0.0)
            if today < capacity <= cold:
                needed = math.ceil(cold / per_replica)
                yield Issue(
                    f"if '{cache.title}' is lost, '{store.title}' receives {cold:,.0f} req/s "
                    f"instead of {today:,.0f}, above its {capacity:,.0f} req/s",
                    component=store.id,
                    fix=ctx.fix(store, f"Run {needed} replicas", replicas=needed),
                )
