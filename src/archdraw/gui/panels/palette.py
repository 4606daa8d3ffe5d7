"""The palette: every component type by category, with icons, a filter, drag and double-click."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QByteArray, QMimeData, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QLineEdit,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from archdraw.gui.canvas.view import TYPE_MIME
from archdraw.gui.icons import qicon
from archdraw.library import Library
from archdraw.library.types import CATEGORIES
from archdraw.style import Theme

MARGIN = 4  # around the filter box and the tree

TYPE_ROLE = Qt.ItemDataRole.UserRole + 1


class _TypeTree(QTreeWidget):
    """Drags carry the type id; the canvas accepts TYPE_MIME drops. Enter on a type adds
    it, as a double-click does (on a category it opens or closes it, as Qt does)."""

    enter_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        item = self.currentItem()
        on_type = item is not None and bool(item.data(0, TYPE_ROLE))
        if on_type and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enter_pressed.emit()
            return
        super().keyPressEvent(event)

    def mimeTypes(self) -> list[str]:
        return [TYPE_MIME]

    def mimeData(self, items: Sequence[QTreeWidgetItem]) -> QMimeData:
        mime = QMimeData()
        type_ids = [str(i.data(0, TYPE_ROLE)) for i in items if i.data(0, TYPE_ROLE)]
        if type_ids:
            mime.setData(TYPE_MIME, QByteArray(type_ids[0].encode()))
        return mime


class _FilterBox(QLineEdit):
    """Down goes on to the types the filter shows (Enter adds the one it names best)."""

    down_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.down_pressed.emit()
            return
        super().keyPressEvent(event)


class Palette(QWidget):
    """The types to add. From the keyboard: type in the filter, Enter adds the type it
    names best, Down goes on to the list, where Enter adds the current one."""

    add_requested = Signal(str)

    def __init__(self, library: Library, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.filter = _FilterBox(placeholderText="Filter types…")
        self.filter.setClearButtonEnabled(True)
        self.tree = _TypeTree()
        self.tree.setObjectName("palette-tree")
        self.tree.setHeaderHidden(True)
        self.tree.setDragEnabled(True)
        self.tree.setIndentation(12)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree)
        self.filter.textChanged.connect(self.apply_filter)
        self.tree.itemDoubleClicked.connect(self._double_clicked)
        self.tree.enter_pressed.connect(lambda: self._double_clicked(self.tree.currentItem()))
        self.filter.returnPressed.connect(self._add_first_shown)
        self.filter.down_pressed.connect(self._go_to_list)
        self.populate(theme)

    def populate(self, theme: Theme) -> None:
        self.tree.clear()
        groups = self.library.by_category()
        order = [c for c in CATEGORIES if c in groups] + sorted(set(groups) - set(CATEGORIES))
        for category in order:
            header = QTreeWidgetItem(["AI" if category == "ai" else category.capitalize()])
            header.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(header)
            accent = theme.category(category).accent
            for kind in sorted(groups[category], key=lambda k: k.label.lower()):
                item = QTreeWidgetItem([kind.label])
                item.setIcon(0, qicon(kind.icon, accent))
                item.setData(0, TYPE_ROLE, kind.id)
                item.setToolTip(
                    0,
                    f"<b>{kind.label}</b> <code>{kind.id}</code>"
                    f"<p>{kind.summary}</p><p>{kind.explanation}</p>",
                )
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                    | Qt.ItemFlag.ItemIsDragEnabled
                )
                header.addChild(item)
            header.setExpanded(True)
        self.apply_filter(self.filter.text())

    def _groups(self) -> list[tuple[QTreeWidgetItem, list[QTreeWidgetItem]]]:
        groups = []
        for index in range(self.tree.topLevelItemCount()):
            header = self.tree.topLevelItem(index)
            if header is not None:
                children = [header.child(i) for i in range(header.childCount())]
                groups.append((header, [c for c in children if c is not None]))
        return groups

    def apply_filter(self, text: str) -> None:
        needle = text.strip().lower()
        for header, children in self._groups():
            visible = 0
            for child in children:
                type_id = str(child.data(0, TYPE_ROLE))
                kind = self.library.get(type_id)
                haystack = f"{type_id} {child.text(0)} {kind.summary if kind else ''}".lower()
                hidden = bool(needle) and needle not in haystack
                child.setHidden(hidden)
                visible += not hidden
            header.setHidden(visible == 0)

    def readable_width(self) -> int:
        """The dock width that shows every type's name whole ("Relational database")."""
        tree = self.tree
        scrollbar = tree.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        frame = 2 * (tree.frameWidth() + MARGIN)
        return tree.sizeHintForColumn(0) + scrollbar + frame + 4

    def type_item(self, type_id: str) -> QTreeWidgetItem | None:
        for _header, children in self._groups():
            for child in children:
                if child.data(0, TYPE_ROLE) == type_id:
                    return child
        return None

    def shown_types(self) -> list[QTreeWidgetItem]:
        """The type rows the filter leaves, top to bottom."""
        return [
            child
            for header, children in self._groups()
            if not header.isHidden()
            for child in children
            if not child.isHidden()
        ]

    def best_shown(self) -> QTreeWidgetItem | None:
        """The shown type the filter names best: its name is the text, starts with it, has
        a word starting with it, holds it; then the list's order. First in the list,
        "cache" added a Device cache and "queue" a Worker (its summary names queues)."""
        needle = self.filter.text().strip().lower()

        def rank(item: QTreeWidgetItem) -> int:
            name = item.text(0).lower()
            if name == needle:
                return 0
            if name.startswith(needle):
                return 1
            return 2 if any(w.startswith(needle) for w in name.split()) else 3

        shown = self.shown_types()
        return min(shown, key=rank) if shown else None  # min keeps the first of equals

    def _add_first_shown(self) -> None:
        best = self.best_shown()
        if best is not None:
            self.tree.setCurrentItem(best)
            self._double_clicked(best)

    def _go_to_list(self) -> None:
        best = self.best_shown()
        if best is not None:
            self.tree.setCurrentItem(best)
            self.tree.setFocus(Qt.FocusReason.TabFocusReason)

    def _double_clicked(self, item: QTreeWidgetItem | None) -> None:
        type_id = item.data(0, TYPE_ROLE) if item is not None else None
        if type_id:
            self.add_requested.emit(str(type_id))
