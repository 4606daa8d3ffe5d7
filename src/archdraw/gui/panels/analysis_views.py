"""The Analysis tab's views: sortable tables whose rows select components, and a load chart.

Rows come from `analysis_rows` as cells of (text shown, value sorted by), so a
column of percentages sorts as numbers and "-" (unknown) sorts last.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from archdraw.gui.panels.analysis_rows import Bar, Row
from archdraw.style import Theme
from archdraw.style.theme import utilization_colour

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2


class _Item(QTableWidgetItem):
    def __lt__(self, other: QTableWidgetItem) -> bool:
        mine, theirs = self.data(SORT_ROLE), other.data(SORT_ROLE)
        if isinstance(mine, int | float) and isinstance(theirs, int | float):
            return bool(mine < theirs)
        return str(mine) < str(theirs)


class ResultTable(QTableWidget):
    """One answer as a table: click a header to sort; selecting a row emits its element id."""

    element_chosen = Signal(str)

    def __init__(self, name: str, headers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(0, len(headers), parent)
        self.setObjectName(name)
        self.setHorizontalHeaderLabels(list(headers))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The first column (names) is sized by `_fit_columns`; the last holds sentences: it
        # takes the width left and wraps.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
        self.setWordWrap(True)
        # Rows come in the analysis's order (worst first) until a header is clicked.
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)
        self._sentences = False  # whether the last column holds words (see `_fit_columns`)
        self.itemSelectionChanged.connect(self._selected)
        # Wrapped rows are as tall as their text at the width they have: when the width
        # changes (the dock widens after the rows came, the user drags it), measure again.
        self._refit = QTimer(self, singleShot=True, interval=0)
        self._refit.timeout.connect(self.resizeRowsToContents)
        header.sectionResized.connect(lambda *_: self._refit.start())

    def show_rows(self, rows: Sequence[Row]) -> None:
        self.setSortingEnabled(False)  # filling a sorted table moves rows under our feet
        self.blockSignals(True)
        self.clearContents()
        self.setRowCount(len(rows))
        # A column of figures (numbers, with "-" or "never" among them) lines up on the right;
        # a column of names or sentences reads from the left, even one sorted by a count.
        figures = {
            column
            for column in range(self.columnCount())
            if all(isinstance(row.cells[column][1], int | float) for row in rows)
            and any(row.cells[column][0][:1].isdigit() for row in rows)
        }
        self._sentences = bool(rows) and self.columnCount() - 1 not in figures
        for number, row in enumerate(rows):
            tip = _wrapped(row.tip)
            for column, (text, key) in enumerate(row.cells):
                item = _Item(text)
                item.setData(SORT_ROLE, key)
                item.setData(ID_ROLE, row.element)
                if tip:
                    item.setToolTip(tip)
                if column in figures:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.setItem(number, column, item)
        self.blockSignals(False)
        self.setSortingEnabled(True)
        self._fit_columns()
        self.resizeRowsToContents()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit_columns()

    def _fit_columns(self) -> None:
        """The names column as wide as its names, unless that squeezes a last column of words
        ("Taken down") under the width it needs or half of what the figures leave.
        A long name then wraps in its column instead of the sentence wrapping a word a line."""
        header, last = self.horizontalHeader(), self.columnCount() - 1
        if last < 1:
            return
        for column in range(1, last):
            self.resizeColumnToContents(column)
        figures = sum(header.sectionSize(c) for c in range(1, last))
        spare = self.viewport().width() - figures

        def wanted(column: int) -> int:
            return max(self.sizeHintForColumn(column), header.sectionSizeHint(column))

        width = wanted(0)
        if self._sentences:
            sentence = min(wanted(last), spare // 2)
            width = max(header.sectionSizeHint(0), min(width, spare - sentence))
        if header.sectionSize(0) != width:
            header.resizeSection(0, width)

    def texts(self) -> list[list[str]]:
        """What the table shows, row by row, in its current order."""
        rows = []
        for r in range(self.rowCount()):
            items = [self.item(r, c) for c in range(self.columnCount())]
            rows.append([item.text() if item is not None else "" for item in items])
        return rows

    def _selected(self) -> None:
        items = self.selectedItems()
        element = items[0].data(ID_ROLE) if items else None
        if element:
            self.element_chosen.emit(str(element))


def _wrapped(tip: str) -> str:
    """A tooltip as rich text, which Qt wraps (plain text shows as one line as wide as a
    sentence: a list of twenty names, an assumption with its range); lines kept."""
    if not tip:
        return ""
    return "<p>" + "<br>".join(html.escape(line) for line in tip.splitlines()) + "</p>"


class LoadChart(QWidget):
    """Horizontal bars: each component's utilisation at the chosen growth, fullest first.

    The bar is coloured as the canvas overlay colours the box; a line marks 100 %.
    """

    ROW = 20
    SCALE_TOP = 1.5  # bars beyond 150 % are cut, with their figure still written

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("analysis-load-chart")
        self.theme = theme
        self.bars: list[Bar] = []

    def show_bars(self, bars: Sequence[Bar], theme: Theme) -> None:
        self.bars, self.theme = list(bars), theme
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(320, max(1, len(self.bars)) * self.ROW + 24)

    def minimumSizeHint(self) -> QSize:
        return QSize(200, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = QColor(self.palette().windowText().color())
        metrics = QFontMetrics(painter.font())
        if not self.bars:
            painter.setPen(text)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No traffic to chart")
            return
        name_width = min(140, max(metrics.horizontalAdvance(b.title) for b in self.bars) + 8)
        figure_width = metrics.horizontalAdvance("bottleneck 999 %") + 8
        left, right = name_width, self.width() - figure_width
        span = max(20.0, right - left)
        for number, bar in enumerate(self.bars):
            top = 4 + number * self.ROW
            painter.setPen(text)
            title = metrics.elidedText(bar.title, Qt.TextElideMode.ElideRight, name_width - 6)
            painter.drawText(
                QRectF(0, top, name_width - 6, self.ROW),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                title,
            )
            colour = QColor(utilization_colour(self.theme, bar.utilization))
            share = 1.0 if bar.utilization is None else min(bar.utilization, self.SCALE_TOP)
            width = span * share / self.SCALE_TOP
            painter.setPen(Qt.PenStyle.NoPen)
            if bar.utilization is None:
                colour.setAlpha(90)  # capacity unknown: a faint full-length bar
            painter.setBrush(colour)
            painter.drawRoundedRect(QRectF(left, top + 3, max(2.0, width), self.ROW - 6), 3, 3)
            painter.setPen(text)
            painter.drawText(
                QRectF(right + 4, top, figure_width, self.ROW),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                bar.figure,
            )
        full = left + span / self.SCALE_TOP
        pen = QPen(text)
        pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        bottom = 4 + len(self.bars) * self.ROW
        painter.drawLine(int(full), 2, int(full), bottom)
        painter.drawText(QRectF(full - 30, bottom, 60, 16), Qt.AlignmentFlag.AlignCenter, "100 %")
