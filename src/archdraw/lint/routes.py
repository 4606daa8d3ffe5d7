"""`Routes`: which of a component's sync calls a request that arrived over a given link can
take (AD206 and AD207 share it, through `LintContext.routes`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from archdraw.lint.elements import as_number
from archdraw.model import Link

if TYPE_CHECKING:
    from archdraw.lint.context import LintContext

# The properties `Routes` reads, of components and of links alike.
ROUTE_PROPERTIES = frozenset({"timeout_ms", "retries"})


class Routes:
    """Which calls a request takes, inferred from timeouts, for one lint run.

    A diagram does not say which client uses which route through a shared component (a
    gateway serving viewers and uploaders). The timeouts do: a route that may take longer
    than a caller waits, while another caller of the same component waits long enough for
    it, is that other caller's route. A route nobody waits long enough for belongs to every
    caller (that is the inversion AD207 reports). A caller with no timeout is no evidence
    of a route (AD205 reports it).

    The per-call facts (wait, retries, spend) and per-component bounds are computed in two
    passes over the sync links when built: the walks ask for nearly every call, and a memo
    consulted per call cost them more than the passes. Per-call facts are keyed by
    `id(link)`: `Link.key` builds a string."""

    def __init__(self, ctx: LintContext) -> None:
        self.ctx = ctx
        self._callers: dict[str, tuple[float | None, float]] = {}
        self.wait: dict[int, float | None] = {}
        """How long the caller waits on a call: the link's `timeout_ms`, else the caller's."""
        self.retries: dict[int, float] = {}
        """How often the caller retries a call: the link's `retries`, else the caller's."""
        self.spend: dict[int, float | None] = {}
        """Everything the caller may spend on a call: wait x attempts (None: no limit)."""
        self.slowest: dict[str, float] = {}
        """The most a component may spend on one of its calls (absent or 0: none bounded)."""
        self.longest: dict[str, float] = {}
        """The longest any caller with a timeout waits for a component (absent: none)."""
        self.every: dict[int, bool] = {}
        """Whether a request that arrived over a call may take every route onwards."""
        self._measure_calls()
        self._find_routes_taken()

    def _measure_calls(self) -> None:
        # Reads `timeout_ms` and `retries` straight from the props: a lint session counts
        # them as read by whoever asks for the routes (ROUTE_PROPERTIES).
        ctx = self.ctx
        components, number = ctx.components, ctx.number
        callers, wait, retries_of, spend = self._callers, self.wait, self.retries, self.spend
        slowest, longest = self.slowest, self.longest
        default = ctx.link_default_number("timeout_ms")
        for caller_id, links in ctx.sync_callers.items():
            caller = components.get(caller_id)
            own_timeout, own_retries = None, 0.0
            if caller is not None:
                own_timeout = number(caller, "timeout_ms")
                own_retries = max(0.0, number(caller, "retries") or 0.0)
            callers[caller_id] = own_timeout, own_retries
            worst = 0.0
            for link in links:
                key, props = id(link), link.props
                timeout = as_number(props["timeout_ms"]) if "timeout_ms" in props else default
                if timeout is None:
                    timeout = own_timeout
                retries = own_retries
                if "retries" in props:
                    retries = max(0.0, as_number(props["retries"]) or 0.0)
                wait[key], retries_of[key] = timeout, retries
                if timeout is None:
                    spend[key] = None
                    continue
                spent = spend[key] = timeout * (1 + retries)
                if spent > worst:
                    worst = spent
                known = longest.get(link.target)
                if known is None or timeout > known:
                    longest[link.target] = timeout
            slowest[caller_id] = worst

    def own(self, caller_id: str) -> tuple[float | None, float]:
        """The caller's own `timeout_ms` and `retries`, which its links inherit."""
        return self._callers.get(caller_id, _NO_LIMITS)

    def slowest_route(self, component_id: str) -> float:
        """The most the component may spend on one of its calls (0 when none is bounded)."""
        return self.slowest.get(component_id, 0.0)

    def longest_wait(self, component_id: str) -> float:
        """The longest any caller with a timeout waits for this component."""
        return self.longest.get(component_id, 0.0)

    def _find_routes_taken(self) -> None:
        ctx, wait, spend, every = self.ctx, self.wait, self.spend, self.every
        slowest, longest, sync_in = self.slowest, self.longest, ctx.sync_in
        explained: dict[str, float] = {}  # the slowest route some caller waits for
        for links in ctx.sync_callers.values():
            for link in links:
                key, target = id(link), link.target
                waits = wait[key]
                if waits is None or waits >= slowest.get(target, 0.0):
                    every[key] = True
                    continue
                if len(sync_in(target)) < 2:
                    every[key] = True  # its only caller: no other caller to give a route to
                    continue
                bound = explained.get(target)
                if bound is None:
                    patience = longest.get(target, 0.0)
                    spends = (spend[id(k)] for k in ctx.sync_out(target))
                    bound = explained[target] = max(
                        (s for s in spends if s is not None and s <= patience), default=0.0
                    )
                every[key] = waits >= bound

    def takes_every_route(self, entering: Link | None) -> bool:
        """Whether a request that arrived over `entering` may take every route onwards."""
        return entering is None or self.every[id(entering)]

    def taken(self, entering: Link | None, route: Link) -> bool:
        """Whether a request that arrived over `entering` may go on over `route`."""
        if entering is None:
            return True
        wait, spend = self.wait[id(entering)], self.spend[id(route)]
        if wait is None or spend is None or spend <= wait:
            return True
        return self.longest.get(route.source, 0.0) < spend  # nobody waits for it: everyone's

    def worst_unexplained(self, component_id: str) -> tuple[float, Link | None]:
        """The slowest route out of the component that no caller waits long enough for."""
        worst, worst_link = self.longest.get(component_id, 0.0), None
        spend = self.spend
        for route in self.ctx.sync_out(component_id):
            spent = spend[id(route)]
            if spent is not None and spent > worst:
                worst, worst_link = spent, route
        return worst, worst_link


_NO_LIMITS: tuple[float | None, float] = (None, 0.0)
