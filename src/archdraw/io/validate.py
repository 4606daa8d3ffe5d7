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


def validate_data(data: dict[str, Any], max_problems: int) -> Design | list[ErrorDetail]:
    """The design, or pydantic's error details (located in `data`) for at most about
    `max_problems` problems."""
    skeleton, errors = _skeleton(data)
    design: Design | None = None
    try:
        design = Design.model_validate(skeleton)
    except ValidationError as error:
        errors += _details(error, ())
    values: list[tuple[Loc, Any]] = []
    for unit in _units(data):
        if len(errors) > max_problems:
            break
        if unit.where == ("lint", "options"):
            [(key, value)] = unit.value.items()
            if isinstance(value, list) and len(value) > _SLICE:
                found = _text_list_errors(value, (*unit.where, key))
                if found:
                    errors += found
                    continue
        try:
            values.append((unit.where, unit.adapter.validate_python(unit.value)))
        except ValidationError as error:
            errors += _details(error, unit.where)
    if errors or design is None:
        return errors
    _assemble(design, values)
    return design


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
