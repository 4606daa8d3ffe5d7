"""Let the window's Undo, Redo and Export keys through text fields that have no use for them.

A focused line edit (also inside a spin box or an editable combo box) claims
`Ctrl+Z`, `Ctrl+Shift+Z`/`Ctrl+Y` and, on X11, `Ctrl+E` (move to the end of the
line) before the menus see them. After a value is typed and committed the
field's own undo history is empty (the form sets the committed text anew), so
`Ctrl+Z` there did nothing at all while *Edit > Undo* had the change to take
back. The filter hands such keys to the window's shortcuts whenever the field
has nothing of its own to undo or redo, and always for `Ctrl+E` (the `End` key
does the same in the field).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QLineEdit

_WINDOW_KEYS = (QKeySequence("Ctrl+E"),)
EXACT = QKeySequence.SequenceMatch.ExactMatch
# The canvas's rename box keeps every key: an Undo there must not delete what it names.
_OWN_KEYS = "rename-editor"


class FieldKeys(QObject):
    """An application event filter; it lives (and filters) as long as its parent."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        field = _line_edit(watched)
        if field is None or field.objectName() == _OWN_KEYS:
            return False
        if event.matches(QKeySequence.StandardKey.Undo):
            return not field.isUndoAvailable()
        if event.matches(QKeySequence.StandardKey.Redo) or _is_ctrl_y(event):
            return not field.isRedoAvailable()
        pressed = QKeySequence(event.keyCombination())
        # True leaves the override unaccepted, so the window's shortcut runs.
        return any(pressed.matches(key) == EXACT for key in _WINDOW_KEYS)


def _is_ctrl_y(event: QKeyEvent) -> bool:
    # The window's second Redo key (see `actions.redo_keys`), unbound in fields on X11.
    return QKeySequence(event.keyCombination()).matches(QKeySequence("Ctrl+Y")) == EXACT


def _line_edit(widget: QObject) -> QLineEdit | None:
    if isinstance(widget, QLineEdit):
        return widget
    if isinstance(widget, QAbstractSpinBox | QComboBox):
        return widget.findChild(QLineEdit)
    return None


def install(owner: QObject) -> FieldKeys:
    """Filter the application's key overrides for as long as `owner` lives."""
    keys = FieldKeys(owner)
    app = QApplication.instance()
    if app is not None:
        app.installEventFilter(keys)
    return keys
