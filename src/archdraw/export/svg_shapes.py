"""SVG fragments for the pieces of a Drawing: component boxes, zones, links, link labels.

Everything a user typed goes through `text()`/`attr()`: cleaned of control
characters and XML-escaped, so a label such as `<script>` stays text.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from archdraw.drawing import (
    BoxDrawing,
    LabelDrawing,
    LinkPath,
    ZoneDrawing,
    face,
    instances_note,
)
from archdraw.drawing.faces import BADGE_DASH, BADGE_STROKE
from archdraw.drawing.parts import (
    LINK_LABEL_SIZE,
    LINK_WIDTH,
    ZONE_DASH,
    ZONE_KIND_SIZE,
    ZONE_STROKE,
    ZONE_TEXT_BASELINE,
    ZONE_TITLE_SIZE,
)
from archdraw.export.svg_paths import portable_icon
from archdraw.layout import clean_text
from archdraw.style import CORNER_RADIUS, Theme


def text(value: str | None, max_chars: int = 2_000) -> str:
    """Element content: cleaned and escaped."""
    return escape(clean_text(value, max_chars))


def attr(value: str | None, max_chars: int = 2_000) -> str:
    """An attribute value (for double quotes): cleaned and escaped."""
    return escape(clean_text(value, max_chars), {'"': "&quot;", "\n": " "})


def number(value: float) -> str:
    return f"{round(value, 2):g}"


def component_svg(box: BoxDrawing, theme: Theme) -> str:
    look = box.look
    colours = theme.category(look.category)
    x, y, w, h = box.rect.x0, box.rect.y0, box.rect.width, box.rect.height
    drawn = face(look, "full")
    note = instances_note(look)
    note = f": {note}" if note else ""
    parts = [
        f'<g class="component" data-id="{attr(box.id)}">',
        f"<title>{text(look.title)} ({text(look.type_label)}){text(note)}</title>",
        f'<rect x="{number(x)}" y="{number(y)}" width="{number(w)}" height="{number(h)}" '
        f'rx="{number(CORNER_RADIUS)}" fill="{colours.fill}" stroke="{colours.stroke}" '
        f'stroke-width="1.5"/>',
    ]
    if drawn.icon is not None:
        icon = drawn.icon
        parts.append(
            f'<g transform="translate({number(x + icon.x0)},{number(y + icon.y0)}) '
            f'scale({number(icon.width / 24)})">{portable_icon(look.icon, colours.accent)}</g>'
        )
    if drawn.badge is not None:
        pill = drawn.badge
        paint = f'fill="{colours.accent}"'
        if not drawn.badge_stated:
            dash = " ".join(number(d) for d in BADGE_DASH)
            paint = (
                f'fill="{theme.background}" stroke="{colours.accent}" '
                f'stroke-width="{number(BADGE_STROKE)}" stroke-dasharray="{dash}"'
            )
        parts.append(
            f'<rect x="{number(x + pill.x0)}" y="{number(y + pill.y0)}" '
            f'width="{number(pill.width)}" height="{number(pill.height)}" rx="8" {paint}/>'
        )
    badge_ink = theme.background if drawn.badge_stated else colours.accent
    ink = {"title": theme.text, "type": theme.muted_text, "badge": badge_ink}
    for run in drawn.texts:
        weight = ' font-weight="bold"' if run.bold else ""
        anchor = ' text-anchor="middle"' if run.centred else ""
        parts.append(
            f'<text x="{number(x + run.x)}" y="{number(y + run.y)}" '
            f'font-size="{number(run.size)}"{weight} fill="{ink[run.role]}"{anchor}>'
            f"{escape(run.text)}</text>"
        )
    parts.append("</g>")
    return "".join(parts)


def zone_svg(zone: ZoneDrawing, theme: Theme) -> str:
    dash = " ".join(number(d) for d in ZONE_DASH.get(zone.kind, ()))
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    fill = theme.zone_fill.get(zone.kind, theme.background)
    rect = zone.rect
    baseline = rect.y0 + ZONE_TEXT_BASELINE  # labels keep off the titles (`ZoneDrawing.titles`)
    kind = (
        ""
        if zone.kind_end is None  # no stretch of the top clear of links for it
        else f'<text x="{number(zone.kind_end)}" y="{number(baseline)}" '
        f'font-size="{number(ZONE_KIND_SIZE)}" fill="{theme.muted_text}" text-anchor="end">'
        f"{escape(zone.kind)}</text>"
    )
    return (
        f'<g class="zone" data-id="{attr(zone.id)}">'
        f"<title>{text(zone.title)} ({escape(zone.kind)})</title>"
        f'<rect x="{number(rect.x0)}" y="{number(rect.y0)}" width="{number(rect.width)}" '
        f'height="{number(rect.height)}" rx="12" fill="{fill}"'
        f' stroke="{theme.zone_stroke}" stroke-width="{number(ZONE_STROKE)}"{dash_attr}/>'
        f'<text x="{number(zone.heading_x)}" y="{number(baseline)}" '
        f'font-size="{number(ZONE_TITLE_SIZE)}" font-weight="bold" fill="{theme.text}">'
        f"{escape(zone.heading)}</text>{kind}</g>"
    )


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
    points = " ".join(f"{number(x)},{number(y)}" for x, y in path.arrowhead())
    return f'<polygon class="arrow" points="{points}" fill="{colour}"/>'


def link_label_svg(label: LabelDrawing, colour: str, theme: Theme) -> str:
    rect = label.rect
    x, y = label.baseline
    return (
        f'<rect class="link-label" x="{number(rect.x0)}" y="{number(rect.y0)}" '
        f'width="{number(rect.width)}" height="{number(rect.height)}" rx="4" '
        f'fill="{theme.background}" fill-opacity="0.9"/>'
        f'<text x="{number(x)}" y="{number(y)}" '
        f'font-size="{number(LINK_LABEL_SIZE)}" fill="{colour}" text-anchor="middle">'
        f"{escape(label.text)}</text>"
    )
