"""`Routes`: which of a component's sync calls a request that arrived over a given link can
take (AD206 and AD207 share it, through `LintContext.routes`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from archdraw.lint.design_view import LinkView
from archdraw.lint.elements import as_number

if TYPE_CHECKING:
    from archdraw.lint.context import LintContext

# The properties `Routes` reads, of components and of links alike.
ROUTE_PROPERTIES = frozenset({"timeout_ms", "retries"})


# One sync call, as the routes see it: (link, target, waits, retries, spends), where `waits`
# is the link's `timeout_ms`, else the caller's (None: no limit); `retries` the link's, else
# the caller's; `spends` all the caller may spend on it, wait x attempts (None: no limit).
# A plain tuple, always unpacked: a run builds one per sync link.
Call = tuple[LinkView, str, float | None, float, float | None]


class Routes:
    """Which calls a request takes, inferred from timeouts, for one lint run.

    A diagram does not say which client uses which route through a shared component (a
    gateway serving viewers and uploaders). The timeouts do: a route that may take longer
    than a caller waits, while another caller of the same component waits long enough for
    it, is that other caller's route. A route nobody waits long enough for belongs to every
    caller (that is the inversion AD207 reports). A caller with no timeout is no evidence
    of a route (AD205 reports it).

    Everything is computed in two passes over the sync calls when built: the walks ask
    about nearly every call, and a memo consulted per call cost them more than the passes."""

    def __init__(self, ctx: LintContext) -> None:
        # Keeps no reference to `ctx`: a context holding its routes would be a cycle, and the
        # run's views would wait for the garbage collector instead of going with the context.
        self.calls: dict[str, list[Call]] = {}
        """Each caller's sync calls, in the order of `LintContext.sync_callers`."""
        self.slowest: dict[str, float] = {}
        """The most a component may spend on one of its calls (absent or 0: none bounded)."""
        self.longest: dict[str, float] = {}
        """The longest any caller with a timeout waits for a component (absent: none)."""
        self.partial: set[int] = set()
        """The calls (by `id` of the link) after which a request may take only some of the
        callee's routes: the others belong to callers that wait longer."""
        self.outwaited: list[Call] = []
        """The calls that wait less than their callee may spend on one of its own calls, or
        exactly as long while no other caller waits longer, in the order of `calls`: the only
        calls that can give up before the callee, or at the same moment (AD207)."""
        self._measure_calls(ctx)
        self._find_routes_taken(ctx)

    def _measure_calls(self, ctx: LintContext) -> None:
        # Reads `timeout_ms` and `retries` straight from the props: a lint session counts
        # them as read by whoever asks for the routes (ROUTE_PROPERTIES).
        components, number = ctx.components, ctx.number
        calls, slowest, longest = self.calls, self.slowest, self.longest
        default = ctx.link_default_number("timeout_ms")
        for caller_id, links in ctx.sync_callers.items():
            caller = components.get(caller_id)
            own_timeout, own_retries = None, 0.0
            if caller is not None:
                own_timeout = number(caller, "timeout_ms")
                own_retries = number(caller, "retries") or 0.0
                if not own_retries > 0.0:  # a negative count (or NaN) retries nothing
                    own_retries = 0.0
            rows: list[Call] = []
            worst = 0.0
            for link in links:
                props, target = link.props, link.target
                timeout = as_number(props["timeout_ms"]) if "timeout_ms" in props else default
                if timeout is None:
                    timeout = own_timeout
                retries = own_retries
                if "retries" in props:
                    retries = as_number(props["retries"]) or 0.0
                    if not retries > 0.0:
                        retries = 0.0
                if timeout is None:
                    rows.append((link, target, None, retries, None))
                    continue
                spent = timeout * (1 + retries)
                rows.append((link, target, timeout, retries, spent))
                if spent > worst:
                    worst = spent
                known = longest.get(target)
                if known is None or timeout > known:
                    longest[target] = timeout
            calls[caller_id] = rows
            slowest[caller_id] = worst

    def _find_routes_taken(self, ctx: LintContext) -> None:
        # A call without a timeout, or waiting long enough for every route, takes them all;
        # so does an only caller (no other caller to give a route to).
        calls, partial, slowest, sync_in = self.calls, self.partial, self.slowest, ctx.sync_in
        longest = self.longest
        explained: dict[str, float] = {}  # the slowest route some caller waits for
        outwaited = self.outwaited
        for rows in calls.values():
            for row in rows:
                link, target, waits, _, _ = row
                if waits is None:
                    continue
                slowest_route = slowest.get(target, 0.0)
                if waits > slowest_route:
                    continue
                if waits == slowest_route:
                    # Gives up with the callee only on a route nobody waits longer for (a
                    # route another caller waits longer for is taken to be that caller's).
                    if waits == longest.get(target):
                        outwaited.append(row)
                    continue  # and takes every route: it waits as long as the slowest
                outwaited.append(row)
                if len(sync_in(target)) < 2:
                    continue
                bound = explained.get(target)
                if bound is None:
                    patience = longest.get(target, 0.0)
                    spends = [spent for _, _, _, _, spent in calls.get(target, ())]
                    bound = explained[target] = max(
                        (s for s in spends if s is not None and s <= patience), default=0.0
                    )
                if waits < bound:
                    partial.add(id(link))

    def worst_unexplained(self, component_id: str) -> tuple[float, LinkView | None]:
        """The slowest route out of the component that no caller waits long enough for."""
        worst, worst_link = self.longest.get(component_id, 0.0), None
        for route, _, _, _, spent in self.calls.get(component_id, ()):
            if spent is not None and spent > worst:
                worst, worst_link = spent, route
        return worst, worst_link
