"""What changed between two designs, element by element and field by field.

Elements are matched by id (links by their key), so a new label is a change
of `label` on the same element, never a removal and an addition. A change of
`position` alone is layout: it is counted but listed only when asked for.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from archdraw.model import Component, Design, Link, Zone
from archdraw.model.serialize import component_to_data, link_to_data, zone_to_data

Kind = Literal["component", "link", "zone", "design"]
Status = Literal["added", "removed", "changed", "moved"]
# Fields of an element that are layout, not system: hidden unless asked for.
LAYOUT_FIELDS = frozenset({"position"})


@dataclass(frozen=True)
class FieldChange:
    field: str  # "label", "zone", "props.replicas", "doc.purpose", ...
    old: Any  # None when the field was absent
    new: Any
    # A property set or removed: what applies where it is absent ("the library default 1",
    # "not stated"), since removing `replicas: 3` is not removing the replicas.
    absent: str | None = None


@dataclass(frozen=True)
class ElementChange:
    kind: Kind
    id: str
    status: Status
    title: str  # the label in the newer design (the older one for a removal)
    fields: tuple[FieldChange, ...] = ()
    type: str | None = None  # a component's type, for "added (redis)"; a link's kind (async)


@dataclass
class DesignChanges:
    changes: list[ElementChange] = field(default_factory=list)
    moved: list[ElementChange] = field(default_factory=list)  # layout only (hidden by default)

    def of_status(self, status: Status) -> list[ElementChange]:
        return [c for c in self.changes if c.status == status]

    def ids(self, status: Status) -> set[str]:
        return {c.id for c in self.changes if c.status == status}

    @property
    def empty(self) -> bool:
        return not self.changes


def flatten(data: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    # One level of nesting (props, doc) is spelled "props.replicas": reviewers read
    # property by property, not a whole mapping.
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            flat.update(flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def field_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> tuple[FieldChange, ...]:
    before, after = flatten(old), flatten(new)
    return tuple(
        FieldChange(name, before.get(name), after.get(name))
        for name in sorted(before.keys() | after.keys(), key=_field_order)
        if before.get(name) != after.get(name)
    )


def _field_order(name: str) -> tuple[int, str]:
    # Identity and placement first, then properties alphabetically, layout last.
    first = ("type", "from", "to", "kind", "label", "zone", "parent", "notes")
    if name in first:
        return (first.index(name), name)
    return (len(first) + (1 if name in LAYOUT_FIELDS else 0), name)


def _data(element: Component | Link | Zone) -> dict[str, Any]:
    if isinstance(element, Component):
        data = component_to_data(element)
    elif isinstance(element, Link):
        data = link_to_data(element)
    else:
        data = zone_to_data(element)
    data.pop("id", None)
    return data


def _elements(
    kind: Kind,
    old: Iterable[Component | Link | Zone],
    new: Iterable[Component | Link | Zone],
    layout: bool,
    result: DesignChanges,
) -> None:
    def key(element: Component | Link | Zone) -> str:
        return element.key if isinstance(element, Link) else element.id

    def title(element: Component | Link | Zone) -> str:
        return element.key if isinstance(element, Link) else element.title

    def type_of(element: Component | Link | Zone) -> str | None:
        # A link added or removed says what it is: a call, a message or a copy of data.
        if isinstance(element, Link):
            return element.kind
        return element.type if isinstance(element, Component) else None

    before = {key(e): e for e in old}
    after = {key(e): e for e in new}
    for ident, element in after.items():
        previous = before.get(ident)
        if previous is None:
            result.changes.append(
                ElementChange(kind, ident, "added", title(element), type=type_of(element))
            )
            continue
        if previous == element:  # most elements: no need to spell them out
            continue
        fields = field_changes(_data(previous), _data(element))
        if not fields:
            continue
        if all(f.field in LAYOUT_FIELDS for f in fields):
            result.moved.append(ElementChange(kind, ident, "moved", title(element), fields))
            continue
        if not layout:
            fields = tuple(f for f in fields if f.field not in LAYOUT_FIELDS)
        result.changes.append(
            ElementChange(kind, ident, "changed", title(element), fields, type_of(element))
        )
    for ident, element in before.items():
        if ident not in after:
            result.changes.append(
                ElementChange(kind, ident, "removed", title(element), type=type_of(element))
            )


def design_fields(design: Design) -> dict[str, Any]:
    """The design's own fields (name, description, doc, lint), without its elements."""
    header = design.model_copy(update={"zones": [], "components": [], "links": []})
    data = header.to_data()
    for key in ("archdraw", "zones", "components", "links"):
        data.pop(key, None)
    return data


def compare_designs(old: Design, new: Design, *, layout: bool = False) -> DesignChanges:
    """Every element added, removed or changed; layout-only moves listed when `layout`."""
    result = DesignChanges()
    own_fields = field_changes(design_fields(old), design_fields(new))
    if own_fields:
        result.changes.append(ElementChange("design", "", "changed", new.name, own_fields))
    _elements("zone", old.zones, new.zones, layout, result)
    _elements("component", old.components, new.components, layout, result)
    _elements("link", old.links, new.links, layout, result)
    if layout:
        result.changes.extend(result.moved)
    return result
