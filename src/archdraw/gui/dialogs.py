"""Dialogs the editor shows: file problems (file:line:col), the rules reference; what keeps
every dialog over the window it belongs to.

Without a window manager (a bare X server, some kiosks and remote sessions) nothing keeps a
dialog over its window: it is stacked where it is mapped, and raising the window (a file
handed over by a second launch does) buries it; a modal one then leaves the window dead to
the mouse with no sign why. So each dialog is a child of its window, modal to it, raises
and activates itself once shown, and `bring_forward` raises a window's dialogs with it.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QChildEvent, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)


class ChildDialog(QDialog):
    """A dialog of `parent`'s window: centred over it, modal to it, on top once shown."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowModality(Qt.WindowModality.WindowModal)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Once mapped (the show is under way here): an unmapped window cannot take the focus.
        QTimer.singleShot(0, self, self.to_front)

    def to_front(self) -> None:
        if self.isVisible():
            self.raise_()
            self.activateWindow()


def bring_forward(window: QWidget) -> None:
    """Show, raise and activate `window`, then raise its dialogs over it and activate the
    one waiting for an answer (a modal dialog: it may belong to another window)."""
    if window.isMinimized():
        window.showNormal()
    else:
        window.show()
    window.raise_()
    window.activateWindow()
    for dialog in window.findChildren(QDialog):
        if dialog.isWindow() and dialog.isVisible():
            dialog.raise_()
    modal = QApplication.activeModalWidget()
    if modal is not None:
        modal.raise_()
        modal.activateWindow()


def keys_back_after_dialogs(window: QWidget) -> None:
    """When a dialog of `window` closes and leaves no window with the keys, `window` takes
    them back. A window manager does that; without one (the bare X server of the header)
    nothing did, so after *Export* or *Open* every key went nowhere (`Ctrl+S` saved nothing)
    until the window was clicked."""
    _KeysBack(window)


class _KeysBack(QObject):
    """Watches the dialogs of `window` (each a child of it once shown: file dialogs, message
    boxes, ChildDialog) for their closing; a child of `window`, so it goes with it."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ChildPolished and watched is self.window:
            assert isinstance(event, QChildEvent)
            child = event.child()
            if isinstance(child, QDialog) and child.isWindow():
                child.installEventFilter(self)
        elif kind == QEvent.Type.Hide and isinstance(watched, QDialog) and watched.isWindow():
            QTimer.singleShot(0, self, self.take_keys)
        return False

    def take_keys(self) -> None:
        # Another dialog still up (an overwrite question over Save As) keeps them.
        if QApplication.activeModalWidget() is not None or not self.window.isVisible():
            return
        if QGuiApplication.focusWindow() is None:
            self.window.activateWindow()


class ProblemDialog(ChildDialog):
    """Lists problems as `file:line:col: message`, selectable for copying."""

    def __init__(self, title: str, summary: str, problems: list[str], parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(720, 360)
        self.summary, self.problems = summary, problems
        text = QPlainTextEdit("\n".join(problems))
        text.setReadOnly(True)
        text.setObjectName("problem-list")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        label = QLabel(summary)
        label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(text, 1)
        layout.addWidget(buttons)


def rules_reference_html() -> str:
    from archdraw.lint import all_rules

    rows = []
    for rule in all_rules():
        rows.append(
            f"<h3>{rule.code} {html.escape(rule.name)} <small>({rule.severity.value})</small></h3>"
            f"<p><b>{html.escape(rule.title)}</b></p><p>{html.escape(rule.why)}</p>"
            f"<p><i>Fix:</i> {html.escape(rule.fix)}</p>"
        )
    return "<h2>Lint rules</h2>" + "".join(rows)


class RulesDialog(ChildDialog):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle("Rules reference")
        self.resize(720, 640)
        browser = QTextBrowser()
        browser.setHtml(rules_reference_html())
        # Modal to its window: without a window manager (no title bar to close it from) a
        # mouse user would be stuck behind it but for this button.
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.setObjectName("rules-buttons")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(browser)
        layout.addWidget(buttons)
