"""SVG fragments for one component, zone or link, drawn from archdraw.style like the canvas.

Everything a user typed goes through `text()`/`attr()`: cleaned of control
characters and XML-escaped, so a label such as `<script>` stays text.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from xml.sax.saxutils import escape

from archdraw.export.svg_paths import portable_icon
from archdraw.export.text_metrics import fit, text_width, wrap
from archdraw.layout import Rect, clean_text
from archdraw.style import CORNER_RADIUS, ICON_SIZE, Theme

LABEL_SIZE = 13.0
TYPE_SIZE = 11.0
ZONE_TITLE_SIZE = 12.0
LINK_LABEL_SIZE = 11.0
LINK_WIDTH = 1.5
ARROW_LENGTH = 10.0
ARROW_HALF_WIDTH = 4.5
ZONE_DASH = {"region": "", "zone": "6 4", "network": "2 3", "group": "10 3 2 3"}

Point = tuple[float, float]


def text(value: str | None, max_chars: int = 2_000) -> str:
    """Element content: cleaned and escaped."""
    return escape(clean_text(value, max_chars))


def attr(value: str | None, max_chars: int = 2_000) -> str:
    """An attribute value (for double quotes): cleaned and escaped."""
    return escape(clean_text(value, max_chars), {'"': "&quot;", "\n": " "})


def number(value: float) -> str:
    return f"{round(value, 2):g}"


@dataclass(frozen=True)
class ComponentLook:
    title: str
    type_label: str
    category: str
    icon: str
    replicas: int


def component_svg(component_id: str, look: ComponentLook, box: Rect, theme: Theme) -> str:
    colours = theme.category(look.category)
    x, y, w, h = box.x0, box.y0, box.width, box.height
    icon_x, icon_y = x + 12, y + (h - ICON_SIZE) / 2
    text_x = icon_x + ICON_SIZE + 10
    room = x + w - 8 - text_x
    lines = wrap(clean_text(look.title, 400), room, LABEL_SIZE, 2, bold=True)
    type_line = fit(clean_text(look.type_label, 200), room, TYPE_SIZE)
    block = len(lines) * 16 + 14
    baseline = y + (h - block) / 2 + 12
    parts = [
        f'<g class="component" data-id="{attr(component_id)}">',
        f"<title>{text(look.title)} ({text(look.type_label)})</title>",
        f'<rect x="{number(x)}" y="{number(y)}" width="{number(w)}" height="{number(h)}" '
        f'rx="{number(CORNER_RADIUS)}" fill="{colours.fill}" stroke="{colours.stroke}" '
        f'stroke-width="1.5"/>',
        f'<g transform="translate({number(icon_x)},{number(icon_y)}) '
        f'scale({number(ICON_SIZE / 24)})">{portable_icon(look.icon, colours.accent)}</g>',
    ]
    for index, line in enumerate(lines):
        parts.append(
            f'<text x="{number(text_x)}" y="{number(baseline + index * 16)}" '
            f'font-size="{number(LABEL_SIZE)}" font-weight="bold" fill="{theme.text}">'
            f"{escape(line)}</text>"
        )
    parts.append(
        f'<text x="{number(text_x)}" y="{number(baseline + len(lines) * 16)}" '
        f'font-size="{number(TYPE_SIZE)}" fill="{theme.muted_text}">{escape(type_line)}</text>'
    )
    if look.replicas > 1:
        parts.append(_badge(f"×{look.replicas}", box, colours.accent, theme.background))
    parts.append("</g>")
    return "".join(parts)


def _badge(label: str, box: Rect, fill: str, ink: str) -> str:
    width = text_width(label, 10.5, bold=True) + 10
    x, y = box.x1 - width + 6, box.y0 - 8
    return (
        f'<rect x="{number(x)}" y="{number(y)}" width="{number(width)}" height="16" rx="8" '
        f'fill="{fill}"/>'
        f'<text x="{number(x + width / 2)}" y="{number(y + 12)}" font-size="10.5" '
        f'font-weight="bold" fill="{ink}" text-anchor="middle">{escape(label)}</text>'
    )


def zone_svg(zone_id: str, title: str, kind: str, rect: Rect, theme: Theme) -> str:
    dash = ZONE_DASH.get(kind, "")
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    fill = theme.zone_fill.get(kind, theme.background)
    room = max(20.0, rect.width - 24 - text_width(f"  {kind}", 10.5) - 24)
    heading = fit(clean_text(title, 400), room, ZONE_TITLE_SIZE, True)
    return (
        f'<g class="zone" data-id="{attr(zone_id)}"><title>{text(title)} ({escape(kind)})</title>'
        f'<rect x="{number(rect.x0)}" y="{number(rect.y0)}" width="{number(rect.width)}" '
        f'height="{number(rect.height)}" rx="12" fill="{fill}"'
        f' stroke="{theme.zone_stroke}" stroke-width="1.2"{dash_attr}/>'
        f'<text x="{number(rect.x0 + 12)}" y="{number(rect.y0 + 19)}" '
        f'font-size="{number(ZONE_TITLE_SIZE)}" font-weight="bold" fill="{theme.text}">'
        f"{escape(heading)}</text>"
        f'<text x="{number(rect.x1 - 12)}" y="{number(rect.y0 + 19)}" font-size="10.5" '
        f'fill="{theme.muted_text}" text-anchor="end">{escape(kind)}</text></g>'
    )


def border_point(box: Rect, inside: Point, toward: Point) -> Point:
    """Where the ray from `inside` toward `toward` leaves `box`."""
    (cx, cy), (tx, ty) = inside, toward
    dx, dy = tx - cx, ty - cy
    scales = []
    if dx:
        scales.append(max((box.x1 - cx) / dx, (box.x0 - cx) / dx))
    if dy:
        scales.append(max((box.y1 - cy) / dy, (box.y0 - cy) / dy))
    scale = min((s for s in scales if s > 0), default=0.0)
    return (cx + dx * scale, cy + dy * scale)


@dataclass(frozen=True)
class LinkPath:
    """A link's visible course: a polyline ending with the arrow's tip on the target's border."""

    points: tuple[Point, ...]

    @property
    def start(self) -> Point:
        return self.points[0]

    @property
    def end(self) -> Point:
        return self.points[-1]

    @property
    def length(self) -> float:
        return sum(math.dist(a, b) for a, b in zip(self.points, self.points[1:], strict=False))

    def at(self, fraction: float) -> Point:
        """The point `fraction` of the way along the path."""
        remaining = max(0.0, min(1.0, fraction)) * self.length
        for a, b in zip(self.points, self.points[1:], strict=False):
            step = math.dist(a, b)
            if step >= remaining and step > 0:
                t = remaining / step
                return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
            remaining -= step
        return self.end

    @property
    def direction(self) -> Point:
        """The unit direction the arrow points in (from one arrow length back to the tip)."""
        back = self.at(1 - ARROW_LENGTH / max(self.length, ARROW_LENGTH))
        dx, dy = self.end[0] - back[0], self.end[1] - back[1]
        length = math.hypot(dx, dy) or 1.0
        return (dx / length, dy / length)

    def until_arrow(self) -> list[Point]:
        """The points up to the arrowhead's base, where the line stops."""
        keep = self.length - ARROW_LENGTH
        result = [self.start]
        walked = 0.0
        for a, b in zip(self.points, self.points[1:], strict=False):
            step = math.dist(a, b)
            if walked + step >= keep:
                t = (keep - walked) / step if step else 0.0
                result.append((a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t))
                return result
            result.append(b)
            walked += step
        return result


