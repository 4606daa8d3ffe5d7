"""Edits built with a description that names elements as every other message does.

An edit's `label` is what *Edit > Undo* and the History tab show. Components and zones are
named by their title (label, falling back to id), links as "Source → Target" by their ends'
titles. The description is made once, from the design as it is when the edit is built, and
an edit's inverse carries it unchanged: renaming a component later leaves the steps already
in the history as they were written, as a log would (rewriting them would make one step read
differently before and after its own undo).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from archdraw.model.edit_base import Edit
from archdraw.model.edits import (
    Batch,
    SetComponentFields,
    SetLinkProperties,
    SetProperties,
)
from archdraw.model.field_edits import RenameId, SetLinkFields, SetZoneFields
from archdraw.model.types import Design, Link


def link_title(design: Design, link: Link) -> str:
    """'Source → Target' by the ends' titles; an end missing from the design keeps its id."""
    ends = (design.component(link.source), design.component(link.target))
    return link.ends_title({end.id: end.title for end in ends if end is not None})


def element_title(design: Design, element_id: str) -> str:
    """The title of a component, zone or link (by key); the id itself when none matches."""
    component = design.component(element_id)
    if component is not None:
        return component.title
    zone = design.zone(element_id)
    if zone is not None:
        return zone.title
    link = design.link(element_id)
    return link_title(design, link) if link is not None else element_id


def set_property(design: Design, component_id: str, name: str, value: Any) -> Edit:
    # Named with its element, so the History tab tells apart the same property set twice.
    title = element_title(design, component_id)
    return SetProperties(component_id, {name: value}, label=f"Set {name} of {title}")


def set_link_property(design: Design, key: str, name: str, value: Any) -> Edit:
    title = element_title(design, key)
    return SetLinkProperties(key, {name: value}, label=f"Set {name} of {title}")


def set_property_on_all(component_ids: Sequence[str], name: str, value: Any) -> Edit:
    """One value on every selected component, as one undo step."""
    edits = tuple(SetProperties(c, {name: value}) for c in component_ids)
    return Batch(edits, label=f"Set {name} on {len(component_ids)} components")


def rename_component(design: Design, component_id: str, label: str | None) -> Edit:
    """A new label ('' or None clears it, so the id shows again)."""
    old = element_title(design, component_id)
    values = {"label": label or None}
    return SetComponentFields(
        component_id, values, label=f"Rename {old} to {label or component_id}"
    )


def rename_zone(design: Design, zone_id: str, label: str | None) -> Edit:
    old = element_title(design, zone_id)
    values = {"label": label or None}
    return SetZoneFields(zone_id, values, label=f"Rename zone {old} to {label or zone_id}")


def change_id(design: Design, element_id: str, new_id: str) -> Edit:
    return RenameId(element_id, new_id, label=f"Change id of {element_title(design, element_id)}")


def set_component_notes(design: Design, component_id: str, notes: str | None) -> Edit:
    title = element_title(design, component_id)
    return SetComponentFields(
        component_id, {"notes": notes or None}, label=f"Edit notes of {title}"
    )


def set_link_fields(design: Design, key: str, values: Mapping[str, Any]) -> Edit:
    """Kind or label of a link: 'Label link A → B', 'Change kind of A → B'."""
    title = element_title(design, key)
    if set(values) == {"label"}:
        return SetLinkFields(key, values, label=f"Label link {title}")
    return SetLinkFields(key, values, label=f"Change {' and '.join(values)} of {title}")


def set_zone_fields(design: Design, zone_id: str, values: Mapping[str, Any]) -> Edit:
    title = element_title(design, zone_id)
    return SetZoneFields(zone_id, values, label=f"Change {' and '.join(values)} of zone {title}")


def move_to_zone(design: Design, component_ids: Sequence[str], zone: str | None) -> Edit:
    """Components into a zone (None: out of every zone), as one step."""
    edits = tuple(SetComponentFields(c, {"zone": zone}) for c in component_ids)
    what = (
        element_title(design, component_ids[0])
        if len(component_ids) == 1
        else f"{len(component_ids)} components"
    )
    where = f"zone {element_title(design, zone)}" if zone is not None else "no zone"
    return Batch(edits, label=f"Move {what} to {where}")
