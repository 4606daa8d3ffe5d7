"""AD210: if the cache empties or dies, the store behind it receives more than it can serve."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.design_view import ComponentView
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
    the cache was supposed to be only an optimisation. A verdict resting on a library default
    (the cache's `hit_ratio`, the store's `capacity_rps`, or its instance count with `replicas`
    not stated) says so and is info.""",
    fix="""Size the store to survive a cold cache (or most of one), warm caches before they
    take traffic, replicate the cache (`replicas`, `failover`) so one node's loss is a partial
    miss, and limit the stampede (request coalescing, a rate limit on misses).""",
    references=(
        "Facebook, Scaling Memcache at Facebook (NSDI 2013): cold cluster warm-up, leases",
        "AWS Well-Architected Framework, Reliability pillar: REL05",
    ),
)
def cache_loss_overload(ctx: LintContext) -> Iterator[Issue]:
    arrival_rps, components = ctx.arrival_rps, ctx.components
    number, flow_out = ctx.number, ctx.flow_out
    # Only a cache that passes requests on has something behind it (most sit beside the
    # store their callers read): keep those, then put the few in file order, rather than
    # sorting every cache as `of_type` would.
    order = ctx.file_order
    fronting = [c for c in ctx.of_types(("cache", "cdn")) if flow_out(c.id)]
    fronting.sort(key=lambda c: order[c.id])
    for cache in fronting:
        hit_ratio = number(cache, "hit_ratio") or 0.0
        arrival = arrival_rps.get(cache.id, 0.0)
        if hit_ratio <= 0 or arrival <= 0:
            continue
        for link in flow_out(cache.id):
            store = components.get(link.target)
            if store is None:
                continue
            capacity = ctx.capacity(store)
            per_replica = number(store, "capacity_rps")  # for the fix
            if capacity is None or per_replica is None:
                continue
            today = arrival_rps.get(store.id, 0.0)
            cold = today + arrival * hit_ratio * (ctx.link_number(link, "calls") or 0.0)
            # The misses are reads; a replicated store's copies still apply every write.
            work = ctx.store_work
            hot = work.work_at_of(store.id, cold)
            if work.work_at_of(store.id, today) < capacity <= hot:
                needed = work.machines_of(store.id, per_replica, cold)
                rests = _rests_on(ctx, cache, store)
                shard, whose = "", work.whose(store.id)
                if needed is None:
                    shard = f"; {whose} alone fill each copy: replicas do not help, shard it"
                yield Issue(
                    f"if '{cache.title}' is lost, '{store.title}' receives {cold:,.0f} req/s "
                    f"instead of {today:,.0f}{_applied(cold, hot, whose)}, above its "
                    f"{capacity:,.0f} "
                    f"req/s{rests}{shard}",
                    component=store.id,
                    fix=None
                    if needed is None
                    else ctx.fix(store, f"Run {needed} replicas", replicas=needed),
                    severity=Severity.INFO if rests else None,
                )


def _applied(arrival: float, work: float, whose: str) -> str:
    """The work a replicated store does beyond its arrivals, when it does (`whose`: whose
    writes it applies)."""
    if work <= arrival:
        return ""
    return f" ({work:,.0f} req/s of work, {whose} applied on each copy)"


def _rests_on(ctx: LintContext, cache: ComponentView, store: ComponentView) -> str:
    """What of the figures is the library's default, not the design's ("" when the design
    states them all), as AD213 says it of a consumer: a verdict resting on it is a question."""
    count = ctx.instances(store)
    said = [(cache, ctx.assumed(cache, "hit_ratio")[2:-1])]
    said.append((store, count.rests_on() if count.basis == "default" else ""))
    said.append((store, ctx.assumed(store, "capacity_rps")[2:-1]))
    parts = [f"'{component.title}': {text}" for component, text in said if text]
    return f" ({'; '.join(parts)})" if parts else ""
