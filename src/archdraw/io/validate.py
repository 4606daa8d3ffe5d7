"""Typing a design's data with pydantic, one element at a time, stopping at a budget of problems.

pydantic reports every error it finds and holds about half a kilobyte for each,
so a file of a million broken list items would take gigabytes before the first
message. Each zone, component, link, lint ignore and lint option is validated
on its own instead (the reader bounds the size of each), and once
`Limits.max_problems` problems are found the rest is not looked at. The cost
is the same as validating the design whole.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import TypeAdapter, ValidationError

from archdraw.model.types import Component, Design, Link, LintIgnore, PropValue, Zone

Loc = tuple[Any, ...]
ErrorDetail = dict[str, Any]

_ELEMENTS: dict[str, TypeAdapter[Any]] = {
    "zones": TypeAdapter(Zone),
    "components": TypeAdapter(Component),
    "links": TypeAdapter(Link),
}
_IGNORE: TypeAdapter[Any] = TypeAdapter(LintIgnore)
_OPTION: TypeAdapter[Any] = TypeAdapter(dict[str, PropValue])
_TEXTS: TypeAdapter[Any] = TypeAdapter(list[str])
# Lists of text (design principles, disabled rules, option values) are checked this many
# items at a time, so a long list of wrong items yields errors for its first slice only.
_SLICE = 100


@dataclass
class _Unit:
    where: Loc
    adapter: TypeAdapter[Any]
    value: Any


def _text_list_errors(value: list[Any], where: Loc) -> list[ErrorDetail]:
    """Errors of the first slice of `value` that is not all text."""
    for start in range(0, len(value), _SLICE):
        try:
            _TEXTS.validate_python(value[start : start + _SLICE])
        except ValidationError as error:
            details = _details(error, ())
            for detail in details:
                detail["loc"] = (*where, start + detail["loc"][0], *detail["loc"][1:])
            return details
    return []


def _long_lists(section: dict[str, Any], where: Loc) -> tuple[dict[str, Any], list[ErrorDetail]]:
    """`section` with each long list that is not all text emptied, and the errors it had."""
    errors: list[ErrorDetail] = []
    for key, value in section.items():
        if isinstance(value, list) and len(value) > _SLICE:
            found = _text_list_errors(value, (*where, key))
            if found:
                section = {**section, key: []}
                errors += found
    return section, errors


def _skeleton(data: dict[str, Any]) -> tuple[dict[str, Any], list[ErrorDetail]]:
    """The design without the parts `_units` yields or long lists of the wrong items."""
    skeleton = dict(data)
    errors: list[ErrorDetail] = []
    for name in ("doc", "lint"):
        if isinstance(data.get(name), dict):
            skeleton[name], found = _long_lists(data[name], (name,))
            errors += found
    for name in _ELEMENTS:
        if isinstance(data.get(name), list):
            skeleton[name] = []
    lint = data.get("lint")
    if isinstance(lint, dict):
        lint = skeleton["lint"] = dict(lint)
        if isinstance(lint.get("ignore"), list):
            lint["ignore"] = []
        if isinstance(lint.get("options"), dict):
            lint["options"] = {}
    return skeleton, errors


def _units(data: dict[str, Any]) -> Iterator[_Unit]:
    """The long parts of the design, one unit at a time (lazily: a file may hold millions)."""
    for name, adapter in _ELEMENTS.items():
        items = data.get(name)
        if isinstance(items, list):
            for index, item in enumerate(items):
                yield _Unit((name, index), adapter, item)
    lint = data.get("lint")
    if isinstance(lint, dict):
        ignore = lint.get("ignore")
        if isinstance(ignore, list):
            for index, item in enumerate(ignore):
                yield _Unit(("lint", "ignore", index), _IGNORE, item)
        options = lint.get("options")
        if isinstance(options, dict):
            for key, value in options.items():
                yield _Unit(("lint", "options"), _OPTION, {key: value})


def _details(error: ValidationError, where: Loc) -> list[ErrorDetail]:
    return [
        {**detail, "loc": (*where, *detail["loc"])} for detail in error.errors(include_url=False)
    ]


@dataclass
class Typed:
    """What typing found: the design when nothing is wrong; otherwise the errors, and
    the elements that typed (each with its index in the file) for the cross-element checks."""

    errors: list[ErrorDetail]
    design: Design | None
    elements: dict[str, list[tuple[int, Any]]]
    # Ids of zones and components that did not type, so a link or zone naming one is not
    # also reported as pointing nowhere.
    broken_ids: set[str]
    # False when the problem budget stopped typing before the end of the file.
    complete: bool = True


# Without these an element is not itself; with them it can be checked without its other fields.
_REQUIRED = {"id", "type", "from", "to"}


def _salvage(unit: _Unit, errors: list[ErrorDetail]) -> Any:
    """The element typed without the optional fields it got wrong, or None."""
    if any(len(detail["loc"]) <= len(unit.where) for detail in errors):
        return None
    fields = {detail["loc"][len(unit.where)] for detail in errors}
    if not isinstance(unit.value, dict) or fields & _REQUIRED or not fields <= set(unit.value):
        return None
    try:
        return unit.adapter.validate_python(
            {k: v for k, v in unit.value.items() if k not in fields}
        )
    except ValidationError:
        return None


def validate_data(data: dict[str, Any], max_problems: int) -> Typed:
    """The design, or pydantic's error details (located in `data`) for at most about
    `max_problems` problems, with the elements that typed."""
    skeleton, errors = _skeleton(data)
    design: Design | None = None
    try:
        design = Design.model_validate(skeleton)
    except ValidationError as error:
        errors += _details(error, ())
    values: list[tuple[Loc, Any]] = []
    typed = Typed(errors, None, {name: [] for name in _ELEMENTS}, set())
    for unit in _units(data):
        if len(errors) > max_problems:
            typed.complete = False
            break
        if unit.where == ("lint", "options"):
            [(key, value)] = unit.value.items()
            if isinstance(value, list) and len(value) > _SLICE:
                found = _text_list_errors(value, (*unit.where, key))
                if found:
                    errors += found
                    continue
        try:
            value = unit.adapter.validate_python(unit.value)
        except ValidationError as error:
            found = _details(error, unit.where)
            errors += found
            value = _salvage(unit, found) if unit.where[0] in _ELEMENTS else None
            if value is None:
                _note_broken(typed, unit)
                continue
        values.append((unit.where, value))
        if unit.where[0] in _ELEMENTS:
            typed.elements[unit.where[0]].append((unit.where[1], value))
    if errors or design is None:
        return typed
    _assemble(design, values)
    typed.design = design
    return typed


def _note_broken(typed: Typed, unit: _Unit) -> None:
    if unit.where[0] in ("zones", "components") and isinstance(unit.value, dict):
        element_id = unit.value.get("id")
        if isinstance(element_id, str):
            typed.broken_ids.add(element_id)


def _assemble(design: Design, values: list[tuple[Loc, Any]]) -> None:
    lists: dict[str, list[Any]] = {"zones": [], "components": [], "links": [], "ignore": []}
    for where, value in values:
        if where[0] != "lint":
            lists[where[0]].append(value)
        elif where[1] == "ignore":
            lists["ignore"].append(value)
        else:
            design.lint.options.update(value)
    design.zones, design.components, design.links = (
        lists["zones"],
        lists["components"],
        lists["links"],
    )
    design.lint.ignore = lists["ignore"]
