"""Component types and their property specs: what the library files describe."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

from archdraw.model.catalog import PropProblem

PropKind = Literal["int", "float", "bool", "str", "choice"]
PROP_KINDS: tuple[str, ...] = get_args(PropKind)
CATEGORIES: tuple[str, ...] = (
    "client",
    "network",
    "compute",
    "storage",
    "messaging",
    "ai",
    "operations",
    "external",
)
# What a text property may require of its value (`format` in the library): the pattern the
# whole value must match, and the words that say it to a person.
TEXT_FORMATS: dict[str, tuple[str, str]] = {
    "name": (r"[A-Za-z0-9_.\-]+", "a name: letters, digits, '-', '_' or '.', no spaces"),
}


@dataclass(frozen=True)
class PropertySpec:
    name: str
    kind: PropKind
    help: str
    default: Any = None
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()
    title: str = ""  # the name shown to people, with its unit: "Capacity (requests/s)"
    format: str = ""  # a text property's required shape, a key of TEXT_FORMATS ("" for any)

    @property
    def shown_name(self) -> str:
        """The title, or the name made readable ("capacity_rps" -> "Capacity rps")."""
        return self.title or self.name.replace("_", " ").capitalize()

    def check(self, value: Any) -> str | None:
        """Why `value` does not fit, or None when it does."""
        if self.kind == "bool":
            return None if isinstance(value, bool) else f"expected true or false, got {value!r}"
        if self.kind == "str":
            if not isinstance(value, str):
                return f"expected text, got {value!r}"
            if self.format and not re.fullmatch(TEXT_FORMATS[self.format][0], value):
                return f"expected {TEXT_FORMATS[self.format][1]}; got {value!r}"
            return None
        if self.kind == "choice":
            if value in self.choices:
                return None
            return f"expected one of {', '.join(self.choices)}; got {value!r}"
        if isinstance(value, bool) or not isinstance(value, int | float):
            what = "a whole number" if self.kind == "int" else "a number"
            return f"expected {what}, got {value!r}"
        if self.kind == "int" and not isinstance(value, int):
            return f"expected a whole number, got {value!r}"
        if self.minimum is not None and value < self.minimum:
            return f"must be at least {_fmt(self.minimum)}, got {value!r}"
        if self.maximum is not None and value > self.maximum:
            return f"must be at most {_fmt(self.maximum)}, got {value!r}"
        if value != value:  # NaN
            return "must be a number, not NaN"
        return None

    def describe_range(self) -> str:
        if self.kind == "choice":
            return " | ".join(self.choices)
        if self.kind in ("bool", "str"):
            return self.format or self.kind
        low = "" if self.minimum is None else _fmt(self.minimum)
        high = "" if self.maximum is None else _fmt(self.maximum)
        return f"{self.kind} {low}..{high}" if (low or high) else self.kind


def _fmt(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def check_props(specs: Mapping[str, PropertySpec], props: Mapping[str, Any]) -> list[PropProblem]:
    problems: list[PropProblem] = []
    for name, value in props.items():
        spec = specs.get(name)
        if spec is None:
            close = difflib.get_close_matches(name, list(specs), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            known = ", ".join(sorted(specs)) or "none"
            problems.append(PropProblem(name, f"unknown property{hint}; known: {known}"))
            continue
        reason = spec.check(value)
        if reason is not None:
            problems.append(PropProblem(name, reason))
    return problems


@dataclass(frozen=True)
class ComponentType:
    id: str
    label: str
    category: str
    icon: str
    stateful: bool
    summary: str
    explanation: str
    properties: Mapping[str, PropertySpec] = field(default_factory=dict)
    source: str = ""

    def default(self, prop: str) -> Any:
        spec = self.properties.get(prop)
        return None if spec is None else spec.default
