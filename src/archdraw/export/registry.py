"""Every export format by name, and `export_design`, the one entry point the CLI and editor call."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from types import ModuleType

from archdraw.drawing import FindingLike
from archdraw.library import Library
from archdraw.model import Design

IMAGE_FORMATS = ("svg", "png", "pdf")


class ExportError(Exception):
    """The export could not be made: unknown format, missing module or dependency, bad option."""


@dataclass(frozen=True)
class ExportFormat:
    name: str
    extension: str
    binary: bool
    module: str  # archdraw.export.<module>
    description: str
    function: str = "export"  # the module's function(design, library) -> str


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("svg", ".svg", False, "svg", "SVG image, as the canvas draws it"),
        ExportFormat("png", ".png", True, "raster", "PNG image (HiDPI 2x by default)"),
        ExportFormat("pdf", ".pdf", True, "raster", "PDF, one vector page"),
        ExportFormat("mermaid", ".mmd", False, "mermaid", "Mermaid flowchart"),
        ExportFormat(
            "mermaid-architecture",
            ".mmd",
            False,
            "mermaid",
            "Mermaid architecture-beta diagram",
            function="export_architecture",
        ),
        ExportFormat("d2", ".d2", False, "d2", "D2 diagram"),
        ExportFormat("plantuml", ".puml", False, "plantuml", "PlantUML diagram"),
        ExportFormat("dot", ".dot", False, "dot", "Graphviz DOT"),
        ExportFormat("drawio", ".drawio", False, "drawio", "draw.io / diagrams.net"),
        ExportFormat("structurizr", ".dsl", False, "structurizr", "Structurizr DSL"),
        ExportFormat("json", ".json", False, "json_format", "the design as JSON data"),
    )
}


def export_design(
    design: Design,
    library: Library,
    fmt: str,
    *,
    theme: str = "light",
    scale: float = 2.0,
    findings: Sequence[FindingLike] | None = None,
    legend: bool = False,
) -> bytes | str:
    """The design in format `fmt`: bytes for png and pdf, text for the others.

    Raises ExportError with a message for the user when it cannot.
    """
    spec = FORMATS.get(fmt)
    if spec is None:
        raise ExportError(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")
    if fmt in IMAGE_FORMATS:
        return _image(design, library, fmt, theme, scale, findings, legend)
    module = _module(spec)
    export = getattr(module, spec.function, None)
    if export is None:
        raise ExportError(
            f"format '{fmt}' is not available: {module.__name__} has no {spec.function}()"
        )
    result = export(design, library)
    if not isinstance(result, str):
        raise ExportError(f"format '{fmt}' produced {type(result).__name__}, not text")
    return result


def _module(spec: ExportFormat) -> ModuleType:
    name = f"archdraw.export.{spec.module}"
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name == name:
            raise ExportError(
                f"format '{spec.name}' is not available in this installation ({name} is missing)"
            ) from None
        raise


def _image(
    design: Design,
    library: Library,
    fmt: str,
    theme: str,
    scale: float,
    findings: Sequence[FindingLike] | None,
    legend: bool,
) -> bytes | str:
    from archdraw.export.svg import export_svg

    if theme not in ("light", "dark"):
        raise ExportError(f"unknown theme '{theme}' (choose from light, dark)")
    svg = export_svg(design, library, theme=theme, findings=findings, legend=legend)
    if fmt == "svg":
        return svg
    try:
        from archdraw.export import raster
    except ImportError:
        raise ExportError(
            f"{fmt.upper()} export needs Qt (PySide6): pip install 'archdraw[gui]', or export svg"
        ) from None
    try:
        if fmt == "png":
            return raster.svg_to_png(svg, scale)
        return raster.svg_to_pdf(svg, title=design.name)
    except raster.RasterError as error:
        raise ExportError(str(error)) from None
