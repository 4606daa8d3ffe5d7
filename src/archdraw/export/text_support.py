"""What every text exporter needs: safe identifiers, clean labels, the zone tree, omissions.

Each format accepts a different alphabet for identifiers, so `IdMap` turns
design ids into identifiers the format accepts while keeping them unique: an
id that is already acceptable is kept as it is, the others are rewritten and,
when two rewrites would collide, numbered. Two different ids never become one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from archdraw.library import Library
from archdraw.model import Component, Design, Link, Zone

PLAIN_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f]")
# NEL and the Unicode line and paragraph separators are line breaks: the target tools
# either end a statement at them (PlantUML) or refuse them.
_LINE_BREAKS = re.compile("\r\n|[\r\x85\u2028\u2029]")
# Non-characters: XML refuses U+FFFE and U+FFFF, and no tool means anything by the others.
_NON_CHARACTERS = re.compile(
    "[\ufdd0-\ufdef"
    + "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(17))
    + "]"
)
# Graphviz rejects longer strings; other tools choke well before that.
MAX_LABEL_CHARS = 4000


def clean_text(text: str) -> str:
    """Line breaks (CR, NEL, U+2028, U+2029) normalised to \\n, tabs to spaces, other control
    characters removed, non-characters replaced by U+FFFD."""
    text = _LINE_BREAKS.sub("\n", text).replace("\t", " ")
    text = _CONTROL.sub("", text)
    text = _NON_CHARACTERS.sub("\ufffd", text)
    if len(text) > MAX_LABEL_CHARS:
        text = text[: MAX_LABEL_CHARS - 1] + "…"
    return text


def one_line(text: str) -> str:
    """`clean_text` with newlines turned into spaces, for formats whose strings are one line."""
    return clean_text(text).replace("\n", " ")


def underscored(raw: str) -> str:
    """Every character outside [A-Za-z0-9_] replaced by _ (class names built from types)."""
    return re.sub(r"[^A-Za-z0-9_]", "_", raw)


def underscore_identifier(raw: str) -> str:
    """The usual rewrite: `underscored`, and never a leading digit."""
    text = underscored(raw)
    if not text or not (text[0].isalpha() or text[0] == "_"):
        text = "n_" + text
    return text


class IdMap:
    """A one-to-one map from design ids to identifiers that `accepts` allows.

    `casefold` makes uniqueness case-insensitive (D2 keys, Structurizr
    identifiers); `reserved` are words the format keeps for itself.
    """

    def __init__(
        self,
        ids: Iterable[str],
        *,
        pattern: re.Pattern[str] = PLAIN_IDENTIFIER,
        rewrite: Callable[[str], str] = underscore_identifier,
        reserved: Iterable[str] = (),
        casefold: bool = False,
    ) -> None:
        self._fold: Callable[[str], str] = str.casefold if casefold else (lambda s: s)
        self._pattern = pattern
        self._rewrite = rewrite
        self._used: set[str] = {self._fold(word) for word in reserved}
        self._map: dict[str, str] = {}
        pending: list[str] = []
        unique = list(dict.fromkeys(ids))
        # Acceptable ids claim their own names first, so a rewrite never takes them.
        for raw in unique:
            if self._acceptable(raw) and self._fold(raw) not in self._used:
                self._claim(raw, raw)
            else:
                pending.append(raw)
        for raw in pending:
            self._claim(raw, self._fresh(self._rewrite(raw)))

    def _acceptable(self, candidate: str) -> bool:
        return bool(self._pattern.match(candidate))

    def _claim(self, raw: str, name: str) -> None:
        self._map[raw] = name
        self._used.add(self._fold(name))

    def _fresh(self, base: str) -> str:
        if not self._acceptable(base):
            base = underscore_identifier(base)
        candidate, number = base, 2
        while self._fold(candidate) in self._used or not self._acceptable(candidate):
            candidate = f"{base}_{number}"
            number += 1
        return candidate

    def new_name(self, base: str) -> str:
        """A further identifier, unused by every id, for something the design does not name."""
        name = self._fresh(base)
        self._used.add(self._fold(name))
        return name

    def __getitem__(self, raw: str) -> str:
        return self._map[raw]

    def renamed(self) -> dict[str, str]:
        """The ids that had to change, for a comment in the output."""
        return {raw: name for raw, name in self._map.items() if raw != name}


@dataclass
class ZoneTree:
    """Zones as a forest and components by zone; tolerant of broken designs.

    A zone whose parent is missing or part of a cycle becomes a root, and a
    component in an unknown zone sits at the top level, so an exporter never
    loops or loses an element.
    """

    roots: list[Zone] = field(default_factory=list)
    children: dict[str, list[Zone]] = field(default_factory=dict)
    members: dict[str | None, list[Component]] = field(default_factory=dict)
    parent_of: dict[str, str | None] = field(default_factory=dict)

    @classmethod
    def of(cls, design: Design) -> ZoneTree:
        tree = cls()
        zones = {z.id: z for z in design.zones}
        for zone in design.zones:
            parent = zone.parent if zone.parent in zones and not _in_cycle(zone, zones) else None
            tree.parent_of[zone.id] = parent
            if parent is None:
                tree.roots.append(zone)
            else:
                tree.children.setdefault(parent, []).append(zone)
        for component in design.components:
            zone_id = component.zone if component.zone in zones else None
            tree.members.setdefault(zone_id, []).append(component)
        return tree

    def zone_children(self, zone_id: str) -> list[Zone]:
        return self.children.get(zone_id, [])

    def zone_members(self, zone_id: str | None) -> list[Component]:
        return self.members.get(zone_id, [])

    def zone_of(self, component: Component) -> str | None:
        return component.zone if component.zone in self.parent_of else None

    def path(self, zone_id: str | None) -> list[str]:
        """Zone ids from the outermost down to `zone_id`."""
        chain: list[str] = []
        while zone_id is not None:
            chain.append(zone_id)
            zone_id = self.parent_of.get(zone_id)
        return chain[::-1]

    def depth(self, zone_id: str) -> int:
        return len(self.path(zone_id))


def _in_cycle(zone: Zone, zones: dict[str, Zone]) -> bool:
    seen = {zone.id}
    current = zone.parent
    while current is not None and current in zones:
        if current in seen:
            return True
        seen.add(current)
        current = zones[current].parent
    return False


def drawable_links(design: Design) -> tuple[list[Link], list[Link]]:
    """(links whose both ends are components, links that point nowhere)."""
    ids = {c.id for c in design.components}
    good = [k for k in design.links if k.source in ids and k.target in ids]
    bad = [k for k in design.links if k.source not in ids or k.target not in ids]
    return good, bad


def category_of(component: Component, library: Library) -> str:
    known = library.types.get(component.type)
    return known.category if known is not None else "compute"


def omissions(
    design: Design,
    *,
    props: bool = True,
    notes: bool = True,
    positions: bool = True,
    doc: bool = True,
    lint: bool = True,
    link_ids: bool = True,
) -> list[str]:
    """One sentence per kind of data this format leaves out (only kinds the design has)."""
    lines: list[str] = []
    with_props = sum(1 for c in design.components if c.props)
    link_props = sum(1 for k in design.links if k.props)
    if props and (with_props or link_props):
        lines.append(
            f"properties not exported ({with_props} components, {link_props} links have them)"
        )
    if notes and any(c.notes for c in design.components):
        lines.append("component notes not exported")
    if positions and any(c.position is not None for c in design.components):
        lines.append("positions not exported: the tool lays the diagram out itself")
    if doc and (design.description or not design.doc.is_empty()):
        lines.append("design description and doc not exported")
    if link_ids and any(k.id is not None for k in design.links):
        lines.append("link ids not exported")
    if lint and not design.lint.is_empty():
        lines.append("lint settings not exported")
    _good, dangling = drawable_links(design)
    for link in dangling:
        lines.append(f"link {one_line(link.key)!r} dropped: an end is not a component")
    return lines
