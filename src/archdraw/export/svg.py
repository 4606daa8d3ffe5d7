"""SVG export, written as text (no Qt): the design as the canvas draws it.

Layers, bottom to top: background, zones (outermost first), link lines,
components, arrowheads (so no box hides one), link labels, findings markers,
legend. Components without a position are laid out first with auto_layout.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from archdraw.export.legend import (
    SEVERITY_ORDER,
    FindingLike,
    LegendEntry,
    category_entry,
    legend_svg,
    link_entry,
    marker_svg,
    severity_entry,
)
from archdraw.export.routing import route_links
from archdraw.export.svg_shapes import (
    ComponentLook,
    LinkPath,
    arrowhead_svg,
    attr,
    component_svg,
    link_label_rect,
    link_label_svg,
    link_line_svg,
    link_path,
    number,
    zone_svg,
)
from archdraw.export.text_metrics import fit
from archdraw.layout import Rect, ZoneTree, auto_layout, clean_text, node_rect, zone_rectangles
from archdraw.library import CATEGORIES, Library
from archdraw.model import Component, Design
from archdraw.style import LABEL_FONT, Theme
from archdraw.style import theme as theme_named

MARGIN = 32.0
FONT_STACK = f"{LABEL_FONT}, Segoe UI, Helvetica, Arial, sans-serif"
PARALLEL_SPACING = 10.0
LABEL_FRACTIONS = (0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78)
MAX_LINK_LABEL_WIDTH = 160.0

Point = tuple[float, float]


def complete_positions(design: Design, library: Library | None) -> dict[str, Point]:
    """Every component's centre: its own, or auto_layout's for those without one."""
    positions = {c.id: c.position for c in design.components if c.position is not None}
    if len(positions) < len(design.components):
        positions.update(auto_layout(design, library).positions)
    return positions


def look_of(component: Component, library: Library | None) -> ComponentLook:
    spec = library.get(component.type) if library is not None else None
    replicas = library.prop(component, "replicas") if library is not None else None
    if replicas is None:
        replicas = component.props.get("replicas")
    count = replicas if isinstance(replicas, int) and not isinstance(replicas, bool) else 1
    return ComponentLook(
        title=component.title,
        type_label=spec.label if spec is not None else component.type,
        category=spec.category if spec is not None else "external",
        icon=spec.icon if spec is not None and spec.icon else "box",
        replicas=count,
    )


@dataclass
class _Canvas:
    """The drawing's pieces by layer, and everything's extent."""

    zones: list[str]
    lines: list[str]
    components: list[str]
    arrows: list[str]
    labels: list[str]
    markers: list[str]
    extent: list[Rect]


def export_svg(
    design: Design,
    library: Library | None,
    *,
    theme: str = "light",
    findings: Sequence[FindingLike] | None = None,
    legend: bool = False,
) -> str:
    look = theme_named(theme)
    positions = complete_positions(design, library)
    tree = ZoneTree(design)
    boxes = {c.id: node_rect(positions[c.id]) for c in design.components if c.id in positions}
    zone_rects = zone_rectangles(design, positions, tree)
    canvas = _Canvas([], [], [], [], [], [], [])
    _draw_zones(design, tree, zone_rects, look, canvas)
    paths = _draw_links(design, boxes, look, canvas)
    for component in design.components:
        if component.id in boxes:
            box = boxes[component.id]
            canvas.components.append(
                component_svg(component.id, look_of(component, library), box, look)
            )
            canvas.extent.append(box.grown(0, 10, 6, 0))
    if findings:
        _draw_findings(findings, boxes, zone_rects, paths, look, canvas)
    drawing = _bounds(canvas.extent)
    legend_part = ""
    if legend:
        entries = _legend_entries(design, library, findings or [], look)
        if entries:
            width = max(drawing.width, 360.0)
            legend_part, frame = legend_svg(entries, drawing.x0, drawing.y1 + 24, width, look)
            drawing = drawing.union(frame)
    return _document(design, look, drawing, canvas, legend_part)


def _draw_zones(
    design: Design, tree: ZoneTree, rects: dict[str, Rect], look: Theme, canvas: _Canvas
) -> None:
    for zone_id in reversed(tree.bottom_up()):
        zone = design.zone(zone_id)
        if zone is not None and zone_id in rects:
            canvas.zones.append(zone_svg(zone_id, zone.title, zone.kind, rects[zone_id], look))
            canvas.extent.append(rects[zone_id])


def _draw_links(
    design: Design, boxes: dict[str, Rect], look: Theme, canvas: _Canvas
) -> dict[str, LinkPath]:
    routes = route_links(design, {c: b.centre for c, b in boxes.items()})
    pairs: dict[frozenset[str], int] = {}
    for link in design.links:
        pair = frozenset((link.source, link.target))
        pairs[pair] = pairs.get(pair, 0) + 1
    seen: dict[frozenset[str], int] = {}
    paths: dict[str, LinkPath] = {}
    placed_labels: list[Rect] = []
    obstacles = list(boxes.values())
    for number_, link in enumerate(design.links):
        if link.source not in boxes or link.target not in boxes:
            continue
        pair = frozenset((link.source, link.target))
        index, count = seen.get(pair, 0), pairs[pair]
        seen[pair] = index + 1
        # Offsets are measured from the lower id's side, so a->b and b->a do not coincide.
        offset = (index - (count - 1) / 2) * PARALLEL_SPACING
        if link.source > link.target:
            offset = -offset
        route = routes.get(number_)
        if route is not None and len(route) >= 2:
            path: LinkPath | None = LinkPath(tuple(route))
        else:
            path = link_path(boxes[link.source], boxes[link.target], offset)
        if path is None or path.length < 12:
            continue
        paths[link.key] = path
        style = look.link(link.kind)
        canvas.lines.append(link_line_svg(path, style.colour, style.dash, link.key))
        canvas.arrows.append(arrowhead_svg(path, style.colour))
        label = fit(clean_text(link.label, 400), MAX_LINK_LABEL_WIDTH, 11.0) if link.label else ""
        if label:
            rect = _label_spot(path, label, obstacles, placed_labels)
            placed_labels.append(rect)
            canvas.labels.append(link_label_svg(rect, label, style.colour, look))
            canvas.extent.append(rect)
    return paths


def _label_spot(path: LinkPath, label: str, boxes: list[Rect], labels: list[Rect]) -> Rect:
    """The label's box at the first point along the link where it covers no box or label."""
    first: Rect | None = None
    for fraction in LABEL_FRACTIONS:
        rect = link_label_rect(path.at(fraction), label)
        first = first or rect
        if not any(rect.intersects(other) for other in labels) and not any(
            rect.intersects(box) for box in boxes
        ):
            return rect
    assert first is not None
    return first


