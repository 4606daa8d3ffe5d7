"""Mermaid: a flowchart with subgraphs for zones, or the architecture-beta diagram.

Labels are written in double quotes with Mermaid's entity codes (`#quot;`,
`#lt;` ...) so quotes, brackets, `<script>` and `#` stay text; ids become
identifiers the parser accepts (`end` and friends are renamed).
"""

from __future__ import annotations

import re
from typing import Literal

from archdraw.export.text_support import (
    IdMap,
    ZoneTree,
    category_of,
    clean_text,
    drawable_links,
    omissions,
    one_line,
    underscored,
)
from archdraw.library import Library
from archdraw.model import Component, Design, Link, Zone
from archdraw.style import theme

Syntax = Literal["flowchart", "architecture"]

_RESERVED = [
    *("end", "graph", "flowchart", "flowchart-elk", "subgraph", "style", "class", "classDef"),
    *("click", "call", "href", "linkStyle", "default", "direction", "interpolate"),
    *("accTitle", "accDescr", "TB", "BT", "RL", "LR", "TD", "architecture-beta"),
    *("group", "service", "junction", "in", "align", "row", "column", "L", "R", "T", "B"),
]
_ARROWS = {"sync": "-->", "async": "-.->", "replication": "==>"}
# `%` too: Mermaid reads `%%{...}%%` anywhere in the text as a configuration directive.
_ENTITIES = {
    "#": "#35;",
    "%": "#37;",
    '"': "#quot;",
    "<": "#lt;",
    ">": "#gt;",
    "&": "#amp;",
    "`": "#96;",
}
_ARCH_ICONS = {"storage": "database", "network": "internet", "external": "cloud"}


def _label(text: str) -> str:
    """A double-quoted flowchart label: entity codes for the characters Mermaid reads. Mermaid
    refuses an empty one (`[""]`), so nothing left once control characters go is one space."""
    escaped = "".join(_ENTITIES.get(char, char) for char in clean_text(text)) or " "
    return '"' + escaped.replace("\n", "<br/>") + '"'


def _node_shape(component: Component, library: Library, ident: str) -> str:
    label = _label(component.title)
    category = category_of(component, library)
    if category == "storage":
        return f"{ident}[({label})]"
    if category == "client":
        return f"{ident}([{label}])"
    if category == "external":
        return f"{ident}{{{{{label}}}}}"
    return f"{ident}[{label}]"


def _header(design: Design, ids: IdMap, syntax: str, dropped: list[str]) -> list[str]:
    lines = [_comment(f"archdraw export: {design.name} (mermaid {syntax})")]
    lines += [_comment(line) for line in dropped]
    lines += [_comment(f"id {raw!r} written as {name}") for raw, name in ids.renamed().items()]
    return lines


def _comment(text: str) -> str:
    return "%% " + one_line(text).replace("%", "\uff05")


def flowchart_ids(design: Design) -> IdMap:
    """The flowchart's node id for each zone and component id (diff highlights use them)."""
    return IdMap(
        [z.id for z in design.zones] + [c.id for c in design.components], reserved=_RESERVED
    )


def _flowchart(design: Design, library: Library) -> str:
    tree = ZoneTree.of(design)
    ids = flowchart_ids(design)
    links, _ = drawable_links(design)
    dropped = omissions(design)
    if any(z.kind for z in design.zones):
        dropped.append("zone kinds kept as classes zone_<kind>")
    lines = _header(design, ids, "flowchart", dropped)
    lines.append("flowchart LR")
    colours = theme("light")
    for category, colour in sorted(colours.categories.items()):
        lines.append(f"  classDef {category} fill:{colour.fill},stroke:{colour.stroke}")
    for kind, fill in sorted(colours.zone_fill.items()):
        lines.append(f"  classDef zone_{kind} fill:{fill},stroke:{colours.zone_stroke}")

    def emit_zone(zone: Zone, indent: str) -> None:
        lines.append(f"{indent}subgraph {ids[zone.id]} [{_label(zone.title)}]")
        for child in tree.zone_children(zone.id):
            emit_zone(child, indent + "  ")
        for component in tree.zone_members(zone.id):
            lines.append(indent + "  " + _node_shape(component, library, ids[component.id]))
        lines.append(f"{indent}end")

    for zone in tree.roots:
        emit_zone(zone, "  ")
    for component in tree.zone_members(None):
        lines.append("  " + _node_shape(component, library, ids[component.id]))
    for link in links:
        lines.append("  " + _flow_link(link, ids))
    for component in design.components:
        classes = f"{category_of(component, library)},type_{underscored(component.type)}"
        lines.append(f"  class {ids[component.id]} {classes}")
    for zone in design.zones:
        lines.append(f"  class {ids[zone.id]} zone_{zone.kind}")
    for kind in _ARROWS:
        numbers = [str(n) for n, link in enumerate(links) if link.kind == kind]
        if numbers:
            style = colours.link(kind)
            dash = ",stroke-dasharray:" + " ".join(f"{d:g}" for d in style.dash)
            lines.append(
                f"  linkStyle {','.join(numbers)} stroke:{style.colour}"
                + (dash if style.dash else "")
            )
    return "\n".join(lines) + "\n"


