"""SVG export, written as text (no Qt): the design's Drawing, as the canvas draws it.

Layers, bottom to top: background, zones (outermost first), link lines,
components, arrowheads (so no box hides one), link labels, findings markers,
legend. Components without a position are laid out first with auto_layout.
"""

from __future__ import annotations

from collections.abc import Sequence

from archdraw.drawing import SEVERITY_ORDER, Drawing, FindingLike, LinkDrawing, face
from archdraw.export.legend import (
    LegendEntry,
    badge_entry,
    category_entry,
    legend_svg,
    link_entry,
    marker_svg,
    severity_entry,
)
from archdraw.export.svg_shapes import (
    arrowhead_svg,
    attr,
    component_svg,
    link_label_svg,
    link_line_svg,
    number,
    zone_svg,
)
from archdraw.layout import Rect, auto_layout
from archdraw.library import CATEGORIES, Library
from archdraw.model import Design
from archdraw.style import LABEL_FONT, Theme
from archdraw.style import theme as theme_named

MARGIN = 32.0
FONT_STACK = f"{LABEL_FONT}, Segoe UI, Helvetica, Arial, sans-serif"

Point = tuple[float, float]


def complete_positions(design: Design, library: Library | None) -> dict[str, Point]:
    """Every component's centre: its own, or auto_layout's for those without one."""
    positions = {c.id: c.position for c in design.components if c.position is not None}
    if len(positions) < len(design.components):
        positions.update(auto_layout(design, library).positions)
    return positions


def export_svg(
    design: Design,
    library: Library | None,
    *,
    theme: str = "light",
    findings: Sequence[FindingLike] | None = None,
    legend: bool = False,
) -> str:
    drawing = Drawing(design, library, complete_positions(design, library), findings or ())
    return drawing_svg(drawing, theme_named(theme), legend)


def drawing_svg(drawing: Drawing, look: Theme, legend: bool = False) -> str:
    """The drawing as one SVG document, cropped to what it shows plus a margin."""
    extent = drawing.extent()
    bounds = extent or Rect(0, 0, 320, 80)
    legend_part = ""
    if legend:
        entries = _legend_entries(drawing, look)
        if entries:
            width = max(bounds.width, 360.0)
            legend_part, frame = legend_svg(entries, bounds.x0, bounds.y1 + 24, width, look)
            bounds = bounds.union(frame)
    width = bounds.width + 2 * MARGIN
    height = bounds.height + 2 * MARGIN
    dx, dy = MARGIN - bounds.x0, MARGIN - bounds.y0
    empty = ""
    if extent is None:
        empty = (
            f'<text x="{number(bounds.centre[0])}" y="{number(bounds.centre[1])}" '
            f'font-size="13" fill="{look.muted_text}" text-anchor="middle">(empty design)</text>'
        )
    links = [d for d in drawing.links.values() if d.path is not None]
    return "".join(
        [
            '<?xml version="1.0" encoding="UTF-8"?>\n',
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{number(width)}" '
            f'height="{number(height)}" viewBox="0 0 {number(width)} {number(height)}" '
            f'font-family="{attr(FONT_STACK)}" data-theme="{look.name}">\n',
            f"<title>{attr(drawing.design.name)}</title>\n",
            f'<rect x="0" y="0" width="{number(width)}" height="{number(height)}" '
            f'fill="{look.background}"/>\n',
            f'<g transform="translate({number(dx)},{number(dy)})">\n',
            *(f"{zone_svg(z, look)}\n" for z in drawing.zones.values()),
            *(f"{_line(d, look)}\n" for d in links),
            *(f"{component_svg(b, look)}\n" for b in drawing.boxes.values()),
            *(
                f"{arrowhead_svg(d.path, look.link(d.kind).colour)}\n"
                for d in links
                if d.path is not None
            ),
            *(
                f"{link_label_svg(d.label, look.link(d.kind).colour, look)}\n"
                for d in links
                if d.label is not None
            ),
            *(f"{marker_svg(m, look)}\n" for m in drawing.markers.values()),
            legend_part,
            empty,
            "</g>\n</svg>\n",
        ]
    )


def _line(link: LinkDrawing, look: Theme) -> str:
    style = look.link(link.kind)
    return link_line_svg(link.path, style.colour, style.dash, link.key) if link.path else ""


def _legend_entries(drawing: Drawing, look: Theme) -> list[LegendEntry]:
    categories = {box.look.category for box in drawing.boxes.values()}
    entries = []
    for name in (*CATEGORIES, *sorted(categories - set(CATEGORIES))):
        if name in categories:
            colours = look.category(name)
            entries.append(category_entry(name, colours.fill, colours.stroke))
    for kind in ("sync", "async", "replication"):
        if any(link.kind == kind for link in drawing.design.links):
            style = look.link(kind)
            entries.append(link_entry(kind, style.colour, style.dash))
    # Each badge style in use, in the colours of the first box that wears it.
    badges: dict[bool, str] = {}
    for box in drawing.boxes.values():
        drawn = face(box.look, "full")
        if drawn.badge is not None and drawn.badge_stated not in badges:
            badges[drawn.badge_stated] = look.category(box.look.category).accent
    for stated in (True, False):
        if stated in badges:
            entries.append(badge_entry(stated, badges[stated], look))
    for severity in SEVERITY_ORDER:
        count = sum(1 for f in drawing.findings if f.severity == severity)
        if count:
            entries.append(severity_entry(severity, look.severity[severity], count))
    return entries
