"""File > Export: the design in the format the typed extension names, beside its file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from archdraw.export import FORMATS, ExportError, export_design
from archdraw.gui.file_names import slug
from archdraw.gui.pending import enter_pending
from archdraw.gui.status_path import show_path_message

if TYPE_CHECKING:
    from archdraw.gui.files import FileController


def export_dialog(files: FileController) -> None:
    enter_pending(files.window)  # the export shows what the window shows
    filters = {f"{spec.description} (*{spec.extension})": n for n, spec in FORMATS.items()}
    # Beside the design and named after its file, as Save As starts there too.
    path, folder = files.document.path, Path(files.last_folder() or Path.home())
    stem = (path.name.split(".")[0] if path else "") or slug(files.document.design.name)
    name, chosen = QFileDialog.getSaveFileName(
        files.window, "Export design", str(folder / stem), ";;".join(filters)
    )
    if name:
        export_to(files, Path(name), filters.get(chosen))


def export_to(files: FileController, target: Path, chosen: str | None = None) -> bool:
    """Export to `target` in the format its extension names.

    `chosen` (the dialog's filter) decides only when the name has no extension,
    or between formats sharing one (.mmd); an unknown extension is refused.
    """
    fmt = export_format(target, chosen)
    if fmt is None:
        known = ", ".join(sorted({spec.extension for spec in FORMATS.values()}))
        files.show_problems(
            "Export",
            f"{target.name}: the extension names no export format; nothing was written.",
            [f"{target}: unknown extension '{target.suffix}'; use one of {known}"],
        )
        return False
    if not target.suffix:
        target = target.with_suffix(FORMATS[fmt].extension)
    try:
        data = export_design(
            files.document.design,
            files.window.library,
            fmt,
            theme=files.window.theme.name,
            findings=files.window.lint.findings,
        )
        if isinstance(data, bytes):
            target.write_bytes(data)
        else:
            target.write_text(data, encoding="utf-8")
    except (ExportError, OSError) as error:
        files.show_problems("Export failed", f"Exporting as {fmt} failed.", [str(error)])
        return False
    show_path_message(files.window, "Exported", target, 4000)
    return True


def export_format(target: Path, chosen: str | None) -> str | None:
    """The format to write `target` in: its extension decides; None when it names none."""
    suffix = target.suffix.lower()
    if not suffix:
        return chosen
    matching = [name for name, spec in FORMATS.items() if spec.extension == suffix]
    if chosen in matching:
        return chosen
    # Two formats share .mmd: the first listed (the flowchart) is the default.
    return matching[0] if matching else None
