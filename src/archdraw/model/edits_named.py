"""Edits built with a description that names elements as every other message does.

An edit's `label` is what *Edit > Undo* and the History tab show. Components and zones are
named by their title (label, falling back to id), links as "Source → Target" by their ends'
titles. The description is made once, from the design as it is when the edit is built, and
an edit's inverse carries it unchanged: renaming a component later leaves the steps already
in the history as they were written, as a log would (rewriting them would make one step read
differently before and after its own undo).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any

from archdraw.model.edit_base import Edit, Position
from archdraw.model.edits import (
    AddElements,
    Batch,
    MoveComponents,
    RemoveElements,
    SetComponentFields,
    SetLinkProperties,
    SetProperties,
)
from archdraw.model.field_edits import RenameId, SetLinkFields, SetZoneFields
from archdraw.model.types import Component, Design, Link, Zone


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


def _counted(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _phrase(components: Sequence[str], zones: Sequence[str], links: Sequence[str]) -> str:
    """Titles of what an edit touches: one of a kind by its title, more of a kind counted.

    A link is named only when it is all there is ("link A → B"); beside components it is
    counted ("orders-db and 2 links"), as those are mostly the links a box takes with it.
    """
    parts = []
    if components:
        parts.append(
            components[0] if len(components) == 1 else _counted(len(components), "component")
        )
    if zones:
        parts.append(f"zone {zones[0]}" if len(zones) == 1 else _counted(len(zones), "zone"))
    if len(links) == 1 and not parts:
        parts.append(f"link {links[0]}")
    elif links:
        parts.append(_counted(len(links), "link"))
    if len(parts) < 2:
        return parts[0] if parts else "nothing"
    return f"{', '.join(parts[:-1])} and {parts[-1]}"


def phrase(design: Design, component_ids: Sequence[str], zone_ids: Sequence[str] = ()) -> str:
    """'LLM workers', '3 components', 'zone US east', '2 components and zone US east'."""
    components = [element_title(design, c) for c in component_ids]
    return _phrase(components, [element_title(design, z) for z in zone_ids], ())


def add_component(component: Component) -> Edit:
    return AddElements(components=(component,), label=f"Add {component.title}")


def connect(design: Design, link: Link) -> Edit:
    return AddElements(links=(link,), label=f"Connect {link_title(design, link)}")


def delete(
    design: Design,
    zone_ids: Sequence[str] = (),
    component_ids: Sequence[str] = (),
    link_keys: Sequence[str] = (),
) -> Edit:
    """Delete, named with the links that go with the deleted components as well as the chosen."""
    gone, chosen = set(component_ids), set(link_keys)
    links = [k for k in design.links if k.key in chosen or k.source in gone or k.target in gone]
    what = _phrase(
        [element_title(design, c) for c in component_ids],
        [element_title(design, z) for z in zone_ids],
        [link_title(design, k) for k in links],
    )
    return RemoveElements(
        tuple(zone_ids), tuple(component_ids), tuple(link_keys), label=f"Delete {what}"
    )


def pasted(edit: AddElements, verb: str = "Paste") -> AddElements:
    """A paste's edit named by what it adds: 'Paste LLM workers', 'Duplicate 3 components and
    2 links' (the zones a paste brings along are where the components go, not what was pasted)."""
    titles = {c.id: c.title for c in edit.components}
    what = _phrase(list(titles.values()), (), [k.ends_title(titles) for k in edit.links])
    return dataclasses.replace(edit, label=f"{verb} {what}")


def move(
    design: Design, positions: Mapping[str, Position], verb: str = "Move", how: str = ""
) -> MoveComponents:
    """'Move LLM workers', 'Nudge 3 components', 'Align 3 components left'."""
    what = phrase(design, list(positions))
    return MoveComponents(positions, label=f"{verb} {what}{' ' + how if how else ''}")


def group_into_new_zone(
    design: Design, component_ids: Sequence[str], zone_ids: Sequence[str], zone: Zone
) -> Edit:
    """Add `zone` and move the chosen components and zones into it, as one step."""
    edits: list[Edit] = [AddElements(zones=(zone,))]
    edits += [SetComponentFields(c, {"zone": zone.id}) for c in component_ids]
    edits += [SetZoneFields(z, {"parent": zone.id}) for z in zone_ids]
    return Batch(
        tuple(edits), label=f"Group {phrase(design, component_ids, zone_ids)} into a new zone"
    )
