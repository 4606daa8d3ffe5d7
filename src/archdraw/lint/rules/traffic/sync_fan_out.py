"""AD208: one request makes many synchronous calls."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD208",
    name="sync-fan-out",
    severity=Severity.WARNING,
    title="Wide synchronous fan-out",
    why="""A request that waits on many calls is as slow as the slowest of them, and slow
    answers are common: if each callee is slower than its p99 one time in 100, a request
    waiting on 5 calls hits that tail about 5 % of the time, and one waiting on 100 calls
    63 % of the time ("the tail at scale"). It also fails if any one of them fails. The limit
    is `lint.options.max_sync_fan_out` (default 5 calls per request, summing link `calls`):
    a request that waits on more calls than that is reported.""",
    fix="""Call in parallel with one overall deadline; batch calls to the same service; return
    partial results when optional callees are slow (hedged or tied requests for the tail); or
    precompute the combined view asynchronously so the request reads one place.""",
    references=(
        "Dean and Barroso, The Tail at Scale (CACM 2013)",
        "Google SRE book, ch. 22 (addressing cascading failures)",
    ),
)
def sync_fan_out(ctx: LintContext) -> Iterator[Issue]:
    limit = ctx.option("max_sync_fan_out")
    limit_text = f"{limit:g}"
    link_number = ctx.link_number
    # A link without its own `calls` makes the library's default number: no look-up needed.
    default_calls = ctx.link_default_number("calls") or 0.0
    # `is_client` of a design component, as a set of ids: one test per caller, no call.
    clients = {c.id for c in ctx.client_side}
    if limit < 0:
        # A component with no sync calls makes 0 calls: only a limit below 0 reports it.
        callers = [(c, ctx.sync_out(c.id)) for c in ctx.design.components]
    else:
        components = ctx.components
        callers = [(components[i], k) for i, k in ctx.sync_callers.items() if i in components]
    for component, links in callers:
        if component.id in clients:
            continue
        calls = 0.0
        for link in links:
            if "calls" in link.props:
                calls += link_number(link, "calls") or 0.0
            else:
                calls += default_calls
        if calls > limit:
            yield Issue(
                f"each request to '{component.title}' waits on {calls:g} synchronous calls "
                f"(limit {limit_text}): it is as slow as the slowest of them",
                component=component.id,
            )
