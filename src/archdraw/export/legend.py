"""The legend (categories, link kinds, instances badges, severities in use) and lint findings
markers."""

from __future__ import annotations

from archdraw.drawing.faces import BADGE_DASH, BADGE_SIZE, BADGE_STROKE
from archdraw.drawing.markers import MARKER_RADIUS, MarkerDrawing
from archdraw.drawing.text_metrics import text_width
from archdraw.export.svg_shapes import number, text
from archdraw.layout import Rect
from archdraw.style import Theme

ENTRY_HEIGHT = 22.0
LEGEND_TEXT_SIZE = 11.5


def marker_svg(marker: MarkerDrawing, theme: Theme) -> str:
    """A findings marker: a dot with the count, the messages as its tooltip."""
    x, y = marker.centre
    colour = theme.severity.get(marker.severity, theme.severity["info"])
    return (
        f'<g class="finding"><title>{text(marker.tooltip, 4_000)}</title>'
        f'<circle cx="{number(x)}" cy="{number(y)}" r="{number(MARKER_RADIUS)}" fill="{colour}" '
        f'stroke="{theme.background}" stroke-width="1.5"/>'
        f'<text x="{number(x)}" y="{number(y + 4)}" font-size="11" font-weight="bold" '
        f'fill="#ffffff" text-anchor="middle">{marker.text}</text></g>'
    )


class LegendEntry:
    def __init__(self, label: str, swatch: str, width: float = 16.0) -> None:
        self.label = label
        self.swatch = swatch  # SVG drawn in a box `width` wide at (0, 0)..(width, 16)
        self.swatch_width = width

    @property
    def width(self) -> float:
        return self.swatch_width + 6 + text_width(self.label, LEGEND_TEXT_SIZE) + 18


def category_entry(name: str, fill: str, stroke: str) -> LegendEntry:
    swatch = (
        f'<rect x="0" y="1" width="16" height="14" rx="3" fill="{fill}" stroke="{stroke}" '
        'stroke-width="1.5"/>'
    )
    return LegendEntry(name, swatch)


def link_entry(kind: str, colour: str, dash: tuple[float, ...]) -> LegendEntry:
    dash_attr = f' stroke-dasharray="{" ".join(number(d * 1.5) for d in dash)}"' if dash else ""
    swatch = (
        f'<line x1="0" y1="8" x2="22" y2="8" stroke="{colour}" stroke-width="1.5"{dash_attr}/>'
        f'<polygon points="30,8 21,3.5 21,12.5" fill="{colour}"/>'
    )
    return LegendEntry(f"{kind} link", swatch, 30.0)


BADGE_LABELS = {
    True: "instances, stated (replicas)",
    False: "instances, not stated (library default, or one per zone or shard)",
}


def badge_entry(stated: bool, accent: str, theme: Theme) -> LegendEntry:
    """A badge as boxes draw it (`svg_shapes.component_svg`): filled for a stated count,
    outlined and dashed for one the design does not state."""
    label = "×N"
    width = text_width(label, BADGE_SIZE, bold=True) + 10
    if stated:
        paint, ink = f'fill="{accent}"', theme.background
    else:
        dash = " ".join(number(d) for d in BADGE_DASH)
        paint = (
            f'fill="{theme.background}" stroke="{accent}" stroke-width="{number(BADGE_STROKE)}" '
            f'stroke-dasharray="{dash}"'
        )
        ink = accent
    swatch = (
        f'<rect class="badge-swatch" x="0" y="0" width="{number(width)}" height="16" rx="8" '
        f'{paint}/><text x="{number(width / 2)}" y="12" font-size="{number(BADGE_SIZE)}" '
        f'font-weight="bold" fill="{ink}" text-anchor="middle">{label}</text>'
    )
    return LegendEntry(BADGE_LABELS[stated], swatch, width)


def severity_entry(severity: str, colour: str, count: int) -> LegendEntry:
    swatch = f'<circle cx="8" cy="8" r="7" fill="{colour}"/>'
    plural = "s" if count != 1 and severity != "info" else ""
    return LegendEntry(f"{count} {severity}{plural}", swatch)


def legend_svg(
    entries: list[LegendEntry], left: float, top: float, width: float, theme: Theme
) -> tuple[str, Rect]:
    """The legend as a framed block of entries wrapped to `width`; and the space it takes."""
    padding = 12.0
    x, y = padding, padding + 20
    widest = 120.0
    rows: list[str] = []
    for entry in entries:
        if x > padding and x + entry.width > width - padding:
            x, y = padding, y + ENTRY_HEIGHT
        rows.append(
            f'<g transform="translate({number(left + x)},{number(top + y)})">{entry.swatch}'
            f'<text x="{number(entry.swatch_width + 6)}" y="12.5" '
            f'font-size="{number(LEGEND_TEXT_SIZE)}" fill="{theme.text}">'
            f"{text(entry.label)}</text></g>"
        )
        x += entry.width
        widest = max(widest, x - 18 + padding)
    frame = Rect(left, top, left + widest, top + y + ENTRY_HEIGHT + padding - 6)
    head = (
        f'<g class="legend"><rect x="{number(frame.x0)}" y="{number(frame.y0)}" '
        f'width="{number(frame.width)}" height="{number(frame.height)}" rx="8" '
        f'fill="{theme.background}" stroke="{theme.zone_stroke}" stroke-width="1"/>'
        f'<text x="{number(left + padding)}" y="{number(top + padding + 10)}" font-size="11" '
        f'font-weight="bold" fill="{theme.muted_text}">LEGEND</text>'
    )
    return head + "".join(rows) + "</g>", frame
