"""Structurizr DSL: one software system whose containers are the components.

Zones become (nested) `group`s, link kinds become relationship tags with
their own styles, component types become tags and technologies, and props
become `properties`. The DSL is line based and its tokenizer knows only one
escape (a backslash before a double quote), so labels are written on one
line with `\\"` for quotes, and a backslash that would escape the closing
quote is written as U+29F5. No parser for the DSL runs offline, so the
golden files in the tests were checked by eye against the DSL reference.
"""

from __future__ import annotations

import re

from archdraw.export.text_support import (
    IdMap,
    ZoneTree,
    category_of,
    drawable_links,
    omissions,
    one_line,
)
from archdraw.library import Library
from archdraw.model import Component, Design, Link, Zone
from archdraw.model.types import PropValue
from archdraw.style import theme

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_RESERVED = [
    *("workspace", "model", "views", "group", "person", "softwaresystem", "container"),
    *("component", "deploymentenvironment", "deploymentnode", "element", "relationship"),
    *("tags", "tag", "description", "technology", "properties", "perspectives", "url"),
    *("styles", "this", "include", "exclude", "autolayout", "theme", "themes", "branding"),
    *("configuration", "terminology", "system", "enterprise", "instances", "animation"),
]
_GROUP_SEPARATOR = "|"
_SHAPES = {"storage": "cylinder", "messaging": "pipe", "client": "WebBrowser"}


def _quote(text: str) -> str:
    """One DSL token: quotes escaped, no backslash right before a quote."""
    text = re.sub(r"\\(?=\"|$)", "\u29f5", one_line(text))
    return '"' + text.replace('"', '\\"') + '"'


def _value(value: PropValue) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(value)
    return str(value)


