"""Copying a selection out of a design and pasting it into one, with fresh ids.

Copying takes the chosen components, the links between them and the zones they
sit in (with those zones' parents); pasting gives every component a fresh id
and offsets it. The editor's clipboard carries the part as design YAML, so a
selection moves between windows and text editors.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence

from archdraw.model.edit_base import reachable
from archdraw.model.edits import AddElements
from archdraw.model.types import Component, Design, Link, Zone, new_design


def fresh_id(base: str, taken: Iterable[str]) -> str:
    """`base` made a valid id, numbered ("-2", "-3", ...) when `taken` has it already."""
    used = set(taken)
    stem = re.sub(r"[^A-Za-z0-9_.\-]", "-", base).strip("-") or "item"
    stem = re.sub(r"-\d+$", "", stem)
    if stem not in used:
        return stem
    number = 2
    while f"{stem}-{number}" in used:
        number += 1
    return f"{stem}-{number}"


def selection_design(
    design: Design, component_ids: Sequence[str], zone_ids: Sequence[str] = ()
) -> Design:
    chosen = set(component_ids)
    zones_needed: set[str] = set(zone_ids)
    for component in design.components:
        if component.id in chosen and component.zone is not None:
            zones_needed.add(component.zone)
    parents = design.zone_index()
    for zone_id in list(zones_needed):
        current = parents.get(zone_id)
        while (
            current is not None
            and current.parent is not None
            and current.parent not in zones_needed
        ):
            zones_needed.add(current.parent)
            current = parents.get(current.parent)
    part = new_design(design.name)
    part.zones = [z.model_copy(deep=True) for z in design.zones if z.id in zones_needed]
    part.components = [c.model_copy(deep=True) for c in design.components if c.id in chosen]
    part.links = [
        k.model_copy(deep=True) for k in design.links if k.source in chosen and k.target in chosen
    ]
    return part


def paste_elements(design: Design, part: Design, offset: float) -> tuple[AddElements, list[str]]:
    """The edit adding `part` to `design` with fresh ids, and the new component ids.

    Zones the design already has are reused; the others come along. Labels are kept,
    as drawing tools keep them. The part moves `offset` down and right, and a further
    `offset` for as long as one of its components would land on a component already
    there: pasting twice (or duplicating twice) cascades instead of stacking.
    """
    taken = design.element_ids()
    zones: list[Zone] = []
    for zone in part.zones:
        if design.zone(zone.id) is None:
            zones.append(zone.model_copy(deep=True))
            taken.add(zone.id)
    renamed: dict[str, str] = {}
    components: list[Component] = []
    shift = _free_shift(design, part, offset)
    for component in part.components:
        new_id = fresh_id(component.id, taken)
        taken.add(new_id)
        renamed[component.id] = new_id
        x, y = component.position or (0.0, 0.0)
        # Beside the original; at the edge of what a design can hold, on the other side.
        beside = (x + shift, y + shift)
        if not reachable(*beside):
            beside = (x - shift if x > 0 else x + shift, y - shift if y > 0 else y + shift)
        components.append(
            component.model_copy(update={"id": new_id, "position": beside}, deep=True)
        )
    links: list[Link] = []
    keys = {k.key for k in design.links} | taken
    for link in part.links:
        if link.source not in renamed or link.target not in renamed:
            continue
        pasted = Link(
            id=None,
            source=renamed[link.source],
            target=renamed[link.target],
            kind=link.kind,
            label=link.label,
            props=dict(link.props),
        )
        if pasted.key in keys:  # a second link between the same two: it needs an id
            pasted.id = fresh_id(f"{pasted.source}-{pasted.target}", keys)
        keys.add(pasted.key)
        links.append(pasted)
    edit = AddElements(
        zones=tuple(zones), components=tuple(components), links=tuple(links), label="Paste"
    )
    return edit, [c.id for c in components]


CASCADE_LIMIT = 50  # steps tried before a paste settles for overlapping anyway


def _free_shift(design: Design, part: Design, offset: float) -> float:
    """The first multiple of `offset` at which no pasted box lands on an existing one.

    "Lands on" is closer than half an offset on both axes, so a copy moved a few
    pixels by hand still counts as in the way.
    """
    near = abs(offset) / 2
    if near == 0:
        return offset
    cells: dict[tuple[int, int], list[tuple[float, float]]] = {}
    for component in design.components:
        if component.position is not None:
            cells.setdefault(_cell(component.position, near), []).append(component.position)
    starts = [c.position or (0.0, 0.0) for c in part.components]
    for step in range(1, CASCADE_LIMIT + 1):
        shift = offset * step
        if not any(_crowded(cells, (x + shift, y + shift), near) for x, y in starts):
            return shift
    return offset


def _cell(point: tuple[float, float], size: float) -> tuple[int, int]:
    return (math.floor(point[0] / size), math.floor(point[1] / size))


def _crowded(
    cells: dict[tuple[int, int], list[tuple[float, float]]],
    point: tuple[float, float],
    near: float,
) -> bool:
    """Whether a box sits closer than `near` to `point` on both axes (the cells are `near`
    wide, so such a box is in the point's cell or one beside it)."""
    cx, cy = _cell(point, near)
    x, y = point
    return any(
        abs(ox - x) < near and abs(oy - y) < near
        for dx in (-1, 0, 1)
        for dy in (-1, 0, 1)
        for ox, oy in cells.get((cx + dx, cy + dy), ())
    )
