"""AD207: a caller gives up no later than its callee, which is still waiting on its own calls."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.design_view import LinkView
from archdraw.lint.routes import Routes
from archdraw.lint.rules.traffic.sync_call_without_timeout import never_called
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD207",
    name="timeout-inversion",
    severity=Severity.WARNING,
    title="Caller times out before its callee can answer",
    why="""If a service may wait 2 s on its database (plus retries) but its caller gives up
    after 1 s, then whenever the database is slow the caller has already returned an error
    (and perhaps retried, doubling the load) while the service keeps working on an answer
    nobody will read. Waiting exactly as long is not enough: the caller's clock started
    first and the callee still has its own work to do after its call gives up, so both give
    up at the same moment; the callee's own error or fallback never reaches the caller, and
    it keeps working on a request nobody waits for. Timeouts should shrink as you go down
    the stack, each callee's total budget strictly inside its caller's. Each caller is
    checked against the routes it takes: when a shared component (a gateway) has a slow
    route that another of its callers waits for (uploads for the uploaders, not the
    viewers), that route is taken to be the other caller's.""",
    fix="""Make each caller's `timeout_ms` longer than everything its callee may spend
    (timeout x (1 + retries) of the callee's own calls, plus its own work), or shorten the
    callee's timeouts and retries. Better: propagate a deadline with each request.""",
    references=(
        "Google SRE book, ch. 22 (addressing cascading failures: deadline propagation)",
        "AWS Builders' Library: timeouts, retries and backoff with jitter",
    ),
)
def timeout_inversion(ctx: LintContext) -> Iterator[Issue]:
    # A caller waits no longer than the longest-waiting caller of the same callee, so it
    # gives up first exactly when the callee has a route nobody waits long enough for. It
    # gives up at the same moment when it is the longest-waiting caller and one of the
    # callee's routes may take exactly as long (nobody waits longer: the route is its own).
    routes = ctx.routes()
    worst_by_callee: dict[str, tuple[float, LinkView | None]] = {}
    # Only a call that waits no longer than its callee may spend can be one (a callee that
    # calls nothing, or nothing bounded, cannot outwait its caller).
    for link, target, timeout, _, _ in routes.outwaited:
        if target not in worst_by_callee:
            worst_by_callee[target] = routes.worst_unexplained(target)
        worst, inner = worst_by_callee[target]
        if timeout is None or never_called(ctx, link):  # no request waits on the call
            continue
        if inner is None or not timeout < worst:
            # An equal wait: only the callee's longest-waiting caller may take the route (one
            # that another caller waits longer for is taken to be that caller's).
            if timeout != routes.longest.get(target):
                continue
            inner = _route_spending(ctx, routes, target, timeout)
            if inner is None:
                continue
            worst = timeout  # what the caller should wait more than
        caller, callee, route = ctx.title(link.source), ctx.title(target), ctx.link_title(inner)
        if worst > timeout:
            said = f"may itself wait {worst:g} ms on '{route}' (timeout x attempts)"
        else:
            said = (
                f"may itself wait as long ({worst:g} ms) on '{route}' (timeout x attempts): "
                f"both give up at the same moment, so the error or fallback of '{callee}' "
                f"never reaches '{caller}'"
            )
        unstated = [words for words in (_unstated(ctx, link), _unstated(ctx, inner)) if words]
        assumed = f" ({'; '.join(unstated)})" if unstated else ""
        yield Issue(
            f"'{caller}' waits {timeout:g} ms for '{callee}', which {said}{assumed}",
            link=link.key,
            fix=ctx.link_fix(link, f"Wait {worst * 1.2:g} ms", timeout_ms=round(worst * 1.2)),
            severity=Severity.INFO if unstated else None,
        )


def _unstated(ctx: LintContext, link: LinkView) -> str:
    """How the finding says that the link's timeout is a library default, not stated ("" when
    stated): the link's own default, else the caller's (`Routes` reads them in that order)."""
    if "timeout_ms" in link.props:
        return ""
    default = ctx.link_default("timeout_ms")
    if default is None:
        caller = ctx.components.get(link.source)
        if caller is None or ctx.stated(caller, "timeout_ms"):
            return ""
        default = caller.defaults.get("timeout_ms")
    return (
        f"'{ctx.link_title(link)}': `timeout_ms` not stated: assuming the library default "
        f"`timeout_ms: {default}`"
    )


def _route_spending(ctx: LintContext, routes: Routes, callee: str, spend: float) -> LinkView | None:
    """The callee's first call that a request may make and that may take exactly `spend`
    (timeout x attempts)."""
    for route, _, _, _, spent in routes.calls.get(callee, ()):
        if spent == spend and not never_called(ctx, route):
            return route
    return None
