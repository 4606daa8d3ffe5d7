"""Analysis results drawn over the canvas: what is down or degraded, how loaded each box is.

The overlay only tints, relabels and fades component items (their
`set_overlay`) and fades the links of what is down (item opacity); it never
touches the design or the undo stack, and `clear()` restores the normal view.
"""

from __future__ import annotations

from archdraw.analysis.capacity import GrowthResult
from archdraw.analysis.failure import FailureResult
from archdraw.gui.canvas.scene import DesignScene
from archdraw.style import Theme
from archdraw.style.theme import utilization_colour


def _rate(value: float) -> str:
    if value >= 10_000:
        return f"{value / 1000:,.0f}k/s"
    return f"{value:,.0f}/s" if value >= 10 else f"{value:.1f}/s"


class AnalysisOverlay:
    def __init__(self, scene: DesignScene) -> None:
        self.scene = scene
        self.active = False

    def clear(self) -> None:
        for item in self.scene.components.values():
            item.set_overlay(None)
        for link in self.scene.links.values():
            link.setOpacity(1.0)
        self.active = False

    def show(
        self,
        theme: Theme,
        failure: FailureResult | None,
        growth: GrowthResult | None,
        sources: set[str],
    ) -> None:
        """Failure states alone, or utilization colours (down boxes stay faded) with growth."""
        self.active = True
        down_ids = (
            {cid for cid, s in failure.components.items() if s.state == "down"}
            if failure
            else set()
        )
        for link in self.scene.links.values():
            faded = link.source in down_ids or link.target in down_ids
            link.setOpacity(theme.down_opacity if faded else 1.0)
        for component_id, item in self.scene.components.items():
            state = failure.components.get(component_id) if failure else None
            down = state is not None and state.state == "down"
            if growth is not None:
                colour, text = self._load(theme, growth, component_id, sources)
                item.set_overlay(colour, "down" if down else text, dimmed=down)
            elif state is None or state.state == "up":
                item.set_overlay(None)
            elif down:
                item.set_overlay(theme.utilization["hot"], "down", dimmed=True)
            else:
                item.set_overlay(
                    theme.utilization["warm"], f"degraded · serves {state.serving:.0%}"
                )

    @staticmethod
    def _load(
        theme: Theme, growth: GrowthResult, component_id: str, sources: set[str]
    ) -> tuple[str | None, str | None]:
        load = growth.components.get(component_id)
        if load is None or component_id in sources:
            return None, None
        # Fed by a client that states no rps, the load is a lower bound (the Load table's
        # "≥"); from such clients alone it is 0, which said "0% · 0.0/s" in green: no load.
        at_least = "≥ " if load.rate_basis == "lower bound" else ""
        if at_least and load.arrival_rps == 0:
            return utilization_colour(theme, None), "load unknown"
        rate = at_least + _rate(load.arrival_rps)
        if load.capacity_rps is None:
            return utilization_colour(theme, None), f"{rate} · capacity ?"
        utilization = load.utilization
        text = "down" if utilization is None else f"{at_least}{utilization:.0%} · {rate}"
        if component_id == growth.bottleneck and utilization is not None:
            text = f"bottleneck {utilization:.0%}"  # short: the line is elided at ~20 characters
        return utilization_colour(theme, utilization), text
