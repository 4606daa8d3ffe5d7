"""How the importers' shape checks name what a value is ("a mapping", "a list"), so a
refusal reads the same for Compose, Kubernetes and Terraform input."""

from __future__ import annotations

from typing import Any

MAPPING, LIST = "a mapping", "a list"


def shape_of(value: Any) -> str:
    """What `value` is, in the words a refusal uses: `... must be a list, not a mapping`."""
    if isinstance(value, dict):
        return MAPPING
    if isinstance(value, list):
        return LIST
    return "a single value"
