"""Edit > Group into Zone: a new zone around the selection, as one undo step."""

from __future__ import annotations

from archdraw.model import Design, Edit, Zone
from archdraw.model import edits_named as named


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
