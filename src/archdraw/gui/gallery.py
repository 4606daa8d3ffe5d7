"""File > Open Sample: a gallery of the shipped sample designs with thumbnails and purposes."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from archdraw.gui.canvas.scene import DesignScene
from archdraw.gui.dialogs import ChildDialog
from archdraw.gui.layout_job import place_unpositioned
from archdraw.io import DesignError, load
from archdraw.io.samples import SampleInfo, list_samples
from archdraw.library import Library
from archdraw.model import Document
from archdraw.style import Theme

THUMB = QSize(240, 150)
PATH_ROLE = Qt.ItemDataRole.UserRole + 1


def thumbnail(path: Path, library: Library, theme: Theme) -> QPixmap:
    pixmap = QPixmap(THUMB)
    pixmap.fill(QColor(theme.background))
    try:
        design = load(path, library).design
    except (DesignError, OSError):
        return pixmap
    place_unpositioned(design, library)
    scene = DesignScene(Document(design), library, theme)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    source = scene.itemsBoundingRect().adjusted(-20, -20, 20, 20)
    scene.render(painter, QRectF(0, 0, THUMB.width(), THUMB.height()), source)
    painter.end()
    scene.detach()
    return pixmap


class SampleGallery(ChildDialog):
    def __init__(self, library: Library, theme: Theme, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle("Open Sample")
        self.resize(900, 620)
        self.samples: list[SampleInfo] = list_samples()
        self.list = QListWidget()
        self.list.setObjectName("sample-list")
        self.list.setViewMode(QListWidget.ViewMode.IconMode)
        self.list.setIconSize(THUMB)
        self.list.setGridSize(QSize(THUMB.width() + 30, THUMB.height() + 90))
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setWordWrap(True)
        self.library, self.theme = library, theme
        blank = QPixmap(THUMB)
        blank.fill(QColor(theme.background))
        for sample in self.samples:
            said = "naive" in sample.name.lower()  # "(naive first version)" says it already
            title = sample.name + ("  (naive)" if sample.naive and not said else "")
            item = QListWidgetItem(QIcon(blank), title)
            item.setToolTip(f"<b>{sample.name}</b><p>{sample.purpose}</p>")
            item.setData(PATH_ROLE, str(sample.path))
            self.list.addItem(item)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.list.itemDoubleClicked.connect(lambda _: self.accept())
        self.purpose = QLabel()
        self.purpose.setObjectName("sample-purpose")
        self.purpose.setWordWrap(True)
        self.purpose.setMinimumHeight(60)
        self.list.currentRowChanged.connect(self._show_purpose)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.purpose)
        layout.addWidget(buttons)
        if self.samples:
            self.list.setCurrentRow(0)
        self._next_thumbnail = 0
        QTimer.singleShot(0, self._draw_next_thumbnail)

    def _show_purpose(self, row: int) -> None:
        if 0 <= row < len(self.samples):
            sample = self.samples[row]
            self.purpose.setText(
                f"<b>{html.escape(sample.name)}</b><br>{html.escape(sample.purpose)}"
            )

    def _draw_next_thumbnail(self) -> None:
        """One thumbnail per event-loop turn, so the gallery opens at once."""
        index = self._next_thumbnail
        if index >= len(self.samples) or (not self.isVisible() and index > 0):
            return
        item = self.list.item(index)
        if item is not None:
            item.setIcon(QIcon(thumbnail(self.samples[index].path, self.library, self.theme)))
        self._next_thumbnail += 1
        QTimer.singleShot(0, self._draw_next_thumbnail)

    def chosen(self) -> Path | None:
        item = self.list.currentItem()
        return Path(str(item.data(PATH_ROLE))) if item else None
