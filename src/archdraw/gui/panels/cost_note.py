"""The monthly cost line under the Properties form: the selected component's, the selected
components' together, or the design's.

It is the same planning estimate as `archdraw analyze --cost` and the review
(`archdraw.cost`), read from the one traffic model, so it says what it rests
on: a figure from library defaults shows its range, and usage that depends
on a client with no stated `rps` says so instead of reading $0. Figures are in
the price book's currency, written as `archdraw.cost`'s reports write them.
"""

from __future__ import annotations

from html import escape

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel

from archdraw.cost import (
    CostEstimate,
    PriceError,
    estimate,
    load_prices,
    money,
    money_range,
    user_prices_dir,
)
from archdraw.cost.estimate import ComponentCost, unpriced_reasons
from archdraw.library import Library
from archdraw.model import Design
from archdraw.source.printable import plural

# Above this many components the estimate (a traffic graph of its own) is left to
# View > Design Review, so that selecting and editing stay quick on huge designs.
COST_ABOVE = 2000


# After an edit the estimate (a traffic graph of its own, read on the UI thread) is worked
# out again once edits pause for this long: typing a value or dragging must not wait for it.
RECOMPUTE_AFTER_MS = 300


class CostNote(QLabel):
    def __init__(self) -> None:
        super().__init__(wordWrap=True)
        self.setObjectName("properties-cost")
        self._estimate: CostEstimate | None = None
        self._stale = False  # an edit since `_estimate` was worked out
        self._shown: tuple[Design, Library, tuple[str, ...]] | None = None
        self._later = QTimer(self, singleShot=True, interval=RECOMPUTE_AFTER_MS)
        self._later.timeout.connect(self._recompute)

    def invalidate(self, reset: bool = False) -> None:
        """The design changed: its figures are worked out again once edits pause (at once
        for another design, `reset`; until then the last figures stay shown)."""
        if reset:
            self._estimate = None
        self._stale = True

    def pending(self) -> bool:
        """Figures shown are from before the last edit (they are being worked out again)."""
        return self._stale and self._later.isActive()

    def show_for(self, design: Design, library: Library, component_ids: tuple[str, ...]) -> None:
        self._shown = (design, library, component_ids)
        self.setVisible(bool(design.components))  # an empty design costs nothing worth saying
        if len(design.components) > COST_ABOVE:
            self.setText("Cost: see View > Design Review (a large design)")
            return
        if self._estimate is None:
            if not self._work_out(design, library):
                return
        elif self._stale:
            self._later.start()  # the last figures meanwhile
        self._show(component_ids)

    def _recompute(self) -> None:
        if self._shown is None or not shiboken6.isValid(self):
            return
        design, library, component_ids = self._shown
        if len(design.components) <= COST_ABOVE and self._work_out(design, library):
            self._show(component_ids)

    def _work_out(self, design: Design, library: Library) -> bool:
        try:
            self._estimate = estimate(design, library, load_prices(user_dir=user_prices_dir()))
        except PriceError as error:
            self.setText(f"Cost: the price files have a problem: {error}")
            return False
        self._stale = False
        return True

    def _show(self, component_ids: tuple[str, ...]) -> None:
        assert self._estimate is not None
        currency = self._estimate.book.currency
        cost = self._estimate.components.get(component_ids[0]) if component_ids else None
        if len(component_ids) == 1 and cost is not None:
            self.setText(f"<b>Cost</b>: {component_text(cost, currency)}")
        elif len(component_ids) > 1:
            found = self._estimate.components
            costs = [found[i] for i in component_ids if i in found]
            heading = f"Cost of these {len(costs):,} components"
            self.setText(f"<b>{heading}</b>: {selection_text(costs, currency)}")
        else:
            self.setText(f"<b>Cost of the design</b>: {design_text(self._estimate)}")


def _range(low: float, high: float, currency: str) -> str:
    spread = money_range(low, high, currency)
    return f", {spread}" if spread else ""


def component_text(cost: ComponentCost, currency: str) -> str:
    if cost.status == "not billed":
        return f"not billed ({cost.reason})"
    if not cost.lines:
        return f"not priced{f' ({cost.reason})' if cost.reason else ''}"
    parts = [
        f"{line.kind} {money(line.monthly, currency)}"
        if line.monthly is not None
        else str(line.unknown)
        for line in cost.lines
    ]
    low = sum(line.low or 0.0 for line in cost.lines)
    high = sum(line.high or 0.0 for line in cost.lines)
    defaults = any(line.basis == "default" for line in cost.lines)
    basis = "assumes library defaults" if defaults else "from stated values"
    total = cost.total()
    spread = _range(low, high, currency)
    return f"about {money(total, currency)}/month ({'; '.join(parts)}); {basis}{spread}"


def design_text(estimate: CostEstimate) -> str:
    total, currency = estimate.total, estimate.book.currency
    unpriced = unpriced_text(list(estimate.components.values()))
    spread = _range(estimate.low, estimate.high, currency)
    return (
        f"about {money(total, currency)}/month{spread}"
        f"{f'; {unpriced}' if unpriced else ''}. A planning estimate from list prices; "
        "View > Design Review has the detail."
    )


def unpriced_text(costs: list[ComponentCost]) -> str:
    """How many cost lines cannot be priced and why (the first reason), or ""."""
    reasons = unpriced_reasons(costs)
    if not reasons:
        return ""
    first, *more = reasons
    why = escape(first, quote=False)  # a reason names ids: file text, shown as rich text
    rest = f"; and {plural(len(more), 'other reason')}" if more else ""
    count = sum(len(ids) for ids in reasons.values())
    return f"{plural(count, 'cost line')} cannot be priced ({why}{rest})"


def selection_text(costs: list[ComponentCost], currency: str) -> str:
    """Several components' lines summed: the design's one estimate, read for the selection."""
    known = [line for cost in costs for line in cost.lines if line.monthly is not None]
    unpriced = unpriced_text(costs)
    parts = []
    if known:
        total = sum(line.monthly or 0.0 for line in known)
        low = sum(line.low or 0.0 for line in known)
        high = sum(line.high or 0.0 for line in known)
        defaults = any(line.basis == "default" for line in known)
        basis = "assumes library defaults" if defaults else "from stated values"
        spread = _range(low, high, currency)
        parts.append(f"about {money(total, currency)}/month{spread}; {basis}")
    elif unpriced:
        parts.append("unknown")
    if unpriced:
        parts.append(unpriced)
    billed_not = [cost for cost in costs if cost.status == "not billed"]
    if billed_not:
        parts.append(f"{len(billed_not)} not billed ({billed_not[0].reason})")
    return "; ".join(parts)