def link_path(source: Rect, target: Rect, offset: float) -> LinkPath | None:
    """The straight segment between two boxes, shifted sideways by `offset` for parallel links."""
    (sx, sy), (tx, ty) = source.centre, target.centre
    dx, dy = tx - sx, ty - sy
    length = math.hypot(dx, dy)
    if length < 1 or source.intersects(target):
        return None
    nx, ny = -dy / length * offset, dx / length * offset
    start = border_point(source, (sx + nx, sy + ny), (tx + nx, ty + ny))
    end = border_point(target, (tx + nx, ty + ny), (sx + nx, sy + ny))
    path = LinkPath((start, end))
    return path if path.length > ARROW_LENGTH * 1.5 else None


def link_line_svg(path: LinkPath, colour: str, dash: tuple[float, ...], key: str) -> str:
    dash_attr = ""
    if dash:
        dash_attr = f' stroke-dasharray="{" ".join(number(d * LINK_WIDTH) for d in dash)}"'
    points = path.until_arrow()
    paint = f'stroke="{colour}" stroke-width="{number(LINK_WIDTH)}"{dash_attr}'
    if len(points) == 2:
        # A <line> where we can: Qt draws a long dashed polyline several times slower.
        (x1, y1), (x2, y2) = points
        return (
            f'<line class="link" data-key="{attr(key)}" x1="{number(x1)}" y1="{number(y1)}" '
            f'x2="{number(x2)}" y2="{number(y2)}" {paint}/>'
        )
    spelled = " ".join(f"{number(x)},{number(y)}" for x, y in points)
    return (
        f'<polyline class="link" data-key="{attr(key)}" points="{spelled}" fill="none" '
        f'{paint} stroke-linejoin="round"/>'
    )


def arrowhead_svg(path: LinkPath, colour: str) -> str:
    ux, uy = path.direction
    tip = path.end
    base = (tip[0] - ux * ARROW_LENGTH, tip[1] - uy * ARROW_LENGTH)
    left = (base[0] - uy * ARROW_HALF_WIDTH, base[1] + ux * ARROW_HALF_WIDTH)
    right = (base[0] + uy * ARROW_HALF_WIDTH, base[1] - ux * ARROW_HALF_WIDTH)
    points = " ".join(f"{number(x)},{number(y)}" for x, y in (tip, left, right))
    return f'<polygon points="{points}" fill="{colour}"/>'


def link_label_rect(centre: Point, label: str) -> Rect:
    width = text_width(label, LINK_LABEL_SIZE) + 10
    return Rect(centre[0] - width / 2, centre[1] - 9, centre[0] + width / 2, centre[1] + 9)


def link_label_svg(rect: Rect, label: str, colour: str, theme: Theme) -> str:
    return (
        f'<rect x="{number(rect.x0)}" y="{number(rect.y0)}" width="{number(rect.width)}" '
        f'height="{number(rect.height)}" rx="4" fill="{theme.background}" fill-opacity="0.9"/>'
        f'<text x="{number(rect.centre[0])}" y="{number(rect.y0 + 13)}" '
        f'font-size="{number(LINK_LABEL_SIZE)}" fill="{colour}" text-anchor="middle">'
        f"{escape(label)}</text>"
    )
