"""Work typed but not yet entered counts as entered before the design is written or dropped.

The Properties form applies a field when it is entered (Enter, or leaving the field) and
the Design document panel when Apply is pressed. A menu or a shortcut takes no focus from
the field, so without this File > Save wrote the design without the label still being
typed and said "Saved", and closing dropped it without asking.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QWidget

if TYPE_CHECKING:
    from archdraw.gui.main_window import MainWindow


def enter_pending(window: MainWindow) -> None:
    """Apply what the Properties field with the cursor and the Design document panel show
    and the design does not have yet, each as the edit entering it makes (one undo step)."""
    focused = QApplication.focusWidget()
    if focused is not None and window.properties.isAncestorOf(focused):
        _enter(focused)
    if window.doc_panel.apply_button.isEnabled():
        window.doc_panel.apply()


def _enter(field: QWidget) -> None:
    box = field if isinstance(field, QAbstractSpinBox) else field.parentWidget()
    if isinstance(box, QAbstractSpinBox):
        box.interpretText()  # a number box edits on its value, sent once the text is read
    elif isinstance(field, QLineEdit):
        field.editingFinished.emit()  # the field applies itself only if its text changed
