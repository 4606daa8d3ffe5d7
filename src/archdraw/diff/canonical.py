"""A canonical, sorted text form of a design, for `git diff` (a textconv driver).

Each element is a heading line (`component api`) followed by its fields one
per line, sorted; elements are sorted by kind and id. So a diff shows one
changed line per changed field, whatever order the file keeps its elements
in. Positions are layout, left out unless asked for.
"""

from __future__ import annotations

from typing import Any

from archdraw.diff.elements import LAYOUT_FIELDS, design_fields, flatten
from archdraw.model import Design
from archdraw.model.serialize import component_to_data, link_to_data, zone_to_data


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return str(value)


def _field(name: str, value: Any) -> list[str]:
    """One line per value: a list of texts or mappings (`doc.principles`, `lint.ignore`)
    is spelled item by item, so changing one item changes one line, not the whole list."""
    if isinstance(value, dict) and value:
        return [line for key in sorted(value) for line in _field(f"{name}.{key}", value[key])]
    if isinstance(value, (list, tuple)) and any(isinstance(v, (str, dict, list)) for v in value):
        return [line for i, item in enumerate(value) for line in _field(f"{name}[{i}]", item)]
    return [f"  {name}: {_value(value)}"]


def _block(heading: str, data: dict[str, Any], layout: bool) -> list[str]:
    fields = flatten(data)
    lines = [heading]
    for name in sorted(fields):
        if name == "id" or (name in LAYOUT_FIELDS and not layout):
            continue
        lines += _field(name, fields[name])
    return lines


def canonical_text(design: Design, *, layout: bool = False) -> str:
    lines = _block(f"design {_value(design.name)}", design_fields(design), layout)
    for zone in sorted(design.zones, key=lambda z: z.id):
        lines += ["", *_block(f"zone {zone.id}", zone_to_data(zone), layout)]
    for component in sorted(design.components, key=lambda c: c.id):
        lines += ["", *_block(f"component {component.id}", component_to_data(component), layout)]
    for link in sorted(design.links, key=lambda k: k.key):
        lines += ["", *_block(f"link {link.key}", link_to_data(link), layout)]
    return "\n".join(lines) + "\n"
