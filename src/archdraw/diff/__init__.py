"""Design changes reviewed like code (no Qt): what changed between two versions of a
design, what that does to the derived figures, and which findings it introduced.

- `compare_designs(old, new)`: components, links and zones added, removed and
  changed field by field, matched by id; layout-only moves apart.
- `compare(path, old, new, library)`: a `FileDiff` with those changes, the
  derived figures before and after and the findings matched by rule and element.
- `render_text`, `render_markdown`, `render_json`: the three output formats.
- `canonical_text(design)`: the sorted text form behind `archdraw textconv`.
"""

from __future__ import annotations

from archdraw.diff.canonical import canonical_text
from archdraw.diff.derived import MEASURES, Figure, Measure
from archdraw.diff.elements import DesignChanges, ElementChange, FieldChange, compare_designs
from archdraw.diff.json_format import render_json
from archdraw.diff.markdown import render_markdown
from archdraw.diff.report import FileDiff, Side, compare
from archdraw.diff.text import render_text

__all__ = [
    "MEASURES",
    "DesignChanges",
    "ElementChange",
    "FieldChange",
    "Figure",
    "FileDiff",
    "Measure",
    "Side",
    "canonical_text",
    "compare",
    "compare_designs",
    "render_json",
    "render_markdown",
    "render_text",
]
