"""Automatic layout: Graphviz `dot` with zones as clusters, a pure-Python fallback. No Qt.

`auto_layout`, `LayoutResult` and `DOT_MAX_COMPONENTS` are loaded on first use:
the fallback engine needs networkx, and commands that only draw geometry or
text (validate, text exports) should not pay for importing it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from archdraw.layout.geometry import (
    Rect,
    ZoneTree,
    layout_problems,
    node_rect,
    zone_rectangles,
)
from archdraw.layout.graphviz_engine import INSTALL_HINT, LayoutCancelled
from archdraw.layout.labels import clean_text, graphviz_safe, shorten

if TYPE_CHECKING:
    from archdraw.layout.api import DOT_MAX_COMPONENTS, LayoutResult, auto_layout

_LAZY = {
    name: "archdraw.layout.api" for name in ("DOT_MAX_COMPONENTS", "LayoutResult", "auto_layout")
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


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
