"""The base of every edit: `apply()` changes a design and returns the inverse edit."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from archdraw.model.types import Design

Position = tuple[float, float] | None

# The farthest a box may sit from the origin: the loader refuses larger numbers
# (archdraw.source.Limits.max_number), so an edit going further would save a file
# that no longer opens.
FARTHEST = 1e12


def reachable(x: float, y: float) -> bool:
    """A point a saved design can hold: finite and within FARTHEST on both axes."""
    return abs(x) <= FARTHEST and abs(y) <= FARTHEST


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


class Refused(Edit):
    """An edit that could not be built: applying it refuses with the reason."""

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def apply(self, design: Design) -> Edit:
        raise EditError(self.reason)


def swap_fields(target: object, values: Mapping[str, Any]) -> dict[str, Any]:
    """Set attributes of `target`; return their previous values (the inverse's `values`)."""
    old = {name: getattr(target, name) for name in values}
    for name, value in values.items():
        setattr(target, name, value)
    return old
