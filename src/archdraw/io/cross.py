"""Checks across elements (ids, link ends, zone parents, properties) on what typed.

A file with a mistake in one component still has its links, zones and other
components checked: the checks run over the elements that typed, their findings
are placed by each element's index in the file, and a link or zone that names an
element which failed to type is not also reported as pointing nowhere.
"""

from __future__ import annotations

from typing import Any

from archdraw import FORMAT_VERSION
from archdraw.io.messages import comma_cut, comma_message, split
from archdraw.io.props import spec_of, unknown_message, value_message
from archdraw.io.validate import Typed
from archdraw.model.catalog import TypeCatalog
from archdraw.model.types import Design
from archdraw.model.validation import Issue, validate_design

Path = tuple[str | int, ...]

# The field of an element that names another element, by section.
_REFERENCES = {"links": ("from", "to"), "zones": ("parent",), "components": ("zone",)}


def _named(element: Any, field: str) -> Any:
    return getattr(element, {"from": "source", "to": "target"}.get(field, field), None)


def cross_issues(typed: Typed, catalog: TypeCatalog) -> list[Issue]:
    """The cross-element issues of the typed elements, with paths into the file."""
    if typed.design is not None:
        return validate_design(typed.design, catalog)
    parts = {section: [value for _, value in items] for section, items in typed.elements.items()}
    design = Design.model_construct(
        archdraw=FORMAT_VERSION,
        name="-",
        zones=parts["zones"],
        components=parts["components"],
        links=parts["links"],
    )
    issues = []
    for issue in validate_design(design, catalog):
        section, index, *rest = issue.path
        if not isinstance(index, int) or section not in typed.elements:
            issues.append(issue)
            continue
        file_index, element = typed.elements[str(section)][index]
        refers = bool(rest) and rest[0] in _REFERENCES.get(str(section), ())
        if refers and _named(element, str(rest[0])) in typed.broken_ids:
            continue
        issues.append(Issue((section, file_index, *rest), issue.message))
    return issues


def reworded(issue: Issue, data: Any, catalog: TypeCatalog) -> str:
    """The issue's message, or a fuller one for a property value of the wrong kind or size."""
    path = issue.path
    if len(path) != 4 or path[2] != "props" or path[0] not in ("components", "links"):
        return issue.message
    section, index, _, name = path
    element = data[section][index]
    spec = spec_of(catalog, element, str(section), str(name))
    owner, _ = split(path, data)
    if spec is None:
        whole = comma_cut(element["props"], name)
        if whole is not None:
            return comma_message(owner, f"property '{name}'", whole)
        if section == "links":
            return issue.message
        return unknown_message(owner, catalog, element, str(name)) or issue.message
    return value_message(owner, spec, element["props"][name]) or issue.message


def under(path: tuple[Any, ...], unreadable: list[Path]) -> bool:
    """Whether `path` lies at or under a value the reader could not use (already reported)."""
    return any(path[: len(bad)] == bad for bad in unreadable)