class _Writer:
    def __init__(self, design: Design, library: Library) -> None:
        self.design = design
        self.library = library
        self.tree = ZoneTree.of(design)
        self.ids = IdMap(
            [c.id for c in design.components],
            pattern=_IDENTIFIER,
            reserved=_RESERVED,
            casefold=True,
        )
        self.system = self.ids.new_name("archdraw_system")
        self.notes: list[str] = []
        self.names = self._unique_names()
        self.lines: list[str] = []

    def _unique_names(self) -> dict[str, str]:
        """Container names must be unique within a software system."""
        names: dict[str, str] = {}
        seen: set[str] = set()
        for component in self.design.components:
            name = one_line(component.title) if component.title.strip() else component.id
            if name in seen:
                name = f"{name} [{component.id}]"
                self.notes.append(f"name of {component.id!r} made unique: {name!r}")
            seen.add(name)
            names[component.id] = name
        return names

    def properties(self, props: dict[str, PropValue], indent: str) -> None:
        if not props:
            return
        self.lines.append(f"{indent}properties {{")
        for name, value in sorted(props.items()):
            self.lines.append(f"{indent}    {_quote(name)} {_quote(_value(value))}")
        self.lines.append(f"{indent}}}")

    def container(self, component: Component, indent: str) -> None:
        category = category_of(component, self.library)
        known = self.library.types.get(component.type)
        technology = known.label if known is not None else component.type
        tags = ",".join(
            re.sub(r"[^A-Za-z0-9_ -]", "_", word) for word in (category, component.type)
        )
        head = (
            f"{indent}{self.ids[component.id]} = container {_quote(self.names[component.id])} "
            f"{_quote(component.notes or '')} {_quote(technology)} {_quote(tags)}"
        )
        if component.props:
            self.lines.append(head + " {")
            self.properties(component.props, indent + "    ")
            self.lines.append(f"{indent}}}")
        else:
            self.lines.append(head)

    def group(self, zone: Zone, indent: str) -> None:
        name = one_line(zone.title)
        if _GROUP_SEPARATOR in name:
            name = name.replace(_GROUP_SEPARATOR, "\u00a6")
            self.notes.append(f"'{_GROUP_SEPARATOR}' in zone names written as U+00A6")
        self.lines.append(f"{indent}group {_quote(name)} {{")
        for child in self.tree.zone_children(zone.id):
            self.group(child, indent + "    ")
        for component in self.tree.zone_members(zone.id):
            self.container(component, indent + "    ")
        self.lines.append(f"{indent}}}")

    def relationship(self, link: Link, seen: set[tuple[str, str, str]]) -> None:
        if link.source == link.target:
            self.notes.append(f"link {link.key!r} dropped: Structurizr has no self-relationships")
            return
        protocol = link.props.get("protocol")
        technology = protocol if isinstance(protocol, str) else ""
        description = one_line(link.label or "")
        if (link.source, link.target, description) in seen:
            # Structurizr refuses two relationships with one description between two elements.
            description = f"{description} [{link.key}]".strip()
            self.notes.append(f"description of link {link.key!r} made unique")
        seen.add((link.source, link.target, description))
        head = (
            f"        {self.ids[link.source]} -> {self.ids[link.target]} "
            f"{_quote(description)} {_quote(technology)} {_quote(link.kind)}"
        )
        if link.props:
            self.lines.append(head + " {")
            self.properties(link.props, "            ")
            self.lines.append("        }")
        else:
            self.lines.append(head)

    def styles(self) -> None:
        colours = theme("light")
        self.lines.append("        styles {")
        for category, shape in _SHAPES.items():
            self.lines += [
                f"            element {_quote(category)} {{",
                f"                shape {shape}",
            ]
            self.lines.append(f"                background {colours.category(category).fill}")
            self.lines.append("            }")
        for kind in ("sync", "async", "replication"):
            line = colours.link(kind)
            self.lines.append(f"            relationship {_quote(kind)} {{")
            self.lines.append(f"                dashed {'true' if line.dash else 'false'}")
            self.lines.append(f"                color {line.colour}")
            if kind == "replication":
                self.lines.append("                thickness 3")
            self.lines.append("            }")
        self.lines.append("        }")

    def write(self) -> str:
        design = self.design
        body: list[str] = []
        self.lines = body
        self.lines.append(f"workspace {_quote(design.name)} {_quote(design.description or '')} {{")
        self.lines.append("    model {")
        if any(zone.parent for zone in design.zones):
            self.lines.append("        properties {")
            self.lines.append(f'            "structurizr.groupSeparator" "{_GROUP_SEPARATOR}"')
            self.lines.append("        }")
        system = self.system
        self.lines.append(f"        {system} = softwareSystem {_quote(design.name)} {{")
        for zone in self.tree.roots:
            self.group(zone, "            ")
        for component in self.tree.zone_members(None):
            self.container(component, "            ")
        self.lines.append("        }")
        links, _ = drawable_links(design)
        seen: set[tuple[str, str, str]] = set()
        for link in links:
            self.relationship(link, seen)
        self.lines.append("    }")
        self.lines.append("    views {")
        self.lines.append(f'        container {system} "containers" {{')
        self.lines += ["            include *", "            autolayout lr", "        }"]
        self.styles()
        self.lines += ["    }", "}"]
        header = [f"# archdraw export: {one_line(design.name)} (Structurizr DSL)"]
        dropped = omissions(design, props=False, notes=False, doc=False)
        if not design.doc.is_empty():
            dropped.append("design doc not exported (the description is)")
        if design.zones:
            dropped.append("zone kinds not expressible: every zone is a group")
        if any(link.props.get("protocol") for link in design.links):
            dropped.append("link protocols written as relationship technology")
        labels = [c.title for c in design.components] + [z.title for z in design.zones]
        labels += [k.label or "" for k in design.links]
        if any("\n" in text for text in labels):
            dropped.append("newlines in labels written as spaces")
        if any(re.search(r"\\(?=\"|$)", one_line(text)) for text in labels):
            dropped.append("a backslash before a quote or at the end is written as U+29F5")
        dropped += sorted(set(self.notes))
        header += [f"# {line}" for line in dropped]
        header += [f"# id {raw!r} written as {name}" for raw, name in self.ids.renamed().items()]
        return "\n".join([*header, *body]) + "\n"


def export(design: Design, library: Library) -> str:
    """The design as a Structurizr DSL workspace with a container view."""
    return _Writer(design, library).write()
