"""D2: zones as nested containers, link kinds and zone kinds as D2 classes.

D2 keys are case-insensitive and some words are reserved (`shape`, `style`,
`label` ...), so ids go through an `IdMap` that folds case. Labels are
double-quoted with `\\`, `"` and `$` escaped (D2 substitutes `${var}` in
double-quoted strings and rejects a bare `$`).
"""

from __future__ import annotations

import html

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
from archdraw.model import Component, Design, Zone
from archdraw.style import theme

_RESERVED = [
    *("label", "shape", "icon", "constraint", "tooltip", "link", "near", "width", "height"),
    *("direction", "top", "left", "grid-rows", "grid-columns", "grid-gap", "vertical-gap"),
    *("horizontal-gap", "class", "classes", "vars", "style", "source-arrowhead"),
    *("target-arrowhead", "filled", "opacity", "stroke", "fill", "fill-pattern"),
    *("stroke-width", "stroke-dash", "border-radius", "font", "font-size", "font-color"),
    *("bold", "italic", "underline", "animated", "shadow", "multiple", "3d", "double-border"),
    *("text-transform", "layers", "scenarios", "steps", "imports", "null", "true", "false"),
    *("_", "md", "markdown", "latex", "tex", "json", "yaml", "legend-label", "label-position"),
]
_STORAGE_SHAPES = {"object_storage": "stored_data", "queue": "queue", "stream": "queue"}
_DASH = {"sync": 0, "async": 5, "replication": 2}


def _tooltip(text: str) -> str:
    # D2 renders a tooltip as Markdown, where `<br>` opens an HTML element it then
    # cannot close: write &, < and > as entities, which Markdown shows as themselves.
    return _quote(html.escape(text, quote=False))


def _quote(text: str) -> str:
    text = clean_text(text).replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$")
    return '"' + text.replace("\n", "\\n") + '"'


def _shape(component: Component, category: str) -> str:
    if component.type in _STORAGE_SHAPES:
        return _STORAGE_SHAPES[component.type]
    if category == "storage":
        return "cylinder"
    if category == "client":
        return "person" if component.type == "client" else "rectangle"
    if category == "external":
        return "cloud"
    return "rectangle"


class _Writer:
    def __init__(self, design: Design, library: Library) -> None:
        self.design = design
        self.library = library
        self.tree = ZoneTree.of(design)
        self.ids = IdMap(
            [z.id for z in design.zones] + [c.id for c in design.components],
            reserved=_RESERVED,
            casefold=True,
        )
        self.lines: list[str] = []

    def path(self, component: Component) -> str:
        zones = self.tree.path(self.tree.zone_of(component))
        return ".".join([self.ids[z] for z in zones] + [self.ids[component.id]])

    def classes(self) -> None:
        colours = theme("light")
        self.lines.append("classes: {")
        for kind in ("sync", "async", "replication"):
            style = colours.link(kind)
            dash = f"; stroke-dash: {_DASH[kind]}" if _DASH[kind] else ""
            self.lines.append(f'  link_{kind}: {{style: {{stroke: "{style.colour}"{dash}}}}}')
        for kind, fill in sorted(colours.zone_fill.items()):
            body = f'fill: "{fill}"; stroke: "{colours.zone_stroke}"'
            if kind == "group":
                body += "; stroke-dash: 3"
            self.lines.append(f"  zone_{kind}: {{style: {{{body}}}}}")
        for category, colour in sorted(colours.categories.items()):
            body = f'fill: "{colour.fill}"; stroke: "{colour.stroke}"'
            self.lines.append(f"  category_{category}: {{style: {{{body}}}}}")
        self.lines.append("}")

    def component(self, component: Component, indent: str) -> None:
        category = category_of(component, self.library)
        fields = [
            f"class: [category_{category}; type_{underscored(component.type)}]",
            f"shape: {_shape(component, category)}",
        ]
        if component.notes:
            fields.append(f"tooltip: {_tooltip(component.notes)}")
        body = "; ".join(fields)
        self.lines.append(f"{indent}{self.ids[component.id]}: {_quote(component.title)} {{{body}}}")

    def zone(self, zone: Zone, indent: str) -> None:
        self.lines.append(f"{indent}{self.ids[zone.id]}: {_quote(zone.title)} {{")
        self.lines.append(f"{indent}  class: zone_{zone.kind}")
        for child in self.tree.zone_children(zone.id):
            self.zone(child, indent + "  ")
        for component in self.tree.zone_members(zone.id):
            self.component(component, indent + "  ")
        self.lines.append(f"{indent}}}")

    def write(self) -> str:
        design = self.design
        self.lines.append(f"# archdraw export: {one_line(design.name)} (D2)")
        self.lines += [f"# {line}" for line in omissions(design, notes=False)]
        for raw, name in self.ids.renamed().items():
            self.lines.append(f"# id {one_line(repr(raw))} written as {name}")
        self.lines.append("direction: right")
        self.classes()
        for zone in self.tree.roots:
            self.zone(zone, "")
        for component in self.tree.zone_members(None):
            self.component(component, "")
        components = self.design.component_index()
        links, _ = drawable_links(design)
        for link in links:
            source, target = self.path(components[link.source]), self.path(components[link.target])
            label = f": {_quote(link.label)}" if link.label else ""
            self.lines.append(f"{source} -> {target}{label} {{class: link_{link.kind}}}")
        return "\n".join(self.lines) + "\n"


def export(design: Design, library: Library) -> str:
    """The design as D2 source (`d2 validate` accepts it; `d2 FILE out.svg` draws it)."""
    return _Writer(design, library).write()
