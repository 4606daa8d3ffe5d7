"""Edit > Group into Zone: a new zone around the selection, as one undo step."""

from __future__ import annotations

from typing import TYPE_CHECKING

from archdraw.model import Design, Edit, Zone
from archdraw.model import edits_named as named
from archdraw.source.printable import plural

if TYPE_CHECKING:
    from archdraw.gui.canvas.scene import DesignScene


def group_edit(
    design: Design, component_ids: list[str], zone_ids: list[str], new_id: str
) -> tuple[Edit, str]:
    """The edit adding zone `new_id` around the chosen components and zones.

    The new zone sits where the chosen things were when they all shared one
    parent zone, so grouping inside a region stays inside that region.
    """
    components = design.component_index()
    zones = design.zone_index()
    homes = {components[c].zone for c in component_ids if c in components}
    homes |= {zones[z].parent for z in zone_ids if z in zones}
    parent = homes.pop() if len(homes) == 1 else None
    if parent in zone_ids:
        parent = None
    zone = Zone(id=new_id, label="New zone", kind="zone", parent=parent)
    return named.group_into_new_zone(design, component_ids, zone_ids, zone), new_id


def strays(scene: DesignScene, zone_id: str) -> list[str]:
    """The components drawn inside zone `zone_id`'s frame that are not in it (nor in a
    zone inside it). A zone's frame is drawn round its members, so grouping some
    components took in the picture, but not the design, others lying among them."""
    design = scene.design
    frame = scene.zones[zone_id].rect if zone_id in scene.zones else None
    if frame is None:
        return []
    inside = {zone_id}
    while more := {z.id for z in design.zones if z.parent in inside} - inside:
        inside |= more
    found = []
    for component in design.components:
        item = scene.components.get(component.id)
        if item is not None and component.zone not in inside and frame.contains(item.pos()):
            found.append(component.id)
    return found


def strays_note(scene: DesignScene, zone_id: str) -> str:
    """What the status bar says of `strays` after a grouping ("" when there are none)."""
    found = strays(scene, zone_id)
    if not found:
        return ""
    design = scene.design
    titles = [named.element_title(design, c) for c in found]
    zone = named.element_title(design, zone_id)
    if len(titles) == 1:
        return (
            f"{titles[0]} lies inside {zone}'s frame but is not in it: set its Zone in "
            "Properties to put it in, or drag it out of the frame"
        )
    listed = f"{', '.join(titles[:-1])} and {titles[-1]}"
    what = plural(len(titles), "component") if len(titles) > 3 else listed
    return (
        f"{what} lie inside {zone}'s frame but are not in it: set their Zone in Properties "
        "to put them in, or drag them out of the frame"
    )
