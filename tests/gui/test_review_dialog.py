"""The Review view, opened from the View menu with the event loop running."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QPushButton, QTextBrowser

from archdraw.gui.review_dialog import ReviewDialog

from .conftest import load_into

SHOP = """
archdraw: 1
name: shop
components:
  - {id: web, type: client, position: [0, 0], props: {rps: 100}}
  - {id: api, type: service, position: [300, 0], props: {replicas: 2, capacity_rps: 400}}
links:
  - {from: web, to: api}
"""


def test_review_opens_from_the_menu_and_saves_html(window, qtbot, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    load_into(window, SHOP)
    window.actions_by_name["design-review"].trigger()
    qtbot.waitUntil(lambda: window.findChild(ReviewDialog, "review-dialog") is not None)
    dialog = window.findChild(ReviewDialog, "review-dialog")
    qtbot.waitExposed(dialog)
    text = dialog.findChild(QTextBrowser, "review-text").toPlainText()
    assert "Grows 10x?" in text and "What does it cost?" in text
    # 2 replicas x 730 h x 0.096 = $140.16 a month.
    assert "$140" in text
    target = tmp_path / "shop.html"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr("archdraw.gui.review_dialog.QDesktopServices.openUrl", lambda url: True)
    qtbot.mouseClick(dialog.findChild(QPushButton, "save-review"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(target.exists)
    assert Path(target).read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    dialog.reject()
