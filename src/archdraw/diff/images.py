"""Before and after pictures with the changed elements highlighted.

Two forms from the same marks (element id -> "added" | "removed" | "changed"):
a Mermaid flowchart (GitHub draws it inside a pull-request comment, so the
comment needs no image hosting) and the SVG export with a coloured halo
behind each marked component and zone and under each marked link.
"""

from __future__ import annotations

import re

from archdraw.diff.elements import DesignChanges
from archdraw.export import mermaid
from archdraw.export.svg import complete_positions, export_svg
from archdraw.export.svg_shapes import attr, number
from archdraw.export.text_support import drawable_links
from archdraw.layout import Rect, ZoneTree, node_rect, zone_rectangles
from archdraw.library import Library
from archdraw.model import Design

# GitHub's diff colours: green added, red removed, amber changed.
COLOURS = {"added": "#1a7f37", "removed": "#cf222e", "changed": "#bf8700"}
FILLS = {"added": "#dafbe1", "removed": "#ffebe9", "changed": "#fff8c5"}
HALO = 7.0


def marks(changes: DesignChanges, side: str) -> dict[str, str]:
    """Element id (link key) -> status, for the `side` ("old" or "new") picture."""
    shown = ("removed", "changed") if side == "old" else ("added", "changed")
    return {c.id: c.status for c in changes.changes if c.status in shown and c.kind != "design"}


def highlighted_mermaid(design: Design, library: Library, marked: dict[str, str]) -> str:
    # The export's `%%` notes (what Mermaid cannot show) are beside the point in a review.
    text = "".join(
        line
        for line in mermaid.export(design, library).splitlines(keepends=True)
        if not line.startswith("%%")
    )
    ids = mermaid.flowchart_ids(design)
    known = {z.id for z in design.zones} | {c.id for c in design.components}
    lines = [
        f"  classDef diff_{status} fill:{FILLS[status]},stroke:{colour},stroke-width:3px"
        for status, colour in COLOURS.items()
    ]
    for element, status in marked.items():
        if element in known:
            lines.append(f"  class {ids[element]} diff_{status}")
    links, _ = drawable_links(design)
    for index, link in enumerate(links):
        if link.key in marked:
            colour = COLOURS[marked[link.key]]
            lines.append(f"  linkStyle {index} stroke:{colour},stroke-width:3px")
    return text + "\n".join(lines) + "\n"


def _halo(rect: Rect, status: str) -> str:
    grown = Rect(rect.x0 - HALO, rect.y0 - HALO, rect.x1 + HALO, rect.y1 + HALO)
    return (
        f'<rect class="diff-{status}" x="{number(grown.x0)}" y="{number(grown.y0)}" '
        f'width="{number(grown.width)}" height="{number(grown.height)}" rx="10" '
        f'fill="{FILLS[status]}" stroke="{COLOURS[status]}" stroke-width="3"/>'
    )


def _underline(element: str, status: str) -> str:
    """A wide, translucent copy of a link's line, drawn under it."""
    tag, rest = element.split(" ", 1)
    rest = re.sub(r'(?:class|data-key|stroke|stroke-width|stroke-dasharray)="[^"]*"\s*', "", rest)
    return (
        f'{tag} class="diff-{status}" stroke="{COLOURS[status]}" stroke-width="7" '
        f'stroke-opacity="0.55" {rest}'
    )


def highlighted_svg(design: Design, library: Library, marked: dict[str, str]) -> str:
    svg = export_svg(design, library)
    positions = complete_positions(design, library)
    zones = zone_rectangles(design, positions, ZoneTree(design))
    for element, status in marked.items():
        key = attr(element)
        if element in positions:
            opening = f'<g class="component" data-id="{key}">'
            halo = _halo(node_rect(positions[element]), status)
            svg = svg.replace(opening, opening + halo, 1)
        elif element in zones:
            opening = f'<g class="zone" data-id="{key}">'
            svg = svg.replace(opening, f"{_halo(zones[element], status)}{opening}", 1)
        else:
            pattern = rf'<(?:line|polyline) class="link" data-key="{re.escape(key)}"[^>]*/>'
            found = re.search(pattern, svg)
            if found is not None:
                line = found.group(0)
                svg = svg.replace(line, _underline(line, status) + line, 1)
    return svg
