"""AD201: clients reach services with no rate limiter or `rate_limit` on the way."""

from collections.abc import Iterator

from archdraw.lint.audience import internal
from archdraw.lint.context import LintContext
from archdraw.lint.design_view import ComponentView
from archdraw.lint.rules.traffic.sync_call_without_timeout import interactive, never_called
from archdraw.lint.types import Issue, Severity, rule

_WORK = frozenset({"compute", "ai", "storage"})


def limits_rate(ctx: LintContext, component: ComponentView) -> bool:
    """A rate limiter, a stated `rate_limit` figure, or a limit stated without its figure
    (`limits_rate: true`)."""
    if component.type == "rate_limiter" or ctx.number(component, "rate_limit") is not None:
        return True
    return ctx.flag(component, "limits_rate")


def first_unprotected_service(ctx: LintContext, entry: ComponentView) -> ComponentView | None:
    """A service reachable from `entry` over sync links without passing a rate limit (a call
    no request makes, `calls: 0`, carries no client's traffic)."""
    seen = {entry.id}
    todo = [entry]
    while todo:
        current = todo.pop()
        if limits_rate(ctx, current):
            continue
        if ctx.category(current) in _WORK:
            return current
        for link in ctx.sync_out(current.id):
            if never_called(ctx, link):
                continue
            target = ctx.target(link)
            if target is not None and target.id not in seen:
                seen.add(target.id)
                todo.append(target)
    return None


@rule(
    code="AD201",
    name="missing-rate-limit",
    severity=Severity.WARNING,
    title="Clients reach services without a rate limit",
    why="""Without a rate limit, one client can take the whole system down: a buggy mobile
    release retrying in a tight loop, a scraper, a customer's batch job, or an attacker. Each
    request costs you CPU and database time, and nothing stops one caller from using all of it.
    A limit per client (say 100 requests per second, far above normal use) turns those events
    into HTTP 429 responses for the offender instead of an outage for everyone. The
    organisation's own staff are judged like the public (a dashboard polling in a loop on
    every screen of a store). An entry reached only by interactive sessions (SSH, RDP:
    administrators at a bastion) or only by the organisation's own programs (`audience:
    internal` on the client: another team's service, a job, a simulator in the cluster) is not
    judged: there are no requests to count, or the load is the design's own (its `rps`, which
    saturation judges, AD209) and a runaway caller is the design's own bug, judged where it
    retries (AD203, AD206). A limit the source states without its figure (`limits_rate:
    true`: a gateway said to rate-limit) counts as one on the way.""",
    fix="""Put a rate limiter or an API gateway with `rate_limit` between clients and the
    services, or set `rate_limit` on the entry point (load balancer, gateway, service). Use a
    token bucket per API key or user, with counters in a shared store.""",
    references=(
        "Google SRE book, ch. 21 (handling overload) and 22 (cascading failures)",
        "OWASP API Security Top 10: API4 unrestricted resource consumption",
    ),
)
def missing_rate_limit(ctx: LintContext) -> Iterator[Issue]:
    clients = {c.id for c in ctx.client_side}
    for entry in ctx.client_entry_points:
        arriving = [k for k in ctx.sync_in(entry.id) if k.source in clients]
        if arriving and all(
            interactive(ctx, k) or internal(ctx, ctx.components[k.source]) for k in arriving
        ):
            # Administrators' SSH sessions (nothing for a request limit to count), or the
            # organisation's own programs (their load is the design's own).
            continue
        reached = first_unprotected_service(ctx, entry)
        if reached is None:
            continue
        where = "" if reached.id == entry.id else f" and on to '{reached.title}'"
        yield Issue(
            f"clients reach '{entry.title}'{where} with no rate limit on the way: one "
            "misbehaving client can exhaust it for everyone",
            component=entry.id,
            fix=ctx.fix(entry, "Limit each client to 100 requests/s", rate_limit=100),
        )
