"""Checks that span elements: unique ids, links that land, zones without cycles, props.

Each problem carries the path of the offending value in the file's data
("components", 3, "props", "replicas") so `archdraw.io` can turn it into a line.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from archdraw.model.catalog import TypeCatalog
from archdraw.model.types import Design

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Issue:
    path: Path
    message: str


def _duplicate_ids(design: Design) -> list[Issue]:
    issues: list[Issue] = []
    seen: dict[str, str] = {}
    entries = [("zones", i, z.id) for i, z in enumerate(design.zones)]
    entries += [("components", i, c.id) for i, c in enumerate(design.components)]
    for section, index, element_id in entries:
        if element_id in seen:
            issues.append(
                Issue(
                    (section, index, "id"),
                    f"duplicate id '{element_id}' (already used by a {seen[element_id]})",
                )
            )
        else:
            seen[element_id] = section[:-1]
    return issues


def _links(design: Design) -> list[Issue]:
    issues: list[Issue] = []
    components = {c.id for c in design.components}
    keys: set[str] = set()
    for index, link in enumerate(design.links):
        for end, field in ((link.source, "from"), (link.target, "to")):
            if end not in components:
                issues.append(
                    Issue(
                        ("links", index, field),
                        f"link '{link.key}' points at '{end}', which is not a component",
                    )
                )
        if link.key in keys:
            where = ("links", index, "id") if link.id is not None else ("links", index)
            issues.append(Issue(where, f"duplicate link '{link.key}' (give one an explicit id)"))
        keys.add(link.key)
    return issues


def _zones(design: Design) -> list[Issue]:
    issues: list[Issue] = []
    parents = {z.id: z.parent for z in design.zones}
    for index, zone in enumerate(design.zones):
        if zone.parent is not None and zone.parent not in parents:
            issues.append(
                Issue(
                    ("zones", index, "parent"),
                    f"zone '{zone.id}' has parent '{zone.parent}', which is not a zone",
                )
            )
    reported: set[str] = set()
    for index, zone in enumerate(design.zones):
        seen = [zone.id]
        current = zone.parent
        while current is not None and current in parents:
            if current == zone.id:
                if zone.id not in reported:
                    reported.update(seen)
                    cycle = " -> ".join([*seen, zone.id])
                    issues.append(Issue(("zones", index, "parent"), f"zone cycle: {cycle}"))
                break
            if current in seen:
                break
            seen.append(current)
            current = parents[current]
    for index, component in enumerate(design.components):
        if component.zone is not None and component.zone not in parents:
            issues.append(
                Issue(
                    ("components", index, "zone"),
                    f"component '{component.id}' is placed in '{component.zone}', "
                    "which is not a zone",
                )
            )
    return issues


def _is_plain(value: object) -> bool:
    if isinstance(value, list):
        return all(isinstance(item, str) for item in value)
    return isinstance(value, bool | int | float | str)


def _plain_props(design: Design) -> list[Issue]:
    issues: list[Issue] = []
    owners: list[tuple[str, int, str, dict[str, object]]] = [
        ("components", i, f"component '{c.id}'", c.props) for i, c in enumerate(design.components)
    ]
    owners += [("links", i, f"link '{k.key}'", k.props) for i, k in enumerate(design.links)]
    for section, index, owner, props in owners:
        for name, value in props.items():
            if not _is_plain(value):
                issues.append(
                    Issue(
                        (section, index, "props", name),
                        f"{owner}, property '{name}': expected a number, true/false, "
                        f"text or a list of text, got {value!r}",
                    )
                )
    return issues


def _plain(props: dict[str, object]) -> dict[str, object]:
    """The properties a catalog checks: a value of no plain kind (`replicas: [2]`) is
    reported on its own, and the element's other properties are checked all the same."""
    return {name: value for name, value in props.items() if _is_plain(value)}


def _props(design: Design, catalog: TypeCatalog) -> list[Issue]:
    issues: list[Issue] = []
    for index, component in enumerate(design.components):
        if not catalog.has_type(component.type):
            close = difflib.get_close_matches(component.type, list(catalog.type_ids()), n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            issues.append(
                Issue(
                    ("components", index, "type"),
                    f"component '{component.id}' has unknown type '{component.type}' "
                    f"({hint}`archdraw types` lists the known ones)",
                )
            )
            continue
        for problem in catalog.check_props(component.type, _plain(component.props)):
            issues.append(
                Issue(
                    ("components", index, "props", problem.prop),
                    f"component '{component.id}', property '{problem.prop}': {problem.message}",
                )
            )
    for index, link in enumerate(design.links):
        for problem in catalog.check_link_props(_plain(link.props)):
            issues.append(
                Issue(
                    ("links", index, "props", problem.prop),
                    f"link '{link.key}', property '{problem.prop}': {problem.message}",
                )
            )
    return [*_plain_props(design), *issues]


def validate_design(design: Design, catalog: TypeCatalog) -> list[Issue]:
    """Every cross-element problem in the design; an empty list means valid."""
    return [
        *_duplicate_ids(design),
        *_links(design),
        *_zones(design),
        *_props(design, catalog),
    ]
