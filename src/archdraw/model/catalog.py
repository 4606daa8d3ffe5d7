"""What the model needs to know about component types, and nothing more.

`archdraw.library` implements this protocol from the YAML component library;
tests can implement it with a three-type fake.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(frozen=True)
class PropProblem:
    """A property that does not fit its spec: `prop` is the property's name."""

    prop: str
    message: str


class TypeCatalog(Protocol):
    def has_type(self, type_id: str) -> bool: ...

    def type_ids(self) -> Iterable[str]: ...

    def check_props(self, type_id: str, props: Mapping[str, Any]) -> list[PropProblem]: ...

    def check_link_props(self, props: Mapping[str, Any]) -> list[PropProblem]: ...
