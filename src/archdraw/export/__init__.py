"""Exports: images (SVG, PNG, PDF) that look like the canvas, and text formats other tools read.

`export_design(design, library, fmt, ...)` is the entry point; `FORMATS` lists
every format. Text formats live one per module (`archdraw.export.<name>`, each
with `export(design, library) -> str`); only `archdraw.export.raster` uses Qt.
"""

from archdraw.export.registry import (
    FORMATS,
    IMAGE_FORMATS,
    ExportError,
    ExportFormat,
    export_design,
)

__all__ = ["FORMATS", "IMAGE_FORMATS", "ExportError", "ExportFormat", "export_design"]
