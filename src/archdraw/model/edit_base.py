"""The base of every edit: `apply()` changes a design and returns the inverse edit."""

from __future__ import annotations

from archdraw.model.types import Design

Position = tuple[float, float] | None


class EditError(ValueError):
    """The edit does not fit the design it was applied to."""


class Edit:
    """Base of all edits. `touched` names the ids (components, zones, link keys) affected."""

    label: str = "Edit"

    def apply(self, design: Design) -> Edit:
        raise NotImplementedError

    def touched(self) -> frozenset[str]:
        return frozenset()

    def merge(self, other: Edit) -> Edit | None:
        """The single edit doing self then `other`, or None when they should stay two steps."""
        return None
