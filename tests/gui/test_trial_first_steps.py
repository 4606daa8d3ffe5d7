"""A new user's trial of the editor: the History tab's first line and the Rules reference.

The History tab began with "<opened>" for a new design, and the Rules reference (modal to
its window) had no button to close it: without a window manager's title bar, only Escape.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from archdraw.gui.dialogs import RulesDialog

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "sample_designs" / "twitter.archdraw.yaml"


def _first_line(window) -> str:  # type: ignore[no-untyped-def]
    return str(window.history.model().index(0, 0).data())


def test_the_history_tab_says_where_the_design_came_from(window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert _first_line(window) == "New design"
    shop = tmp_path / "shop.archdraw.yaml"
    shutil.copy(SAMPLE, shop)
    assert window.files.open_path(shop)
    qtbot.waitUntil(lambda: _first_line(window) == "Opened shop.archdraw.yaml")
    window.add_at_centre("cache")  # a step after it, named as the Edit menu names it
    model = window.history.model()
    qtbot.waitUntil(lambda: model.rowCount() == 2)
    assert model.index(1, 0).data().startswith("Add ")
    window.actions_by_name["new"].trigger()  # the cache is discarded (the fixture says so)
    qtbot.waitUntil(lambda: _first_line(window) == "New design")
    assert model.rowCount() == 1
    assert window.files.open_path(shop, as_copy=True)  # as File > Open Sample opens one
    qtbot.waitUntil(lambda: _first_line(window) == "Opened a copy of shop.archdraw.yaml")


def test_the_rules_reference_closes_with_a_click(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    clicked: list[bool] = []

    def click_close() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RulesDialog) or not dialog.isVisible():
            QTimer.singleShot(10, click_close)
            return
        box = dialog.findChild(QDialogButtonBox)
        assert box is not None, "the Rules reference has no buttons"
        close = box.button(QDialogButtonBox.StandardButton.Close)
        assert close is not None and close.isVisible()
        qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
        clicked.append(True)

    QTimer.singleShot(0, click_close)
    guard = QTimer(singleShot=True, interval=10_000)  # a failed test must not hang in exec()
    guard.timeout.connect(lambda: (m := QApplication.activeModalWidget()) and m.reject())
    guard.start()
    window.actions_by_name["rules"].trigger()  # returns once the dialog is closed
    guard.stop()
    assert clicked == [True]
    assert not any(d.isVisible() for d in window.findChildren(RulesDialog))
