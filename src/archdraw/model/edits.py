"""Every change to a design, as an object whose `apply()` returns its inverse.

An edit either changes the design completely or raises `EditError` and leaves
it untouched, so undo stacks never hold half-applied steps. Inverses restore
list positions too: undoing everything gives back an equal design.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from archdraw.model.edit_base import Edit, EditError, Position, reachable, swap_fields
from archdraw.model.field_edits import (
    RenameId,
    SetDesignInfo,
    SetDoc,
    SetLinkFields,
    SetLintSettings,
    SetZoneFields,
)
from archdraw.model.types import Component, Design, Link, Zone


@dataclass(frozen=True)
class AddElements(Edit):
    """Insert zones, components and links; `*_at` are list positions (None: append)."""

    zones: tuple[Zone, ...] = ()
    components: tuple[Component, ...] = ()
    links: tuple[Link, ...] = ()
    zones_at: tuple[int | None, ...] = ()
    components_at: tuple[int | None, ...] = ()
    links_at: tuple[int | None, ...] = ()
    label: str = "Add"

    def apply(self, design: Design) -> Edit:
        taken = design.element_ids()
        new_ids = [z.id for z in self.zones] + [c.id for c in self.components]
        clash = [i for i in new_ids if i in taken] or [i for i in new_ids if new_ids.count(i) > 1]
        if clash:
            raise EditError(f"id '{clash[0]}' is already used")
        # Links join components only: a zone id is not a valid end.
        known = {c.id for c in design.components} | {c.id for c in self.components}
        zone_ids = {z.id for z in design.zones} | {z.id for z in self.zones}
        for zone in self.zones:
            if zone.parent is not None and zone.parent not in zone_ids:
                raise EditError(f"zone '{zone.id}' has no parent zone '{zone.parent}'")
        _check_no_zone_cycle([*design.zones, *self.zones], self.zones)
        for component in self.components:
            if component.zone is not None and component.zone not in zone_ids:
                raise EditError(f"component '{component.id}' has no zone '{component.zone}'")
        keys = {k.key for k in design.links}
        for link in self.links:
            if link.source not in known or link.target not in known:
                raise EditError(f"link '{link.key}' must join two existing components")
            if link.key in keys:
                raise EditError(f"link '{link.key}' already exists")
            keys.add(link.key)
        _insert(design.zones, self.zones, self.zones_at)
        _insert(design.components, self.components, self.components_at)
        _insert(design.links, self.links, self.links_at)
        return RemoveElements(
            zone_ids=tuple(z.id for z in self.zones),
            component_ids=tuple(c.id for c in self.components),
            link_keys=tuple(k.key for k in self.links),
            label=self.label,
        )

    def touched(self) -> frozenset[str]:
        return frozenset([z.id for z in self.zones] + [c.id for c in self.components]) | frozenset(
            k.key for k in self.links
        )


def _check_no_zone_cycle(zones: list[Zone], added: tuple[Zone, ...]) -> None:
    parents = {z.id: z.parent for z in zones}
    for zone in added:
        seen, current = {zone.id}, zone.parent
        while current is not None:
            if current in seen:
                raise EditError(f"zone '{zone.id}' would be inside itself")
            seen.add(current)
            current = parents.get(current)


def _insert(target: list[Any], items: tuple[Any, ...], at: tuple[int | None, ...]) -> None:
    # Inserting in ascending index order restores the original positions exactly.
    positions = list(at) + [None] * (len(items) - len(at))
    placed = sorted(
        ((p, item) for p, item in zip(positions, items, strict=True) if p is not None),
        key=lambda pair: pair[0],
    )
    for position, item in placed:
        target.insert(min(position, len(target)), item)
    target.extend(item for p, item in zip(positions, items, strict=True) if p is None)


@dataclass(frozen=True)
class RemoveElements(Edit):
    """Remove zones, components (with every link touching them) and links.

    Members of a removed zone move to its parent zone, as do its child zones.
    """

    zone_ids: tuple[str, ...] = ()
    component_ids: tuple[str, ...] = ()
    link_keys: tuple[str, ...] = ()
    label: str = "Delete"

    def apply(self, design: Design) -> Edit:
        zone_set, component_set = set(self.zone_ids), set(self.component_ids)
        missing = (zone_set - {z.id for z in design.zones}) | (
            component_set - {c.id for c in design.components}
        )
        missing |= set(self.link_keys) - {k.key for k in design.links}
        if missing:
            raise EditError(f"nothing called '{sorted(missing)[0]}' to delete")
        link_set = set(self.link_keys)
        doomed_links = [
            (i, k)
            for i, k in enumerate(design.links)
            if k.key in link_set or k.source in component_set or k.target in component_set
        ]
        doomed_components = [
            (i, c) for i, c in enumerate(design.components) if c.id in component_set
        ]
        doomed_zones = [(i, z) for i, z in enumerate(design.zones) if z.id in zone_set]
        rehome = _rehome_zone_members(design, zone_set)
        doomed_link_indices = {i for i, _ in doomed_links}
        design.links[:] = [k for i, k in enumerate(design.links) if i not in doomed_link_indices]
        design.components[:] = [c for c in design.components if c.id not in component_set]
        design.zones[:] = [z for z in design.zones if z.id not in zone_set]
        restore = AddElements(
            zones=tuple(z for _, z in doomed_zones),
            components=tuple(c for _, c in doomed_components),
            links=tuple(k for _, k in doomed_links),
            zones_at=tuple(i for i, _ in doomed_zones),
            components_at=tuple(i for i, _ in doomed_components),
            links_at=tuple(i for i, _ in doomed_links),
            label=self.label,
        )
        return Batch((restore, *rehome), label=self.label) if rehome else restore

    def touched(self) -> frozenset[str]:
        return frozenset(self.zone_ids) | frozenset(self.component_ids) | frozenset(self.link_keys)


def _rehome_zone_members(design: Design, removed: set[str]) -> list[Edit]:
    """Move what lived in removed zones to the nearest surviving ancestor; return the undo."""
    if not removed:
        return []
    parents = {z.id: z.parent for z in design.zones}

    def survivor(zone_id: str | None) -> str | None:
        while zone_id is not None and zone_id in removed:
            zone_id = parents.get(zone_id)
        return zone_id

    undo: list[Edit] = []
    for component in design.components:
        if component.zone in removed:
            undo.append(SetComponentFields(component.id, {"zone": component.zone}))
            component.zone = survivor(component.zone)
    for zone in design.zones:
        if zone.id not in removed and zone.parent in removed:
            undo.append(SetZoneFields(zone.id, {"parent": zone.parent}))
            zone.parent = survivor(zone.parent)
    return undo


@dataclass(frozen=True)
class Batch(Edit):
    """Several edits as one undo step; undone in reverse order."""

    edits: tuple[Edit, ...]
    label: str = "Edit"

    def apply(self, design: Design) -> Edit:
        inverses: list[Edit] = []
        try:
            for edit in self.edits:
                inverses.append(edit.apply(design))
        except EditError:
            for inverse in reversed(inverses):
                inverse.apply(design)
            raise
        return Batch(tuple(reversed(inverses)), label=self.label)

    def touched(self) -> frozenset[str]:
        return frozenset().union(*(e.touched() for e in self.edits))


@dataclass(frozen=True)
class MoveComponents(Edit):
    """Set positions (None clears one, so layout places it again)."""

    positions: Mapping[str, Position]
    label: str = "Move"

    def apply(self, design: Design) -> Edit:
        index = design.component_index()
        for component_id, position in self.positions.items():
            if component_id not in index:
                raise EditError(f"no component '{component_id}' to move")
            if position is not None and not all(math.isfinite(v) for v in position):
                raise EditError(f"position {position} of '{component_id}' is not a finite point")
            if position is not None and not reachable(*position):
                raise EditError(
                    f"position {position} of '{component_id}' is farther than a design can hold"
                )
        old: dict[str, Position] = {}
        for component_id, position in self.positions.items():
            component = index[component_id]
            old[component_id] = component.position
            component.position = (
                None
                if position is None
                else (
                    float(position[0]),
                    float(position[1]),
                )
            )
        return MoveComponents(old, label=self.label)

    def touched(self) -> frozenset[str]:
        return frozenset(self.positions)

    def merge(self, other: Edit) -> Edit | None:
        if isinstance(other, MoveComponents) and set(other.positions) == set(self.positions):
            return other
        return None


_COMPONENT_FIELDS = ("label", "zone", "notes", "type")


@dataclass(frozen=True)
class SetComponentFields(Edit):
    """Change label, zone, notes or type of one component."""

    component_id: str
    values: Mapping[str, Any]
    label: str = "Change component"

    def apply(self, design: Design) -> Edit:
        component = design.component(self.component_id)
        if component is None:
            raise EditError(f"no component '{self.component_id}'")
        unknown = set(self.values) - set(_COMPONENT_FIELDS)
        if unknown:
            raise EditError(f"components have no field '{sorted(unknown)[0]}'")
        zone = self.values.get("zone")
        if zone is not None and design.zone(zone) is None:
            raise EditError(f"no zone '{zone}'")
        if "type" in self.values and not self.values["type"]:
            raise EditError("a component needs a type")
        return SetComponentFields(
            self.component_id, swap_fields(component, self.values), label=self.label
        )

    def touched(self) -> frozenset[str]:
        return frozenset([self.component_id])


def SetLabel(component_id: str, label: str | None) -> SetComponentFields:
    return SetComponentFields(component_id, {"label": label}, label=f"Rename {component_id}")


def MoveToZone(component_ids: tuple[str, ...] | list[str], zone: str | None) -> Batch:
    return Batch(
        tuple(SetComponentFields(c, {"zone": zone}) for c in component_ids),
        label="Move to zone",
    )


@dataclass(frozen=True)
class SetProperties(Edit):
    """Set props of a component; a value of None removes the property."""

    component_id: str
    values: Mapping[str, Any]
    label: str = "Change properties"

    def apply(self, design: Design) -> Edit:
        component = design.component(self.component_id)
        if component is None:
            raise EditError(f"no component '{self.component_id}'")
        return SetProperties(
            self.component_id, _set_props(component.props, self.values), label=self.label
        )

    def touched(self) -> frozenset[str]:
        return frozenset([self.component_id])


@dataclass(frozen=True)
class SetLinkProperties(Edit):
    link_key: str
    values: Mapping[str, Any]
    label: str = "Change link properties"

    def apply(self, design: Design) -> Edit:
        link = design.link(self.link_key)
        if link is None:
            raise EditError(f"no link '{self.link_key}'")
        return SetLinkProperties(self.link_key, _set_props(link.props, self.values), self.label)

    def touched(self) -> frozenset[str]:
        return frozenset([self.link_key])


def _set_props(props: dict[str, Any], values: Mapping[str, Any]) -> dict[str, Any]:
    old = {name: props.get(name) for name in values}
    for name, value in values.items():
        if value is None:
            props.pop(name, None)
        else:
            props[name] = value
    return old


def AddComponent(component: Component, at: int | None = None) -> AddElements:
    return AddElements(components=(component,), components_at=(at,), label="Add component")


def AddLink(link: Link) -> AddElements:
    return AddElements(links=(link,), label="Connect")


def AddZone(zone: Zone) -> AddElements:
    return AddElements(zones=(zone,), label="Add zone")


def RemoveComponents(component_ids: tuple[str, ...] | list[str]) -> RemoveElements:
    return RemoveElements(component_ids=tuple(component_ids), label="Delete")


def RemoveLink(link_key: str) -> RemoveElements:
    return RemoveElements(link_keys=(link_key,), label="Delete link")


__all__ = [
    "AddComponent",
    "AddElements",
    "AddLink",
    "AddZone",
    "Batch",
    "Edit",
    "EditError",
    "MoveComponents",
    "MoveToZone",
    "Position",
    "RemoveComponents",
    "RemoveElements",
    "RemoveLink",
    "RenameId",
    "SetComponentFields",
    "SetDesignInfo",
    "SetDoc",
    "SetLabel",
    "SetLinkFields",
    "SetLinkProperties",
    "SetLintSettings",
    "SetProperties",
    "SetZoneFields",
]