def _draw_findings(
    findings: Sequence[FindingLike],
    boxes: dict[str, Rect],
    zones: dict[str, Rect],
    paths: dict[str, LinkPath],
    look: Theme,
    canvas: _Canvas,
) -> None:
    by_target: dict[tuple[str, str], list[FindingLike]] = {}
    for finding in findings:
        if finding.component is not None and finding.component in boxes:
            target = ("component", finding.component)
        elif finding.link is not None and finding.link in paths:
            target = ("link", finding.link)
        elif finding.zone is not None and finding.zone in zones:
            target = ("zone", finding.zone)
        else:
            continue
        by_target.setdefault(target, []).append(finding)
    for (kind, key), found in by_target.items():
        if kind == "component":
            centre = (boxes[key].x0 + 3, boxes[key].y0 + 3)
        elif kind == "link":
            x, y = paths[key].at(0.5)
            centre = (x, y - 14)
        else:
            centre = (zones[key].x1 - 16, zones[key].y0 + 14)
        canvas.markers.append(marker_svg(centre, found, look))
        canvas.extent.append(Rect(centre[0] - 10, centre[1] - 10, centre[0] + 10, centre[1] + 10))


def _legend_entries(
    design: Design, library: Library | None, findings: Sequence[FindingLike], look: Theme
) -> list[LegendEntry]:
    categories = {look_of(c, library).category for c in design.components}
    entries = []
    for name in (*CATEGORIES, *sorted(categories - set(CATEGORIES))):
        if name in categories:
            colours = look.category(name)
            entries.append(category_entry(name, colours.fill, colours.stroke))
    for kind in ("sync", "async", "replication"):
        if any(link.kind == kind for link in design.links):
            style = look.link(kind)
            entries.append(link_entry(kind, style.colour, style.dash))
    for severity in SEVERITY_ORDER:
        count = sum(1 for f in findings if f.severity == severity)
        if count:
            entries.append(severity_entry(severity, look.severity[severity], count))
    return entries


def _bounds(rects: list[Rect]) -> Rect:
    if not rects:
        return Rect(0, 0, 320, 80)
    return Rect(
        min(r.x0 for r in rects),
        min(r.y0 for r in rects),
        max(r.x1 for r in rects),
        max(r.y1 for r in rects),
    )


def _document(design: Design, look: Theme, drawing: Rect, canvas: _Canvas, legend: str) -> str:
    width = drawing.width + 2 * MARGIN
    height = drawing.height + 2 * MARGIN
    dx, dy = MARGIN - drawing.x0, MARGIN - drawing.y0
    empty = ""
    if not canvas.extent:
        empty = (
            f'<text x="{number(drawing.centre[0])}" y="{number(drawing.centre[1])}" '
            f'font-size="13" fill="{look.muted_text}" text-anchor="middle">(empty design)</text>'
        )
    return "".join(
        [
            '<?xml version="1.0" encoding="UTF-8"?>\n',
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{number(width)}" '
            f'height="{number(height)}" viewBox="0 0 {number(width)} {number(height)}" '
            f'font-family="{attr(FONT_STACK)}" data-theme="{look.name}">\n',
            f"<title>{attr(design.name)}</title>\n",
            f'<rect x="0" y="0" width="{number(width)}" height="{number(height)}" '
            f'fill="{look.background}"/>\n',
            f'<g transform="translate({number(dx)},{number(dy)})">\n',
            *(f"{piece}\n" for piece in canvas.zones),
            *(f"{piece}\n" for piece in canvas.lines),
            *(f"{piece}\n" for piece in canvas.components),
            *(f"{piece}\n" for piece in canvas.arrows),
            *(f"{piece}\n" for piece in canvas.labels),
            *(f"{piece}\n" for piece in canvas.markers),
            legend,
            empty,
            "</g>\n</svg>\n",
        ]
    )
