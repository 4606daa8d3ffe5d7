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

    The per-call facts and per-component bounds are computed in two passes over the sync
    links when built: the walks ask for nearly every call, and a memo consulted per call
    cost them more than the passes. Per-call facts are keyed by `id(link)`: `Link.key`
    builds a string."""

    def __init__(self, ctx: LintContext) -> None:
        self.ctx = ctx
        self.calls: dict[int, tuple[float | None, float, float | None]] = {}
        """Per sync call: how long the caller waits (the link's `timeout_ms`, else the
        caller's), how often it retries (the link's `retries`, else the caller's), and all it
        may spend on the call, wait x attempts (None: no limit)."""
        self.slowest: dict[str, float] = {}
        """The most a component may spend on one of its calls (absent or 0: none bounded)."""
        self.longest: dict[str, float] = {}
        """The longest any caller with a timeout waits for a component (absent: none)."""
        self.partial: set[int] = set()
        """The calls after which a request may take only some of the callee's routes."""
        self._find_routes_taken(self._measure_calls())

    def _measure_calls(self) -> list[tuple[int, str, float]]:
        """Fills `calls`, `slowest` and `longest`; answers the calls that have a timeout."""
        # Reads `timeout_ms` and `retries` straight from the props: a lint session counts
        # them as read by whoever asks for the routes (ROUTE_PROPERTIES).
        ctx = self.ctx
        components, number = ctx.components, ctx.number
        calls, slowest, longest = self.calls, self.slowest, self.longest
        default = ctx.link_default_number("timeout_ms")
        timed: list[tuple[int, str, float]] = []
        for caller_id, links in ctx.sync_callers.items():
            caller = components.get(caller_id)
            own_timeout, own_retries = None, 0.0
            if caller is not None:
                own_timeout = number(caller, "timeout_ms")
                own_retries = max(0.0, number(caller, "retries") or 0.0)
            worst = 0.0
            for link in links:
                fields = link.__dict__  # one look-up for two fields (see LintContext)
                key, props, target = id(link), fields["props"], fields["target"]
                timeout = as_number(props["timeout_ms"]) if "timeout_ms" in props else default
                if timeout is None:
                    timeout = own_timeout
                retries = own_retries
                if "retries" in props:
                    retries = max(0.0, as_number(props["retries"]) or 0.0)
                if timeout is None:
                    calls[key] = (None, retries, None)
                    continue
                spent = timeout * (1 + retries)
                calls[key] = (timeout, retries, spent)
                timed.append((key, target, timeout))
                if spent > worst:
                    worst = spent
                known = longest.get(target)
                if known is None or timeout > known:
                    longest[target] = timeout
            slowest[caller_id] = worst
        return timed

    def _find_routes_taken(self, timed: list[tuple[int, str, float]]) -> None:
        # A call without a timeout, or waiting long enough for every route, takes them all.
        ctx, calls, partial = self.ctx, self.calls, self.partial
        slowest, longest, sync_in = self.slowest, self.longest, ctx.sync_in
        explained: dict[str, float] = {}  # the slowest route some caller waits for
        for key, target, waits in timed:
            if waits >= slowest.get(target, 0.0) or len(sync_in(target)) < 2:
                continue  # (an only caller: no other caller to give a route to)
            bound = explained.get(target)
            if bound is None:
                patience = longest.get(target, 0.0)
                spends = (calls[id(k)][2] for k in ctx.sync_out(target))
                bound = explained[target] = max(
                    (s for s in spends if s is not None and s <= patience), default=0.0
                )
            if waits < bound:
                partial.add(key)

    def taken(self, entering: Link | None, route: Link) -> bool:
        """Whether a request that arrived over `entering` may go on over `route`."""
        if entering is None:
            return True
        wait, spend = self.calls[id(entering)][0], self.calls[id(route)][2]
        if wait is None or spend is None or spend <= wait:
            return True
        return self.longest.get(route.source, 0.0) < spend  # nobody waits for it: everyone's

    def worst_unexplained(self, component_id: str) -> tuple[float, Link | None]:
        """The slowest route out of the component that no caller waits long enough for."""
        worst, worst_link = self.longest.get(component_id, 0.0), None
        calls = self.calls
        for route in self.ctx.sync_out(component_id):
            spent = calls[id(route)][2]
            if spent is not None and spent > worst:
                worst, worst_link = spent, route
        return worst, worst_link
