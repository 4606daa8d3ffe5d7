"""Graphviz DOT: zones as nested clusters, link kinds as solid, dashed and dotted edges.

Node ids are quoted strings, so design ids are kept exactly. Labels are
escape strings: backslashes are doubled (so `\\N` stays text), and `&` is
written as `&amp;` because Graphviz decodes HTML entities in plain labels.
Each element carries a `class` (zone kind, component type, link kind) that
Graphviz copies into its SVG output.
"""

from __future__ import annotations

import re

from archdraw.export.text_support import (
    IdMap,
    ZoneTree,
    category_of,
    clean_text,
    drawable_links,
    omissions,
    one_line,
)
from archdraw.library import Library
from archdraw.model import Component, Design, Link, Zone
from archdraw.style import LABEL_FONT, theme

# A quoted DOT id may hold anything but an unescaped quote; backslashes and
# control characters are rewritten so an id never ends in an escape.
_DOT_ID = re.compile(r'^[^"\\\x00-\x1f]+$')
_STYLES = {"sync": "solid", "async": "dashed", "replication": "dotted"}


def _rewrite(raw: str) -> str:
    return re.sub(r'["\\\x00-\x1f]', "_", raw) or "_"


# Graphviz's scanner refuses a quoted string over 16,384 bytes, counted after escaping.
_MAX_QUOTED_BYTES = 16_000


def _escaped(text: str) -> str:
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")
    return text.replace("\n", "\\n")


def _quote(text: str) -> str:
    """A DOT escString: the label exactly as written, newlines as \\n, shortened with an
    ellipsis when its escaped form would pass Graphviz's limit."""
    text = clean_text(text)
    escaped = _escaped(text)
    while len(escaped.encode("utf-8")) > _MAX_QUOTED_BYTES:
        text = text[: len(text) * 3 // 4]
        escaped = _escaped(text + "…")
    return '"' + escaped + '"'


def _plain(text: str) -> str:
    return '"' + text.replace('"', '\\"') + '"'


def _attrs(pairs: dict[str, str]) -> str:
    return "[" + ", ".join(f"{key}={value}" for key, value in pairs.items()) + "]"


def _class(*words: str) -> str:
    return _plain(" ".join(re.sub(r"[^A-Za-z0-9_-]", "_", w) for w in words))


def _comment(text: str) -> str:
    return "// " + one_line(text)


class _Writer:
    def __init__(self, design: Design, library: Library) -> None:
        self.design = design
        self.library = library
        self.tree = ZoneTree.of(design)
        self.ids = IdMap([c.id for c in design.components], pattern=_DOT_ID, rewrite=_rewrite)
        self.zone_ids = IdMap([z.id for z in design.zones], pattern=_DOT_ID, rewrite=_rewrite)
        self.colours = theme("light")
        self.lines: list[str] = []

    def node(self, component: Component, indent: str) -> None:
        category = category_of(component, self.library)
        colour = self.colours.category(category)
        shape = "cylinder" if category == "storage" else "box"
        attrs = {
            "label": _quote(component.title),
            "shape": shape,
            "fillcolor": _plain(colour.fill),
            "color": _plain(colour.stroke),
            "class": _class("component", f"type-{component.type}", f"category-{category}"),
        }
        if component.notes:
            attrs["tooltip"] = _quote(component.notes)
        self.lines.append(f"{indent}{_plain(self.ids[component.id])} {_attrs(attrs)};")

    def cluster(self, zone: Zone, indent: str) -> None:
        name = _plain("cluster_" + self.zone_ids[zone.id])
        attrs = {
            "label": _quote(zone.title),
            "style": '"rounded,filled,dashed"' if zone.kind == "group" else '"rounded,filled"',
            "fillcolor": _plain(self.colours.zone_fill.get(zone.kind, "#ffffff")),
            "color": _plain(self.colours.zone_stroke),
            "class": _class("zone", f"zone-{zone.kind}"),
        }
        self.lines.append(f"{indent}subgraph {name} {{")
        self.lines.append(f"{indent}  graph {_attrs(attrs)};")
        for child in self.tree.zone_children(zone.id):
            self.cluster(child, indent + "  ")
        for component in self.tree.zone_members(zone.id):
            self.node(component, indent + "  ")
        if not self.tree.zone_members(zone.id) and not self.tree.zone_children(zone.id):
            # Graphviz does not draw an empty cluster; an invisible point keeps the zone.
            placeholder = _plain(self.ids.new_name(f"{self.zone_ids[zone.id]}__empty"))
            hidden = '[shape=point, style=invis, label="", class="placeholder"]'
            self.lines.append(f"{indent}  {placeholder} {hidden};")
        self.lines.append(f"{indent}}}")

    def edge(self, link: Link) -> None:
        style = self.colours.link(link.kind)
        attrs = {
            "style": _STYLES.get(link.kind, "solid"),
            "color": _plain(style.colour),
            "class": _class("link", f"link-{link.kind}"),
        }
        if link.kind == "replication":
            attrs["dir"] = "both"
        if link.label:
            attrs["label"] = _quote(link.label)
        if link.id is not None:
            attrs["id"] = _quote(link.id)
        source, target = _plain(self.ids[link.source]), _plain(self.ids[link.target])
        self.lines.append(f"  {source} -> {target} {_attrs(attrs)};")

    def write(self) -> str:
        design = self.design
        self.lines.append(_comment(f"archdraw export: {design.name} (Graphviz DOT)"))
        self.lines += [_comment(line) for line in omissions(design, notes=False, link_ids=False)]
        renamed = {**self.ids.renamed(), **self.zone_ids.renamed()}
        self.lines += [_comment(f"id {raw!r} written as {name!r}") for raw, name in renamed.items()]
        self.lines.append(f"digraph {_plain(_rewrite(one_line(design.name)))} {{")
        font = _plain(LABEL_FONT)
        self.lines.append(f"  graph [rankdir=LR, compound=true, fontname={font}];")
        self.lines.append(f'  node [style="rounded,filled", fontname={font}];')
        self.lines.append(f"  edge [fontname={font}, fontsize=10];")
        for zone in self.tree.roots:
            self.cluster(zone, "  ")
        for component in self.tree.zone_members(None):
            self.node(component, "  ")
        links, _ = drawable_links(design)
        for link in links:
            self.edge(link)
        self.lines.append("}")
        return "\n".join(self.lines) + "\n"


def export(design: Design, library: Library) -> str:
    """The design as a Graphviz digraph (`dot -Tsvg` renders it)."""
    return _Writer(design, library).write()
