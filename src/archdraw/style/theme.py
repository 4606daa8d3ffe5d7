"""Colours, sizes and line styles shared by the canvas and every image export.

No Qt here: colours are "#rrggbb" strings, dashes are lists of lengths, so the
SVG exporter and the Qt canvas read the same numbers and look the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ThemeName = Literal["light", "dark"]

NODE_WIDTH = 148.0
NODE_HEIGHT = 64.0
ICON_SIZE = 28.0
CORNER_RADIUS = 10.0
ZONE_PADDING = 24.0
ZONE_TITLE_HEIGHT = 26.0
GRID_SIZE = 20.0
LABEL_FONT = "DejaVu Sans"
LABEL_POINT_SIZE = 10.0
SMALL_POINT_SIZE = 8.0


@dataclass(frozen=True)
class CategoryColours:
    fill: str
    stroke: str
    accent: str


@dataclass(frozen=True)
class LinkStyle:
    dash: tuple[float, ...]
    width: float
    colour: str


@dataclass(frozen=True)
class Theme:
    name: ThemeName
    background: str
    grid: str
    text: str
    muted_text: str
    zone_fill: dict[str, str]
    zone_stroke: str
    selection: str
    categories: dict[str, CategoryColours]
    links: dict[str, LinkStyle]
    severity: dict[str, str]
    utilization: dict[str, str]
    down_opacity: float = 0.3

    def category(self, name: str) -> CategoryColours:
        return self.categories.get(name, self.categories["compute"])

    def link(self, kind: str) -> LinkStyle:
        return self.links.get(kind, self.links["sync"])


_SEVERITY = {"error": "#d92d20", "warning": "#f79009", "info": "#2e90fa"}
_UTILIZATION = {"ok": "#12b76a", "warm": "#f79009", "hot": "#d92d20", "unknown": "#98a2b3"}

LIGHT = Theme(
    name="light",
    background="#ffffff",
    grid="#eef1f5",
    text="#1d2939",
    muted_text="#667085",
    zone_fill={
        "region": "#f5f8ff",
        "zone": "#f9fafb",
        "network": "#f6fef9",
        "group": "#fcfaff",
    },
    zone_stroke="#98a2b3",
    selection="#2e90fa",
    categories={
        "client": CategoryColours("#f2f4f7", "#667085", "#475467"),
        "network": CategoryColours("#eff8ff", "#2e90fa", "#175cd3"),
        "compute": CategoryColours("#ecfdf3", "#32d583", "#039855"),
        "storage": CategoryColours("#fffaeb", "#fdb022", "#b54708"),
        "messaging": CategoryColours("#fdf2fa", "#ee46bc", "#c11574"),
        "ai": CategoryColours("#f4f3ff", "#9b8afb", "#6938ef"),
        "operations": CategoryColours("#f0f9ff", "#36bffa", "#026aa2"),
        "external": CategoryColours("#fef3f2", "#f97066", "#b42318"),
    },
    links={
        "sync": LinkStyle((), 1.0, "#475467"),
        "async": LinkStyle((6.0, 4.0), 1.0, "#c11574"),
        "replication": LinkStyle((1.5, 3.0), 1.0, "#b54708"),
    },
    severity=_SEVERITY,
    utilization=_UTILIZATION,
)

DARK = Theme(
    name="dark",
    background="#161b26",
    grid="#1f2633",
    text="#f5f5f6",
    muted_text="#94969c",
    zone_fill={
        "region": "#1a2133",
        "zone": "#1c222d",
        "network": "#17261f",
        "group": "#221c30",
    },
    zone_stroke="#61646c",
    selection="#53b1fd",
    categories={
        "client": CategoryColours("#222630", "#85888e", "#cecfd2"),
        "network": CategoryColours("#102a4c", "#2e90fa", "#84caff"),
        "compute": CategoryColours("#053321", "#17b26a", "#75e0a7"),
        "storage": CategoryColours("#3d2a0a", "#f79009", "#fec84b"),
        "messaging": CategoryColours("#3d0d2a", "#dd2590", "#faa7e0"),
        "ai": CategoryColours("#27115f", "#7a5af8", "#bdb4fe"),
        "operations": CategoryColours("#0b2a3d", "#0ba5ec", "#7cd4fd"),
        "external": CategoryColours("#3d1510", "#f04438", "#fda29b"),
    },
    links={
        "sync": LinkStyle((), 1.0, "#cecfd2"),
        "async": LinkStyle((6.0, 4.0), 1.0, "#faa7e0"),
        "replication": LinkStyle((1.5, 3.0), 1.0, "#fec84b"),
    },
    severity=_SEVERITY,
    utilization=_UTILIZATION,
)

THEMES: dict[str, Theme] = {"light": LIGHT, "dark": DARK}


def theme(name: str) -> Theme:
    return THEMES.get(name, LIGHT)


def utilization_colour(theme_: Theme, utilization: float | None) -> str:
    """Green below 70 %, amber to 100 %, red above; grey when unknown."""
    if utilization is None:
        return theme_.utilization["unknown"]
    if utilization > 1.0:
        return theme_.utilization["hot"]
    if utilization > 0.7:
        return theme_.utilization["warm"]
    return theme_.utilization["ok"]
