"""AD207: a caller gives up before its callee has finished waiting on its own calls.

Also the route attribution AD206 shares: which of a component's sync calls a request that
arrived over a given link can take."""

import math
from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.types import Issue, Severity, rule
from archdraw.model import Link


class Routes:
    """Which calls a request takes, inferred from timeouts, memoised for one lint run.

    A diagram does not say which client uses which route through a shared component (a
    gateway serving viewers and uploaders). The timeouts do: a route that may take longer
    than a caller waits, while another caller of the same component waits long enough for
    it, is that other caller's route. A route nobody waits long enough for belongs to every
    caller (that is the inversion AD207 reports)."""

    def __init__(self, ctx: LintContext) -> None:
        self.ctx = ctx
        self._spend: dict[str, float | None] = {}
        self._longest: dict[str, float] = {}

    def wait_ms(self, link: Link) -> float | None:
        """How long the caller waits on this link: its own timeout, else the caller's."""
        timeout = self.ctx.link_number(link, "timeout_ms")
        if timeout is None:
            caller = self.ctx.components.get(link.source)
            timeout = self.ctx.number(caller, "timeout_ms") if caller is not None else None
        return timeout

    def retries(self, link: Link) -> float:
        if "retries" in link.props:
            return max(0.0, self.ctx.link_number(link, "retries") or 0.0)
        caller = self.ctx.components.get(link.source)
        return max(0.0, (self.ctx.number(caller, "retries") or 0.0) if caller else 0.0)

    def spend_ms(self, link: Link) -> float | None:
        """Everything the caller may spend on this link: timeout x attempts (None: no limit)."""
        if link.key not in self._spend:
            wait = self.wait_ms(link)
            self._spend[link.key] = None if wait is None else wait * (1 + self.retries(link))
        return self._spend[link.key]

    def longest_wait(self, component_id: str) -> float:
        """The longest any caller waits for this component (infinite if one has no timeout)."""
        found = self._longest.get(component_id)
        if found is None:
            waits = (self.wait_ms(k) for k in self.ctx.sync_in(component_id))
            found = max((math.inf if w is None else w for w in waits), default=0.0)
            self._longest[component_id] = found
        return found

    def taken(self, entering: Link | None, route: Link) -> bool:
        """Whether a request that arrived over `entering` may go on over `route`."""
        if entering is None:
            return True
        wait, spend = self.wait_ms(entering), self.spend_ms(route)
        if wait is None or spend is None or spend <= wait:
            return True
        return self.longest_wait(route.source) < spend  # nobody waits for it: everyone's

    def worst_route(self, entering: Link) -> tuple[float, Link | None]:
        """The longest the callee may spend on one of the routes this request takes."""
        worst, worst_link = 0.0, None
        for route in self.ctx.sync_out(entering.target):
            spend = self.spend_ms(route)
            if spend is not None and spend > worst and self.taken(entering, route):
                worst, worst_link = spend, route
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
    routes = Routes(ctx)
    for links in ctx.sync_callers.values():
        for link in links:
            timeout = routes.wait_ms(link)
            if timeout is None:
                continue
            worst, inner = routes.worst_route(link)
            if inner is not None and timeout < worst:
                yield Issue(
                    f"'{link.source}' waits {timeout:g} ms for '{link.target}', which may itself "
                    f"wait {worst:g} ms on '{inner.key}' (timeout x attempts)",
                    link=link.key,
                    fix=ctx.link_fix(
                        link, f"Wait {worst * 1.2:g} ms", timeout_ms=round(worst * 1.2)
                    ),
                )
