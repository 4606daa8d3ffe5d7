"""Icon SVG text by name, from the Lucide icon set (ISC licence, via python-lucide).

One SVG source serves the palette, the canvas and the exports, so they match.
"""

from __future__ import annotations

import functools
import re
import warnings

FALLBACK_ICON = "box"


@functools.cache
def _raw_icon(name: str) -> str | None:
    import lucide

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        try:
            svg = lucide.lucide_icon(name)
        except Exception:  # python-lucide raises its own lookup errors
            return None
    return str(svg) if svg else None


def icon_svg(name: str, colour: str = "#1d2939", size: float = 24.0) -> str:
    """The icon as a standalone SVG document, stroked in `colour`, `size` pixels square."""
    svg = _raw_icon(name) or _raw_icon(FALLBACK_ICON) or ""
    svg = svg.replace("currentColor", colour)
    svg = re.sub(r'width="[^"]*"', f'width="{size:g}"', svg, count=1)
    return re.sub(r'height="[^"]*"', f'height="{size:g}"', svg, count=1)


def icon_body(name: str, colour: str) -> str:
    """The icon's shapes without the outer <svg> element, for inlining in a 24x24 group."""
    svg = icon_svg(name, colour)
    inner = re.search(r"<svg[^>]*>(.*)</svg>", svg, flags=re.DOTALL)
    body = inner.group(1).strip() if inner else ""
    attributes = (
        f'fill="none" stroke="{colour}" stroke-width="2" '
        'stroke-linecap="round" stroke-linejoin="round"'
    )
    return f"<g {attributes}>{body}</g>"


def has_icon(name: str) -> bool:
    return _raw_icon(name) is not None
