"""AD207: a caller gives up before its callee has finished waiting on its own calls."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.types import Issue, Severity, rule
from archdraw.model import Link


def worst_downstream_ms(ctx: LintContext, component_id: str) -> tuple[float, Link | None]:
    worst, worst_link = 0.0, None
    # Every link here has the same caller: read its own timeout and retries once.
    caller = ctx.components.get(component_id)
    own_timeout = ctx.number(caller, "timeout_ms") if caller is not None else None
    own_retries: float | None = None
    for link in ctx.sync_out(component_id):
        timeout = ctx.link_number(link, "timeout_ms")
        if timeout is None:
            timeout = own_timeout
        if timeout is None:
            continue
        retries = ctx.link_number(link, "retries") if "retries" in link.props else None
        if retries is None:
            if own_retries is None:
                own_retries = (ctx.number(caller, "retries") or 0.0) if caller is not None else 0.0
            retries = own_retries
        spent = timeout * (1 + retries)
        if spent > worst:
            worst, worst_link = spent, link
    return worst, worst_link


@rule(
    code="AD207",
    name="timeout-inversion",
    severity=Severity.WARNING,
    title="Caller times out before its callee can",
    why="""If a service may wait 2 s on its database (plus retries) but its caller gives up
    after 1 s, then whenever the database is slow the caller has already returned an error
    (and perhaps retried, doubling the load) while the service keeps working on an answer
    nobody will read. Timeouts should shrink as you go down the stack, each callee's total
    budget inside its caller's.""",
    fix="""Make each caller's `timeout_ms` longer than everything its callee may spend
    (timeout x (1 + retries) of the callee's own calls, plus its own work), or shorten the
    callee's timeouts and retries. Better: propagate a deadline with each request.""",
    references=(
        "Google SRE book, ch. 22 (addressing cascading failures: deadline propagation)",
        "AWS Builders' Library: timeouts, retries and backoff with jitter",
    ),
)
def timeout_inversion(ctx: LintContext) -> Iterator[Issue]:
    downstream: dict[str, tuple[float, Link | None]] = {}
    for caller_id, links in ctx.sync_callers.items():
        caller = ctx.components.get(caller_id)
        own_timeout = ctx.number(caller, "timeout_ms") if caller is not None else None
        yield from _inversions(ctx, links, own_timeout, downstream)


def _inversions(
    ctx: LintContext,
    links: list[Link],
    own_timeout: float | None,
    downstream: dict[str, tuple[float, Link | None]],
) -> Iterator[Issue]:
    for link in links:
        if not ctx.sync_out(link.target):
            continue  # a callee that calls nothing cannot outwait its caller
        timeout = ctx.link_number(link, "timeout_ms")
        if timeout is None:
            timeout = own_timeout
        if timeout is None:
            continue
        if link.target not in downstream:
            downstream[link.target] = worst_downstream_ms(ctx, link.target)
        worst, inner = downstream[link.target]
        if inner is not None and timeout < worst:
            yield Issue(
                f"'{link.source}' waits {timeout:g} ms for '{link.target}', which may itself "
                f"wait {worst:g} ms on '{inner.key}' (timeout x attempts)",
                link=link.key,
                fix=ctx.link_fix(link, f"Wait {worst * 1.2:g} ms", timeout_ms=round(worst * 1.2)),
            )
