"""PlantUML component diagram: zones as frames, nodes, clouds and packages; notes as notes.

PlantUML reads creole markup (`**bold**`, `<b>`, `[[link]]`, `~` escapes)
and preprocessor calls (`%upper()`, `$var`) inside labels, and backslashes
are half-escapes, so every character that could start markup is written as
a `<U+XXXX>` escape, which PlantUML decodes after the markup pass: the label
shows exactly as typed. Checked with PlantUML 1.2020 (Debian's) and later.
"""

from __future__ import annotations

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

_RESERVED = [
    *("actor", "agent", "artifact", "boundary", "card", "circle", "cloud", "collections"),
    *("component", "control", "database", "entity", "file", "folder", "frame", "hexagon"),
    *("interface", "label", "node", "package", "person", "queue", "rectangle", "stack"),
    *("storage", "usecase", "skinparam", "title", "note", "left", "right", "up", "down"),
    *("hide", "show", "remove", "together", "legend", "header", "footer", "end", "class"),
    *("abstract", "enum", "object", "state", "as", "top", "bottom", "scale", "set"),
    *("namespace", "port", "portin", "portout", "json", "map", "caption", "newpage"),
    *("skin", "sprite", "allowmixing", "allow_mixing", "left_to_right", "direction"),
]
_ZONE_KEYWORDS = {"region": "frame", "zone": "node", "network": "cloud", "group": "package"}
_TYPE_KEYWORDS = {"queue": "queue", "stream": "queue", "object_storage": "storage"}
_CATEGORY_KEYWORDS = {"storage": "database", "client": "actor", "external": "cloud"}
_ARROWS = {"sync": "-->", "async": "..>", "replication": "-[dotted]->"}
_ALWAYS = set('"\\<>~&%$`^')
# Creole markers that only mean something when doubled (**, //, --, __, ==, [[ ...).
_PAIRED = set("*/-_=[]|'#.,")


def _escape(text: str) -> str:
    """Label text with markup characters as <U+XXXX> and newlines as \\n."""
    text = clean_text(text)
    out: list[str] = []
    for index, char in enumerate(text):
        before = text[index - 1] if index else ""
        after = text[index + 1] if index + 1 < len(text) else ""
        if char == "\n":
            out.append("\\n")
        elif char in _ALWAYS or (char in _PAIRED and char in (before, after)):
            out.append(f"<U+{ord(char):04X}>")
        else:
            out.append(char)
    return "".join(out)


def _name(text: str) -> str:
    """An element's quoted name: PlantUML refuses an empty one (`""`), so a label with
    nothing left once control characters are gone is written as one space: a blank box,
    as the other formats draw it."""
    return _escape(text) or " "


def _title(text: str) -> str:
    """The diagram's title line: PlantUML misreads a title of brackets alone (`title )}`),
    so a first character that is not a letter or digit is written as its escape."""
    text = clean_text(text).strip()
    if not text:
        return ""
    first = text[0] if text[0].isalnum() else f"<U+{ord(text[0]):04X}>"
    return (first + _escape(text[1:])).strip()


def _keyword(component: Component, library: Library) -> str:
    if component.type in _TYPE_KEYWORDS:
        return _TYPE_KEYWORDS[component.type]
    return _CATEGORY_KEYWORDS.get(category_of(component, library), "component")


def _stereotype(word: str) -> str:
    return "<<" + "".join(c if c.isalnum() or c == "_" else "_" for c in word) + ">>"


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

    def component(self, component: Component, indent: str) -> None:
        keyword = _keyword(component, self.library)
        label = _name(component.title)
        alias = self.ids[component.id]
        self.lines.append(f'{indent}{keyword} "{label}" as {alias} {_stereotype(component.type)}')

    def zone(self, zone: Zone, indent: str) -> None:
        keyword = _ZONE_KEYWORDS.get(zone.kind, "rectangle")
        label = _name(zone.title)
        alias = self.ids[zone.id]
        self.lines.append(f'{indent}{keyword} "{label}" as {alias} {_stereotype(zone.kind)} {{')
        for child in self.tree.zone_children(zone.id):
            self.zone(child, indent + "  ")
        for component in self.tree.zone_members(zone.id):
            self.component(component, indent + "  ")
        self.lines.append(f"{indent}}}")

    def link(self, link: Link) -> None:
        arrow = _ARROWS.get(link.kind, "-->")
        # PlantUML refuses an empty label, note or title: leave one out when nothing is left
        # of it once control characters are gone.
        text = _escape(link.label or "").strip()
        label = f" : {text}" if text else ""
        self.lines.append(f"{self.ids[link.source]} {arrow} {self.ids[link.target]}{label}")

    def write(self) -> str:
        design = self.design
        self.lines.append("@startuml")
        self.lines.append(f"' archdraw export: {one_line(design.name)} (PlantUML)")
        self.lines += [f"' {line}" for line in omissions(design, notes=False)]
        self.lines.append("' link kinds: sync -->, async ..> (dashed), replication dotted")
        for raw, name in self.ids.renamed().items():
            self.lines.append(f"' id {one_line(repr(raw))} written as {name}")
        self.lines.append("skinparam componentStyle rectangle")
        self.lines.append("left to right direction")
        title = _title(design.name)
        if title:
            self.lines.append(f"title {title}")
        for zone in self.tree.roots:
            self.zone(zone, "")
        for component in self.tree.zone_members(None):
            self.component(component, "")
        for component in design.components:
            note = _escape(component.notes or "").strip()
            if note:
                self.lines.append(f"note bottom of {self.ids[component.id]} : {note}")
        links, _ = drawable_links(design)
        for link in links:
            self.link(link)
        self.lines.append("@enduml")
        return "\n".join(self.lines) + "\n"


def export(design: Design, library: Library) -> str:
    """The design as a PlantUML component diagram (`plantuml -checkonly` accepts it)."""
    return _Writer(design, library).write()
