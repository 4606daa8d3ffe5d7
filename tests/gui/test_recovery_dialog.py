"""The recovery dialog shows long paths and names shortened to fit, whole in a tooltip."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QToolTip, QWidget

from archdraw.gui.autosave import AutosaveEntry
from archdraw.gui.recovery import RecoveryDialog

DEEP = Path("/home/someone") / ("a-rather-long-folder-name/" * 12) / "checkout.archdraw.yaml"
LONG_NAME = "Checkout and payments for the spring sale, " * 4


def _entry(tmp_path: Path, session: str, original: Path | None, name: str) -> AutosaveEntry:
    return AutosaveEntry(
        session=session,
        data_path=tmp_path / f"{session}.archdraw.yaml",
        meta_path=tmp_path / f"{session}.meta.json",
        original=original,
        saved_at=datetime(2026, 12, 7, 9, 30, 5),
        name=name,
    )


def _fits(widget: QWidget, viewport: QWidget) -> bool:
    """Whether `widget` ends inside the list's viewport and its text inside the widget."""
    right = widget.mapTo(viewport, QPoint(widget.width(), 0)).x()
    text = widget.text()  # type: ignore[attr-defined]
    return (
        right <= viewport.width() and widget.fontMetrics().horizontalAdvance(text) <= widget.width()
    )


def _owner(qtbot) -> QWidget:  # type: ignore[no-untyped-def]
    """The window the dialog belongs to (it closes with it)."""
    owner = QWidget()
    qtbot.addWidget(owner)
    return owner


def test_long_paths_lose_their_middle_and_show_whole_on_hover(qtbot, tmp_path):  # type: ignore[no-untyped-def]
    short = tmp_path / "shop.archdraw.yaml"
    entries = [
        _entry(tmp_path, "a", DEEP, LONG_NAME),
        _entry(tmp_path, "b", short, "shop"),
        _entry(tmp_path, "c", None, "draft"),
    ]
    owner = _owner(qtbot)  # kept: the dialog lives as long as it
    dialog = RecoveryDialog(entries, owner)
    dialog.show()
    qtbot.waitExposed(dialog)
    for width in (dialog.width(), 420):  # as it opens, and squeezed by hand
        dialog.resize(width, dialog.height())
        qtbot.wait(30)
        viewport = dialog.list.viewport()
        row = dialog.row_widget(0)
        path = row.path.text()
        assert "…" in path and path.startswith("/home/someone/a-rather")
        assert path.endswith("/checkout.archdraw.yaml")  # the file name stays
        assert row.name.text().startswith("Checkout and payments") and row.name.elided()
        assert row.saved.text() == "autosaved 2026-12-07 09:30:05"
        for label in (row.name, row.saved, row.path):
            assert _fits(label, viewport), label.text()
        assert dialog.list.horizontalScrollBar().maximum() == 0  # nothing hidden to the side
    dialog.resize(720, dialog.height())
    qtbot.wait(30)
    assert dialog.row_widget(1).path.text() == str(short)  # short ones are shown whole
    assert dialog.row_widget(2).path.text() == "an unsaved design"
    row = dialog.row_widget(0)
    QToolTip.hideText()
    centre = row.path.rect().center()
    qtbot.mouseMove(row.path, centre + QPoint(3, 0))
    qtbot.mouseMove(row.path, centre)
    qtbot.waitUntil(QToolTip.isVisible, timeout=3000)
    assert QToolTip.text() == str(DEEP)


def test_a_row_clicked_on_its_text_is_the_one_restored(qtbot, tmp_path):  # type: ignore[no-untyped-def]
    entries = [_entry(tmp_path, "a", DEEP, LONG_NAME), _entry(tmp_path, "b", None, "draft")]
    owner = _owner(qtbot)  # kept: the dialog lives as long as it
    dialog = RecoveryDialog(entries, owner)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.list.currentRow() == 0
    second = dialog.row_widget(1)
    qtbot.mouseClick(second.path, Qt.MouseButton.LeftButton, pos=second.path.rect().center())
    assert dialog.list.currentRow() == 1
    assert second.path.foregroundRole() != dialog.row_widget(0).path.foregroundRole()
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.chosen is entries[1] and dialog.result() == RecoveryDialog.DialogCode.Accepted
