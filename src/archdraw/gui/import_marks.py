"""Imported guesses on the canvas: a dashed outline and a "?" badge until someone confirms.

The marks read the design's `import:` block (`unconfirmed_guesses`) after every change
and never touch the design; confirming is an undoable edit (`SetImportConfirmed`) run
from the Edit menu or the canvas's context menu, on the selected elements.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QAction, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QMenu, QStyleOptionGraphicsItem, QWidget

from archdraw.model import Change
from archdraw.model.import_edits import confirm
from archdraw.model.provenance import ImportedElement
from archdraw.style import CORNER_RADIUS, NODE_HEIGHT, NODE_WIDTH, SMALL_POINT_SIZE

if TYPE_CHECKING:
    from archdraw.gui.main_window import MainWindow

_BADGE = 8.0  # radius of the "?" badge
_OUTLINE = QRectF(-NODE_WIDTH / 2 - 4, -NODE_HEIGHT / 2 - 4, NODE_WIDTH + 8, NODE_HEIGHT + 8)
CONFIRM_ACTION = "confirm-import-guess"
_SELECTABLE = QGraphicsItem.GraphicsItemFlag.ItemIsSelectable


def _tip(element: ImportedElement) -> str:
    guessed = [name for name, how in element.properties.items() if how == "guessed"]
    what = f"its {', '.join(guessed)}" if element.confidence != "guessed" else "this"
    return (
        f"The importer guessed {what} ({element.rule}; from {element.source}).\n"
        "Check it, then Edit > Confirm Import Guess."
    )


class GuessMark(QGraphicsItem):
    """Drawn over a component (a dashed outline and a badge) or a link (a badge at its
    middle) whose import entry is an unconfirmed guess."""

    def __init__(self, parent: QGraphicsItem, colour: str, on_link: bool) -> None:
        super().__init__(parent)
        self.colour, self.on_link = colour, on_link
        self.centre = QPointF(_OUTLINE.left() + 2, _OUTLINE.bottom() - 2)
        self.setZValue(1)

    def place(self, centre: QPointF) -> None:
        self.prepareGeometryChange()
        self.centre = centre

    def boundingRect(self) -> QRectF:
        badge = QRectF(self.centre.x() - _BADGE - 2, self.centre.y() - _BADGE - 2, 20, 20)
        return badge if self.on_link else _OUTLINE.adjusted(-2, -2, 2, 2).united(badge)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        colour = QColor(self.colour)
        if not self.on_link:
            pen = QPen(colour, 1.5, Qt.PenStyle.DashLine)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(_OUTLINE, CORNER_RADIUS + 3, CORNER_RADIUS + 3)
        painter.setPen(QPen(QColor("#ffffff"), 1.5))
        painter.setBrush(colour)
        painter.drawEllipse(self.centre, _BADGE, _BADGE)
        font = QFont()
        font.setPointSizeF(SMALL_POINT_SIZE)
        font.setBold(True)
        painter.setFont(font)
        box = QRectF(self.centre.x() - _BADGE, self.centre.y() - _BADGE, 2 * _BADGE, 2 * _BADGE)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, "?")


class ImportMarks:
    """Keeps one `GuessMark` on each canvas item whose element is an unconfirmed guess."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.marks: dict[str, GuessMark] = {}
        self.guesses: dict[str, ImportedElement] = {}
        window.document.subscribe(self.refresh)
        # A design opened in the background gets its items after the reset: mark them then.
        window.scene.items_built.connect(self.refresh)

    def refresh(self, change: Change | None = None) -> None:
        scene = self.window.scene
        block = self.window.document.design.imported
        self.guesses = {e.subject: e for e in (block.unconfirmed_guesses() if block else [])}
        colour = self.window.theme.severity.get("warning", "#f79009")
        for subject, mark in list(self.marks.items()):
            parent = scene.components.get(subject) or scene.links.get(subject)
            if subject not in self.guesses or mark.parentItem() is not parent:
                if mark.scene() is not None:
                    mark.scene().removeItem(mark)
                del self.marks[subject]
        for subject, element in self.guesses.items():
            if subject not in self.marks:
                owner = scene.components.get(subject) or scene.links.get(subject)
                if owner is None:
                    continue
                self.marks[subject] = GuessMark(owner, colour, on_link=subject in scene.links)
            mark = self.marks[subject]
            mark.setToolTip(_tip(element))
            link = scene.links.get(subject)
            if link is not None:
                mark.place(link.course_middle() + QPointF(0, -14))

    def selected_guesses(self) -> list[str]:
        scene = self.window.scene
        chosen = [
            *scene.selected_component_ids(),
            *scene.selected_link_keys(),
            *scene.selected_zone_ids(),
        ]
        return [subject for subject in chosen if subject in self.guesses]

    def confirm_selected(self) -> bool:
        """Confirm every selected guess as one undo step; say so when none is selected."""
        subjects = self.selected_guesses()
        if not subjects:
            self.window.statusBar().showMessage(
                "Select an element marked '?' (an unconfirmed import guess) to confirm it", 6000
            )
            return False
        return self.window.editing.apply(confirm(subjects))

    def context_menu(self, at: QPoint) -> QMenu:
        """The canvas's right-click menu: confirming a guess, and the usual edits."""
        window = self.window
        under = window.view.itemAt(at)
        while under is not None and under.parentItem() is not None:
            under = under.parentItem()
        if under is not None and not under.isSelected() and under.flags() & _SELECTABLE:
            window.scene.clearSelection()
            under.setSelected(True)
        menu = QMenu(window.view)
        menu.setObjectName("canvas-menu")
        # Offered as the selection just set says (`import_dialog.install` follows it): greyed
        # on every design that was never imported, it only puzzled.
        if window.actions_by_name[CONFIRM_ACTION].isEnabled():
            menu.addAction(window.actions_by_name[CONFIRM_ACTION])
            menu.addSeparator()
        picked = bool(window.scene.selectedItems())
        # Cut, Copy and Duplicate carry components (and the links between them) only.
        carried = (
            ("cut", "copy", "paste", "duplicate")
            if window.scene.selected_component_ids()
            else ("paste",)
        )
        groups = (
            ("rename", *carried, "delete") if picked else ("paste",),
            ("group", "analyze-fail") if picked else ("select-all",),
        )
        for names in groups:
            for name in names:
                found: QAction | None = window.actions_by_name.get(name)
                if found is not None:
                    menu.addAction(found)
            menu.addSeparator()
        menu.popup(window.view.viewport().mapToGlobal(at))
        return menu
