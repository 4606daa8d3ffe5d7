"""The Findings dock's first height lets a finding's details be read on a 1366 x 768 screen.

At 14 % of the window's height it asked less than the dock's least height: the details
showed the rule's heading, its title and one line of the message before scrolling.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTextBrowser

from archdraw.gui.main_window import MainWindow

from .conftest import first_start_on_screen

SAMPLE = Path(__file__).resolve().parents[2] / "sample_designs" / "ecommerce.archdraw.yaml"


@pytest.fixture(params=[768, 738], ids=["no task bar", "a 30 px task bar"])
def first_start(request, qtbot, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """A first start (no saved layout) on a 1366 x 768 screen."""
    main = first_start_on_screen(qtbot, monkeypatch, request.param, SAMPLE)
    yield main
    main.lint.timer.stop()


def test_a_findings_message_reads_whole_without_scrolling(first_start, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = first_start
    table = window.findings.table
    qtbot.waitUntil(lambda: window.findings.model.rowCount() > 0, timeout=10000)
    first = table.model().index(0, 3)
    qtbot.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(first).center()
    )
    finding = window.findings.current()
    assert finding is not None
    details = window.findChild(QTextBrowser, "finding-details")
    qtbot.waitUntil(lambda: finding.message in details.toPlainText())
    document = details.document()
    block = document.begin()
    while block.isValid() and block.text() != finding.message:
        block = block.next()
    assert block.isValid(), details.toPlainText()
    bottom = document.documentLayout().blockBoundingRect(block).bottom()
    assert bottom <= details.viewport().height(), (bottom, details.viewport().height())
    assert details.verticalScrollBar().value() == 0
    # And the canvas keeps most of the window's height.
    assert window.view.viewport().height() >= 0.55 * window.height()
