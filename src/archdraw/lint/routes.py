"""`Routes`: which of a component's sync calls a request that arrived over a given link can
take (AD206 and AD207 share it, through `LintContext.routes`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from archdraw.model import Link

if TYPE_CHECKING:
    from archdraw.lint.context import LintContext

# The properties `Routes` reads, of components and of links alike.
ROUTE_PROPERTIES = frozenset({"timeout_ms", "retries"})


class Routes:
    """Which calls a request takes, inferred from timeouts, memoised for one lint run.

    A diagram does not say which client uses which route through a shared component (a
    gateway serving viewers and uploaders). The timeouts do: a route that may take longer
    than a caller waits, while another caller of the same component waits long enough for
    it, is that other caller's route. A route nobody waits long enough for belongs to every
    caller (that is the inversion AD207 reports). A caller with no timeout is no evidence
    of a route (AD205 reports it)."""

    def __init__(self, ctx: LintContext) -> None:
        self.ctx = ctx
        # Keyed by id(link): the walks ask for every link, and `Link.key` builds a string.
        self._callers: dict[str, tuple[float | None, float]] = {}
        self._waits: dict[int, float | None] = {}
        self._every: dict[int, bool] = {}
        self._retries: dict[int, float] = {}
        self._spends: dict[int, float | None] = {}
        self._slowest: dict[str, float] = {}
        self._longest: dict[str, float] = {}
        self._explained: dict[str, float] = {}

    def own(self, caller_id: str) -> tuple[float | None, float]:
        """The caller's own `timeout_ms` and `retries`, which its links inherit."""
        found = self._callers.get(caller_id)
        if found is None:
            caller = self.ctx.components.get(caller_id)
            if caller is None:
                found = (None, 0.0)
            else:
                retries = max(0.0, self.ctx.number(caller, "retries") or 0.0)
                found = (self.ctx.number(caller, "timeout_ms"), retries)
            self._callers[caller_id] = found
        return found

    def wait_ms(self, link: Link) -> float | None:
        """How long the caller waits on this call: the link's timeout, else the caller's."""
        key = id(link)
        if key in self._waits:
            return self._waits[key]
        found = self.ctx.link_number(link, "timeout_ms")
        if found is None:
            found = self.own(link.source)[0]
        self._waits[key] = found
        return found

    def retries(self, link: Link) -> float:
        """How often the caller retries this call: the link's `retries`, else the caller's."""
        found = self._retries.get(id(link))
        if found is None:
            if "retries" in link.props:
                found = max(0.0, self.ctx.link_number(link, "retries") or 0.0)
            else:
                found = self.own(link.source)[1]
            self._retries[id(link)] = found
        return found

    def spend_ms(self, link: Link) -> float | None:
        """Everything the caller may spend on this call: timeout x attempts (None: no limit)."""
        key = id(link)
        if key in self._spends:
            return self._spends[key]
        wait = self.wait_ms(link)
        found = None if wait is None else wait * (1 + self.retries(link))
        self._spends[key] = found
        return found

    def slowest_route(self, component_id: str) -> float:
        """The most the component may spend on one of its calls (0 when none is bounded)."""
        found = self._slowest.get(component_id)
        if found is None:
            # `spend_ms` spelled out for every call of one caller: AD207 asks for all of them.
            link_number, spends = self.ctx.link_number, self._spends
            own_timeout, own_retries = self.own(component_id)
            found = 0.0
            for link in self.ctx.sync_out(component_id):
                wait = link_number(link, "timeout_ms")
                if wait is None:
                    wait = own_timeout
                if wait is None:
                    spends[id(link)] = None
                    continue
                retries = own_retries
                if "retries" in link.props:
                    retries = max(0.0, link_number(link, "retries") or 0.0)
                spend = spends[id(link)] = wait * (1 + retries)
                found = max(found, spend)
            self._slowest[component_id] = found
        return found

    def longest_wait(self, component_id: str) -> float:
        """The longest any caller with a timeout waits for this component."""
        found = self._longest.get(component_id)
        if found is None:
            waits = (self.wait_ms(k) for k in self.ctx.sync_in(component_id))
            found = self._longest[component_id] = max(
                (w for w in waits if w is not None), default=0.0
            )
        return found

    def takes_every_route(self, entering: Link | None) -> bool:
        """Whether a request that arrived over `entering` may take every route onwards."""
        if entering is None:
            return True
        found = self._every.get(id(entering))
        if found is None:
            found = self._every[id(entering)] = self._takes_every_route(entering)
        return found

    def _takes_every_route(self, entering: Link) -> bool:
        target = entering.target
        if len(self.ctx.sync_in(target)) < 2:
            return True  # its only caller: no other caller to give a route to
        wait = self.wait_ms(entering)
        if wait is None or wait >= self.slowest_route(target):
            return True
        explained = self._explained.get(target)
        if explained is None:
            longest = self.longest_wait(target)
            spends = (self.spend_ms(k) for k in self.ctx.sync_out(target))
            explained = self._explained[target] = max(
                (s for s in spends if s is not None and s <= longest), default=0.0
            )
        return wait >= explained

    def taken(self, entering: Link | None, route: Link) -> bool:
        """Whether a request that arrived over `entering` may go on over `route`."""
        if entering is None:
            return True
        wait, spend = self.wait_ms(entering), self.spend_ms(route)
        if wait is None or spend is None or spend <= wait:
            return True
        return self.longest_wait(route.source) < spend  # nobody waits for it: everyone's

    def worst_unexplained(self, component_id: str) -> tuple[float, Link | None]:
        """The slowest route out of the component that no caller waits long enough for."""
        longest = self.longest_wait(component_id)
        worst, worst_link = longest, None
        for route in self.ctx.sync_out(component_id):
            spend = self.spend_ms(route)
            if spend is not None and spend > worst:
                worst, worst_link = spend, route
        return worst, worst_link
