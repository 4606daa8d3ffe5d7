"""Automatic layout: Graphviz `dot` with zones as clusters, a pure-Python fallback. No Qt."""

from archdraw.layout.api import DOT_MAX_COMPONENTS, LayoutResult, auto_layout
from archdraw.layout.geometry import (
    Rect,
    ZoneTree,
    layout_problems,
    node_rect,
    zone_rectangles,
)
from archdraw.layout.graphviz_engine import INSTALL_HINT, LayoutCancelled
from archdraw.layout.labels import clean_text, graphviz_safe, shorten

__all__ = [
    "DOT_MAX_COMPONENTS",
    "INSTALL_HINT",
    "LayoutCancelled",
    "LayoutResult",
    "Rect",
    "ZoneTree",
    "auto_layout",
    "clean_text",
    "graphviz_safe",
    "layout_problems",
    "node_rect",
    "shorten",
    "zone_rectangles",
]
