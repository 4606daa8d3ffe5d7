"""Edits of single fields: link and zone fields, ids, the design document, lint settings, name."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from archdraw.model.edit_base import Edit, EditError, swap_fields
from archdraw.model.types import ID_PATTERN, LINK_KINDS, ZONE_KINDS, Design, DesignDoc, LintSettings


@dataclass(frozen=True)
class SetLinkFields(Edit):
    """Change kind or label of a link (its key never changes here)."""

    link_key: str
    values: Mapping[str, Any]
    label: str = "Change link"

    def apply(self, design: Design) -> Edit:
        link = design.link(self.link_key)
        if link is None:
            raise EditError(f"no link '{self.link_key}'")
        if set(self.values) - {"kind", "label"}:
            raise EditError("only a link's kind and label can be changed")
        if self.values.get("kind", "sync") not in LINK_KINDS:
            raise EditError(f"unknown link kind '{self.values['kind']}'")
        return SetLinkFields(self.link_key, swap_fields(link, self.values), label=self.label)

    def touched(self) -> frozenset[str]:
        return frozenset([self.link_key])


@dataclass(frozen=True)
class SetZoneFields(Edit):
    """Change label, kind or parent of a zone; a parent that makes a cycle is refused."""

    zone_id: str
    values: Mapping[str, Any]
    label: str = "Change zone"

    def apply(self, design: Design) -> Edit:
        zone = design.zone(self.zone_id)
        if zone is None:
            raise EditError(f"no zone '{self.zone_id}'")
        if set(self.values) - {"label", "kind", "parent"}:
            raise EditError("only a zone's label, kind and parent can be changed")
        if self.values.get("kind", "zone") not in ZONE_KINDS:
            raise EditError(f"unknown zone kind '{self.values['kind']}'")
        if "parent" in self.values:
            _check_parent(design, self.zone_id, self.values["parent"])
        return SetZoneFields(self.zone_id, swap_fields(zone, self.values), label=self.label)

    def touched(self) -> frozenset[str]:
        return frozenset([self.zone_id])


def _check_parent(design: Design, zone_id: str, parent: str | None) -> None:
    parents = {z.id: z.parent for z in design.zones}
    current = parent
    while current is not None:
        if current == zone_id:
            raise EditError(f"zone '{zone_id}' cannot be placed inside itself")
        if current not in parents:
            raise EditError(f"no zone '{current}'")
        current = parents[current]


@dataclass(frozen=True)
class RenameId(Edit):
    """Give a component or zone a new id, updating every reference to it.

    `ignore_fields` is set only on inverses: it names the lint ignores (index,
    field) the forward rename changed, so undo does not also rewrite a stale
    ignore that happened to name the new id already. `import_fields` does the same for
    the entries of the `import:` block (which element each entry is about).
    """

    old_id: str
    new_id: str
    label: str = "Change id"
    ignore_fields: tuple[tuple[int, str], ...] | None = None
    import_fields: tuple[tuple[int, str], ...] | None = None

    def apply(self, design: Design) -> Edit:
        if not re.match(ID_PATTERN, self.new_id):
            raise EditError(f"'{self.new_id}' is not a valid id (letters, digits, _ . -)")
        if self.new_id in design.element_ids():
            raise EditError(f"id '{self.new_id}' is already used")
        component, zone = design.component(self.old_id), design.zone(self.old_id)
        if component is None and zone is None:
            raise EditError(f"nothing called '{self.old_id}'")
        if component is not None:
            component.id = self.new_id
            for link in design.links:
                link.source = self.new_id if link.source == self.old_id else link.source
                link.target = self.new_id if link.target == self.old_id else link.target
        if zone is not None:
            zone.id = self.new_id
            for other in design.zones:
                other.parent = self.new_id if other.parent == self.old_id else other.parent
            for member in design.components:
                member.zone = self.new_id if member.zone == self.old_id else member.zone
        # A component's implicit link keys ("from->to") change with it, so
        # ignores naming such a link follow the rename too.
        fields = ("component", "link") if component is not None else ("zone",)
        candidates = self.ignore_fields
        if candidates is None:
            count = len(design.lint.ignore)
            candidates = tuple((i, name) for i in range(count) for name in fields)
        changed: list[tuple[int, str]] = []
        for index, name in candidates:
            ignore = design.lint.ignore[index]
            renamed = self._renamed(getattr(ignore, name), name)
            if renamed is not None:
                setattr(ignore, name, renamed)
                changed.append((index, name))
        return RenameId(
            self.new_id,
            self.old_id,
            label=self.label,
            ignore_fields=tuple(changed),
            import_fields=self._rename_import_entries(design, fields),
        )

    def _rename_import_entries(
        self, design: Design, fields: tuple[str, ...]
    ) -> tuple[tuple[int, str], ...]:
        """An imported element keeps its provenance (and its confirmation) under a new id,
        and the start-up order recorded for a component names it by the new id."""
        block = design.imported
        if block is None:
            return ()
        candidates = self.import_fields
        if candidates is None:
            candidates = tuple(
                (i, name) for i in range(len(block.elements)) for name in fields
            ) + tuple(
                (i, f"dependency.{end}")
                for i in range(len(block.dependencies) if "component" in fields else 0)
                for end in ("source", "target")
            )
        changed: list[tuple[int, str]] = []
        for index, name in candidates:
            field, ends = name.removeprefix("dependency."), name.startswith("dependency.")
            entry: object = block.dependencies[index] if ends else block.elements[index]
            renamed = self._renamed(getattr(entry, field), "component" if ends else field)
            if renamed is not None:
                setattr(entry, field, renamed)
                changed.append((index, name))
        return tuple(changed)

    def _renamed(self, value: str | None, field: str) -> str | None:
        """`value` with the old id replaced, or None when it does not name the old id."""
        if value is None:
            return None
        if field != "link":
            return self.new_id if value == self.old_id else None
        # Ids cannot contain ">", so "->" splits an implicit key unambiguously.
        ends = value.split("->", 1)
        if len(ends) != 2 or self.old_id not in ends:
            return None
        return "->".join(self.new_id if end == self.old_id else end for end in ends)

    def touched(self) -> frozenset[str]:
        return frozenset([self.old_id, self.new_id])


@dataclass(frozen=True)
class SetDoc(Edit):
    doc: DesignDoc
    label: str = "Edit design document"

    def apply(self, design: Design) -> Edit:
        old, design.doc = design.doc, self.doc.model_copy(deep=True)
        return SetDoc(old, label=self.label)


@dataclass(frozen=True)
class SetLintSettings(Edit):
    settings: LintSettings
    label: str = "Change lint settings"

    def apply(self, design: Design) -> Edit:
        old, design.lint = design.lint, self.settings.model_copy(deep=True)
        return SetLintSettings(old, label=self.label)


@dataclass(frozen=True)
class SetDesignInfo(Edit):
    name: str
    description: str | None = None
    label: str = "Rename design"

    def apply(self, design: Design) -> Edit:
        if not self.name.strip():
            raise EditError("a design needs a name")
        old = SetDesignInfo(design.name, design.description, label=self.label)
        design.name, design.description = self.name, self.description
        return old
