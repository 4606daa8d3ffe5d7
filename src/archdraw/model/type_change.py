"""Changing a component's type: one edit that drops what the new type does not take.

A database turned into a client cannot keep `backups`: the file would no longer
load. `change_type` asks the catalog which of the component's properties the
new type refuses (unknown names, or values outside the new type's range or
choices) and builds one `ChangeType` that sets the type and drops them; its
inverse restores the old type and every dropped value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from archdraw.model.catalog import TypeCatalog
from archdraw.model.edit_base import Edit, EditError
from archdraw.model.types import Design


@dataclass(frozen=True)
class ChangeType(Edit):
    """Set the type of one component, removing the properties named in `drop`.

    `restore` is set on inverses only: the values to put back.
    """

    component_id: str
    type_id: str
    drop: tuple[str, ...] = ()
    restore: Mapping[str, Any] = field(default_factory=dict)
    label: str = "Change type"

    def apply(self, design: Design) -> Edit:
        component = design.component(self.component_id)
        if component is None:
            raise EditError(f"no component '{self.component_id}'")
        if not self.type_id:
            raise EditError("a component needs a type")
        dropped = {name: component.props[name] for name in self.drop if name in component.props}
        # Undo puts the dropped values back; redo drops again what undo restored.
        inverse = ChangeType(
            self.component_id, component.type, tuple(self.restore), dropped, self.label
        )
        component.type = self.type_id
        for name in dropped:
            del component.props[name]
        component.props.update(self.restore)
        return inverse

    def touched(self) -> frozenset[str]:
        return frozenset([self.component_id])

    def merge(self, other: Edit) -> Edit | None:
        """Stepping through types (arrow keys in the type box) is one step.

        Each step only removes properties, so going straight from the first type
        to the last drops exactly what the steps dropped together.
        """
        if (
            isinstance(other, ChangeType)
            and other.component_id == self.component_id
            and not self.restore
            and not other.restore
        ):
            drop = tuple(sorted(set(self.drop) | set(other.drop)))
            return ChangeType(self.component_id, other.type_id, drop, label=self.label)
        return None


def change_type(
    design: Design, catalog: TypeCatalog, component_id: str, type_id: str
) -> ChangeType:
    """The edit giving `component_id` the type `type_id`; `drop` names what it loses."""
    component = design.component(component_id)
    if component is None:
        raise EditError(f"no component '{component_id}'")
    if not catalog.has_type(type_id):
        raise EditError(f"unknown component type '{type_id}'")
    refused = {problem.prop for problem in catalog.check_props(type_id, component.props)}
    label = f"Change type of {component.title}"
    return ChangeType(component_id, type_id, tuple(sorted(refused)), label=label)


def describe_drop(edit: ChangeType) -> str:
    """The status-bar sentence for a type change."""
    if not edit.drop:
        return f"'{edit.component_id}' is now a {edit.type_id}"
    names = ", ".join(edit.drop)
    noun = "property" if len(edit.drop) == 1 else "properties"
    return (
        f"'{edit.component_id}' is now a {edit.type_id}; removed {noun} it does not take: "
        f"{names} (Undo restores {'it' if len(edit.drop) == 1 else 'them'})"
    )
