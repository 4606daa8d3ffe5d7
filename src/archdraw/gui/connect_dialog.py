"""Connect To (Ctrl+K with one component selected): choose the other end from a list.

Ctrl+K linked two selected components, but a keyboard user could select only one at a
time (Find selects every match; a new component from the palette is selected alone), so
two specific components could not be linked without a mouse. With one selected, Ctrl+K
asks for the other end by name: type to filter, the arrows to choose, Enter to link.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from archdraw.gui.dialogs import ChildDialog
from archdraw.library import Library
from archdraw.model import Design


class ConnectDialog(ChildDialog):
    """The components `source` may be linked with; `chosen` gives (source, target) ids."""

    chosen = Signal(str, str)

    def __init__(self, parent: QWidget, design: Design, library: Library, source: str) -> None:
        super().__init__(parent)
        self.setObjectName("connect-dialog")
        self.source = source
        component = design.component(source)
        self._title = component.title if component is not None else source
        self.setWindowTitle(f"Connect {self._title}")
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.filter = QLineEdit(placeholderText="Type part of a name, id or type")
        self.filter.setObjectName("connect-filter")
        self.list = QListWidget()
        self.list.setObjectName("connect-list")
        for component in design.components:
            if component.id == source:
                continue
            spec = library.get(component.type)
            kind = spec.label if spec is not None else component.type
            words = component.title if kind == component.title else f"{component.title}  ({kind})"
            item = QListWidgetItem(words)
            item.setData(Qt.ItemDataRole.UserRole, component.id)
            item.setToolTip(f"id: {component.id}")
            self.list.addItem(item)
        self.reverse = QCheckBox(f"&Reverse: from the chosen component to {self._title}")
        self.reverse.setObjectName("connect-reverse")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Connect")
        layout = QVBoxLayout(self)
        for widget in (self.heading, self.filter, self.list, self.reverse, self.buttons):
            layout.addWidget(widget)
        self.filter.textChanged.connect(self._show_matching)
        self.filter.installEventFilter(_ArrowsMoveInTheList(self))
        self.reverse.toggled.connect(self._say_direction)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.list.currentItemChanged.connect(lambda *_: self._enable())
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._say_direction()
        self._show_matching("")
        self.resize(420, 420)
        self.filter.setFocus()

    def _say_direction(self) -> None:
        reverse = self.reverse.isChecked()
        self.heading.setText(
            f"Link to <b>{_html(self._title)}</b> from:"
            if reverse
            else f"Link from <b>{_html(self._title)}</b> to:"
        )

    def _show_matching(self, text: str) -> None:
        needle = text.strip().lower()
        first: QListWidgetItem | None = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            words = f"{item.text()} {item.data(Qt.ItemDataRole.UserRole)}".lower()
            item.setHidden(needle not in words)
            if first is None and not item.isHidden():
                first = item
        current = self.list.currentItem()
        if current is None or current.isHidden():
            if first is None:
                self.list.setCurrentRow(-1)
            else:
                self.list.setCurrentItem(first)
        self._enable()

    def _enable(self) -> None:
        current = self.list.currentItem()
        ok = current is not None and not current.isHidden()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def accept(self) -> None:
        current = self.list.currentItem()
        if current is None or current.isHidden():
            return
        other = str(current.data(Qt.ItemDataRole.UserRole))
        super().accept()
        if self.reverse.isChecked():
            self.chosen.emit(other, self.source)
        else:
            self.chosen.emit(self.source, other)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _ArrowsMoveInTheList(QObject):
    """Up, Down, Page Up and Page Down in the filter move the list's choice, so the hands
    stay on typing."""

    def __init__(self, dialog: ConnectDialog) -> None:
        super().__init__(dialog)
        self.list = dialog.list

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        keys = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)
        if isinstance(event, QKeyEvent) and event.key() in keys:
            if event.type() == QEvent.Type.KeyPress:
                self.list.keyPressEvent(event)
            return True
        return False