def _flow_link(link: Link, ids: IdMap) -> str:
    arrow = _ARROWS.get(link.kind, "-->")
    # No label rather than a blank one when nothing is left of it.
    text = link.label or ""
    label = f"|{_label(text)}|" if clean_text(text).strip() else ""
    return f"{ids[link.source]} {arrow}{label} {ids[link.target]}"


def _arch_title(text: str) -> str:
    """An architecture-beta title: [plain] when it can be, else ["quoted"]."""
    text = one_line(text).strip().replace("%", "\uff05") or " "
    if not re.search(r"[\[\]\"'\\]", text):
        return f"[{text}]"
    # The quoted form unescapes only \" and \'; a lone backslash could end the string.
    text = text.replace("\\", "\u29f5").replace('"', '\\"').replace("'", "\\'")
    return f'["{text}"]'


def _architecture(design: Design, library: Library) -> str:
    tree = ZoneTree.of(design)
    ids = IdMap(
        [z.id for z in design.zones] + [c.id for c in design.components], reserved=_RESERVED
    )
    links, _ = drawable_links(design)
    dropped = omissions(design)
    if design.links:
        dropped.append("link kinds (sync/async/replication) not expressible: all drawn solid")
    if design.zones:
        dropped.append("zone kinds not expressible: every zone is a group")
    dropped.append("component types shown only by icon; newlines in labels become spaces")
    texts = [c.title for c in design.components] + [z.title for z in design.zones]
    texts += [k.label or "" for k in design.links]
    if any("\\" in text for text in texts):
        dropped.append("backslashes in quoted titles written as U+29F5")
    if any("%" in text for text in texts):
        dropped.append("percent signs written as U+FF05: Mermaid reads %% as a directive")
    lines = _header(design, ids, "architecture", dropped)
    lines.append("architecture-beta")

    def emit_zone(zone: Zone) -> None:
        parent = tree.parent_of.get(zone.id)
        inside = f" in {ids[parent]}" if parent is not None else ""
        lines.append(f"  group {ids[zone.id]}(cloud){_arch_title(zone.title)}{inside}")
        for child in tree.zone_children(zone.id):
            emit_zone(child)

    for zone in tree.roots:
        emit_zone(zone)
    for component in design.components:
        icon = _ARCH_ICONS.get(category_of(component, library), "server")
        zone_id = tree.zone_of(component)
        inside = f" in {ids[zone_id]}" if zone_id is not None else ""
        lines.append(f"  service {ids[component.id]}({icon}){_arch_title(component.title)}{inside}")
    for link in links:
        middle = f"-{_arch_title(link.label)}-" if link.label else "--"
        lines.append(f"  {ids[link.source]}:R {middle}> L:{ids[link.target]}")
    return "\n".join(lines) + "\n"


def export(design: Design, library: Library, syntax: Syntax = "flowchart") -> str:
    """The design as Mermaid text; `syntax="architecture"` uses architecture-beta."""
    if syntax == "architecture":
        return _architecture(design, library)
    return _flowchart(design, library)


def export_architecture(design: Design, library: Library) -> str:
    """The design as a Mermaid architecture-beta diagram (format `mermaid-architecture`)."""
    return export(design, library, syntax="architecture")
