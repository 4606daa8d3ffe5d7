"""One drawing description of a design, rendered by the canvas and by every image export. No Qt.

Boxes with their faces (title, type, icon, badge, by level of detail), zones,
orthogonally routed links with their arrowheads, link labels on a background,
and findings markers: the canvas draws these items and the SVG exporter
writes them, so the two agree by construction.
"""

from archdraw.drawing.description import Drawing
from archdraw.drawing.faces import (
    ComponentLook,
    Face,
    TextRun,
    face,
    face_at,
    instances_note,
    level_at,
)
from archdraw.drawing.markers import SEVERITY_ORDER, FindingLike, MarkerDrawing
from archdraw.drawing.parts import BoxDrawing, LabelDrawing, LinkDrawing, ZoneDrawing, look_of
from archdraw.drawing.paths import LinkPath

__all__ = [
    "SEVERITY_ORDER",
    "BoxDrawing",
    "ComponentLook",
    "Drawing",
    "Face",
    "FindingLike",
    "LabelDrawing",
    "LinkDrawing",
    "LinkPath",
    "MarkerDrawing",
    "TextRun",
    "ZoneDrawing",
    "face",
    "face_at",
    "instances_note",
    "level_at",
    "look_of",
]
