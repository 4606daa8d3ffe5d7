"""The monthly cost line under the Properties form: the selected component's, or the design's.

It is the same planning estimate as `archdraw analyze --cost` and the review
(`archdraw.cost`), read from the one traffic model, so it says what it rests
on: a figure from library defaults shows its range, and usage that depends
on a client with no stated `rps` says so instead of reading $0.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from archdraw.cost import CostEstimate, PriceError, estimate, load_prices, money, user_prices_dir
from archdraw.cost.estimate import ComponentCost
from archdraw.library import Library
from archdraw.model import Design
from archdraw.source.printable import plural

# Above this many components the estimate (a traffic graph of its own) is left to
# View > Design Review, so that selecting and editing stay quick on huge designs.
COST_ABOVE = 2000


class CostNote(QLabel):
    def __init__(self) -> None:
        super().__init__(wordWrap=True)
        self.setObjectName("properties-cost")
        self._estimate: CostEstimate | None = None

    def invalidate(self) -> None:
        self._estimate = None

    def show_for(self, design: Design, library: Library, component_ids: tuple[str, ...]) -> None:
        self.setVisible(bool(design.components))  # an empty design costs nothing worth saying
        if len(design.components) > COST_ABOVE:
            self.setText("Cost: see View > Design Review (a large design)")
            return
        try:
            if self._estimate is None:
                self._estimate = estimate(design, library, load_prices(user_dir=user_prices_dir()))
        except PriceError as error:
            self.setText(f"Cost: the price files have a problem: {error}")
            return
        cost = self._estimate.components.get(component_ids[0]) if component_ids else None
        if len(component_ids) == 1 and cost is not None:
            self.setText(f"<b>Cost</b>: {component_text(cost)}")
        else:
            self.setText(f"<b>Cost of the design</b>: {design_text(self._estimate)}")


def _range(low: float, high: float, total: float) -> str:
    return "" if low == high == total else f", {money(low)} to {money(high)}"


def component_text(cost: ComponentCost) -> str:
    if cost.status == "not billed":
        return f"not billed ({cost.reason})"
    if not cost.lines:
        return f"not priced{f' ({cost.reason})' if cost.reason else ''}"
    parts = [
        f"{line.kind} {money(line.monthly)}" if line.monthly is not None else str(line.unknown)
        for line in cost.lines
    ]
    low = sum(line.low or 0.0 for line in cost.lines)
    high = sum(line.high or 0.0 for line in cost.lines)
    defaults = any(line.basis == "default" for line in cost.lines)
    basis = "assumes library defaults" if defaults else "from stated values"
    total = cost.total()
    return f"about {money(total)}/month ({'; '.join(parts)}); {basis}{_range(low, high, total)}"


def design_text(estimate: CostEstimate) -> str:
    total = estimate.total
    unknown = len(estimate.unknown)
    rest = "depends" if unknown == 1 else "depend"
    depends = f"; {plural(unknown, 'usage line')} {rest} on rates not stated" if unknown else ""
    return (
        f"about {money(total)}/month{_range(estimate.low, estimate.high, total)}"
        f"{depends} (a planning estimate from list prices; View > Design Review has the detail)"
    )
