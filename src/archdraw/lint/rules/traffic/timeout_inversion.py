"""AD207: a caller gives up before its callee has finished waiting on its own calls."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.design_view import LinkView
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD207",
    name="timeout-inversion",
    severity=Severity.WARNING,
    title="Caller times out before its callee can",
    why="""If a service may wait 2 s on its database (plus retries) but its caller gives up
    after 1 s, then whenever the database is slow the caller has already returned an error
    (and perhaps retried, doubling the load) while the service keeps working on an answer
    nobody will read. Timeouts should shrink as you go down the stack, each callee's total
    budget inside its caller's. Each caller is checked against the routes it takes: when a
    shared component (a gateway) has a slow route that another of its callers waits long
    enough for (uploads for the uploaders, not the viewers), that route is taken to be the
    other caller's.""",
    fix="""Make each caller's `timeout_ms` longer than everything its callee may spend
    (timeout x (1 + retries) of the callee's own calls, plus its own work), or shorten the
    callee's timeouts and retries. Better: propagate a deadline with each request.""",
    references=(
        "Google SRE book, ch. 22 (addressing cascading failures: deadline propagation)",
        "AWS Builders' Library: timeouts, retries and backoff with jitter",
    ),
)
def timeout_inversion(ctx: LintContext) -> Iterator[Issue]:
    # A caller waits no longer than the longest-waiting caller of the same callee, so it is
    # inverted exactly when the callee has a route nobody waits long enough for.
    routes = ctx.routes()
    worst_by_callee: dict[str, tuple[float, LinkView | None]] = {}
    # Only a call that waits less than its callee may spend can be one (a callee that calls
    # nothing, or nothing bounded, cannot outwait its caller).
    for link, target, timeout, _, _ in routes.outwaited:
        if target not in worst_by_callee:
            worst_by_callee[target] = routes.worst_unexplained(target)
        worst, inner = worst_by_callee[target]
        if inner is not None and timeout is not None and timeout < worst:
            yield Issue(
                f"'{ctx.title(link.source)}' waits {timeout:g} ms for '{ctx.title(target)}', "
                f"which may itself wait {worst:g} ms on '{ctx.link_title(inner)}' "
                "(timeout x attempts)",
                link=link.key,
                fix=ctx.link_fix(link, f"Wait {worst * 1.2:g} ms", timeout_ms=round(worst * 1.2)),
            )
