"""The system clipboard for designs: a selection as design YAML, so it moves between windows.

What is copied and how a paste gets fresh ids is `archdraw.model.selection`.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication

from archdraw.gui.editing import Editing
from archdraw.io import DesignError, dumps, loads
from archdraw.model import Design
from archdraw.model.edits import AddElements
from archdraw.model.selection import paste_elements, selection_design

YAML_MIME = "application/x-archdraw+yaml"  # read only: what archdraw 0.1 wrote
PASTE_OFFSET = 40.0


def copy_to_clipboard(design: Design, component_ids: list[str]) -> str:
    text = dumps(selection_design(design, component_ids))
    # setText lets Qt create the QMimeData in C++. A QMimeData made in Python and
    # handed to the clipboard is destroyed by QtGui's exit handlers after the
    # interpreter has gone, which crashed every process that had copied.
    QGuiApplication.clipboard().setText(text)
    return text


def clipboard_text() -> str:
    mime = QGuiApplication.clipboard().mimeData()
    if mime is None:
        return ""
    if mime.hasFormat(YAML_MIME):
        return bytes(mime.data(YAML_MIME).data()).decode("utf-8", errors="replace")
    return mime.text()


def paste_edit(
    editing: Editing, text: str, offset: float = PASTE_OFFSET
) -> tuple[AddElements, list[str]] | None:
    """The edit adding a pasted selection with fresh ids, and the new component ids."""
    if not text.strip():
        return None
    try:
        part = loads(text, "<clipboard>", editing.library).design
    except DesignError as error:
        first = str(error.problems[0]) if error.problems else "not a design"
        editing.failed.emit(f"The clipboard holds no archdraw design: {first}")
        return None
    return paste_elements(editing.document.design, part, offset)
