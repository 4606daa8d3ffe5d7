"""The Review view: the design review of the open design, and saving it as one HTML page.

The review is built by `archdraw.review` (no Qt here beyond showing it): the dialog
shows its Markdown and writes the self-contained HTML page on request.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
)

from archdraw.cost import PriceError, load_prices, user_prices_dir
from archdraw.gui.dialogs import ChildDialog
from archdraw.review import Review, build_review, render_html, render_markdown

if TYPE_CHECKING:
    from archdraw.gui.main_window import MainWindow


class ReviewDialog(ChildDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle("Design Review")
        self.resize(900, 760)
        self.design = window.document.design.model_copy(deep=True)
        self.library = window.library
        try:
            book = load_prices(user_dir=user_prices_dir())
        except PriceError as error:  # a broken user price file: say which, use shipped prices
            QMessageBox.warning(window, "Prices", str(error))
            book = load_prices()
        self.review: Review = build_review(self.design, self.library, book)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("review-text")
        self.browser.setOpenExternalLinks(False)
        self.browser.setMarkdown(render_markdown(self.review))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        save = QPushButton("Save as HTML…", self)
        save.setObjectName("save-review")
        save.clicked.connect(self.save_dialog)
        buttons.addButton(save, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)

    def save_dialog(self) -> None:
        target, _ = QFileDialog.getSaveFileName(
            self, "Save design review", f"{self.design.name}.html", "HTML page (*.html)"
        )
        if not target:
            return
        try:
            self.save_html(Path(target))
        except OSError as error:
            QMessageBox.warning(self, "Save design review", f"Cannot write {target}: {error}")
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(target))

    def save_html(self, path: Path) -> None:
        path.write_text(render_html(self.review, self.design, self.library), encoding="utf-8")
