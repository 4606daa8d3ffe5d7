"""`auto_layout`: positions for components, from `dot` when it can, from Python when it must."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from archdraw.layout.geometry import Point, ZoneTree, bounding, node_rect, zone_rectangles
from archdraw.layout.graphviz_engine import (
    INSTALL_HINT,
    EngineFailed,
    LayoutCancelled,
    find_program,
    layout_with_dot,
)
from archdraw.layout.incremental import place_new
from archdraw.layout.layered import layout_layered
from archdraw.library import Library
from archdraw.model import Design
from archdraw.source.printable import plural

EngineChoice = Literal["auto", "dot", "layered"]

# Above this many components `dot` (even with its iterations capped) takes longer
# than people wait for, so the layered layout runs straight away.
DOT_MAX_COMPONENTS = 4_000
MARGIN = 40.0

_hints_given: set[str] = set()


@dataclass(frozen=True)
class LayoutResult:
    """Centres of the components the layout placed (every one with `full`), and how."""

    positions: dict[str, Point] = field(default_factory=dict)
    engine: str = "none"
    note: str | None = None


def auto_layout(
    design: Design,
    library: Library | None = None,
    direction: str = "LR",
    full: bool = False,
    timeout_s: float = 30.0,
    cancel: threading.Event | None = None,
    *,
    engine: EngineChoice = "auto",
) -> LayoutResult:
    """Lay out the components without a position (all of them with `full`).

    Pure: the design is not changed; apply `MoveComponents(result.positions)`.
    `direction` is "LR" or "TB". `cancel` (a threading.Event) stops the run;
    the result then has engine "cancelled" and no positions.
    """
    del library  # every component has the same box size today
    direction = "TB" if str(direction).upper() == "TB" else "LR"
    existing: dict[str, Point] = {}
    if not full:
        existing = {c.id: c.position for c in design.components if c.position is not None}
    new_ids = list(dict.fromkeys(c.id for c in design.components if c.id not in existing))
    if not new_ids:
        return LayoutResult({}, "none", "every component already has a position")
    runner = _Runner(design, direction, timeout_s, cancel, engine)
    try:
        if not existing:
            positions = _to_origin(design, runner.tree, runner.layout(new_ids))
            cramped: list[str] = []
        else:
            positions, cramped = place_new(
                design, runner.tree, existing, new_ids, runner.layout, direction
            )
    except LayoutCancelled:
        return LayoutResult({}, "cancelled", "layout cancelled")
    notes = list(runner.notes)
    if cramped:
        notes.append(
            f"{plural(len(cramped), 'new component')} had no free room beside their zone's other "
            "members, so their zone now overlaps a neighbour: a full re-layout tidies it."
        )
    rounded = {c: (float(round(x)), float(round(y))) for c, (x, y) in positions.items()}
    return LayoutResult(rounded, runner.engine_name(), " ".join(notes) or None)


class _Runner:
    """Runs the chosen engine on a set of components, remembering what happened for the note."""

    def __init__(
        self,
        design: Design,
        direction: str,
        timeout_s: float,
        cancel: threading.Event | None,
        engine: EngineChoice,
    ) -> None:
        self.design = design
        self.tree = ZoneTree(design)
        self.direction = direction
        self.deadline = time.monotonic() + max(0.0, timeout_s)
        self.cancel = cancel
        self.choice = engine
        self.used: list[str] = []
        self.notes: list[str] = []
        self.program = find_program("dot") if engine != "layered" else None
        if engine != "layered" and self.program is None:
            self._note_missing_dot()

    def layout(self, ids: Sequence[str]) -> dict[str, Point]:
        if self.cancel is not None and self.cancel.is_set():
            raise LayoutCancelled
        size = len(self.design.components)
        too_big = self.choice == "auto" and size > DOT_MAX_COMPONENTS
        if self.program is not None and too_big:
            self._note_once(
                f"{size} components: used the built-in layered layout, since dot would be too slow."
            )
        elif self.program is not None and self.deadline <= time.monotonic():
            self._note_once("the time limit was used up; used the built-in layered layout.")
        elif self.program is not None:
            remaining = self.deadline - time.monotonic()
            try:
                result = layout_with_dot(
                    self.program,
                    self.design,
                    self.tree,
                    ids,
                    self.direction,
                    remaining,
                    self.cancel,
                )
                self.used.append("dot")
                return result
            except (EngineFailed, OSError) as error:
                self._note_once(f"{error}; used the built-in layered layout instead.")
        self.used.append("layered")
        return layout_layered(self.design, self.tree, ids, self.direction, self.cancel)

    def engine_name(self) -> str:
        names = list(dict.fromkeys(self.used))
        return "+".join(names) if names else "none"

    def _note_once(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def _note_missing_dot(self) -> None:
        text = "Graphviz `dot` was not found, so the built-in layered layout was used."
        if "install" not in _hints_given:
            _hints_given.add("install")
            text = f"{text} {INSTALL_HINT}"
        self.notes.append(text)


def _to_origin(design: Design, tree: ZoneTree, positions: dict[str, Point]) -> dict[str, Point]:
    """Shift a fresh layout so its drawing (zones included) starts at (MARGIN, MARGIN)."""
    rects = [node_rect(p) for p in positions.values()]
    rects.extend(zone_rectangles(design, positions, tree).values())
    box = bounding(rects)
    if box is None:
        return positions
    dx, dy = MARGIN - box.x0, MARGIN - box.y0
    return {c: (x + dx, y + dy) for c, (x, y) in positions.items()}
