"""The Fix button offers the fix of the finding selected now, worked out for the design as
it is now: never a fix left from another finding, another design or the design before an
edit (which could undo what the user just typed)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSpinBox

from archdraw.gui.main_window import MainWindow

from .conftest import load_into, property_field
from .test_panels import LINTED


def _click_row(qtbot, window: MainWindow, row: int) -> None:  # type: ignore[no-untyped-def]
    panel = window.findings
    panel.table.scrollTo(panel.model.index(row, 0))
    rect = panel.table.visualRect(panel.model.index(row, 1))
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _row_of(window: MainWindow, code: str, element: str) -> int:
    panel = window.findings
    return next(
        i
        for i in range(panel.row_count())
        if (panel.row(i).code, panel.row(i).element) == (code, element)
    )


def _linted(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not window.lint.busy, timeout=3000)


def test_the_button_follows_the_selected_row(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, LINTED)
    window.lint.run_now()
    panel = window.findings
    _click_row(qtbot, window, _row_of(window, "AD101", "api"))
    assert panel.fix_button.isEnabled() and panel.fix_button.text() == "Fix: Run 2 replicas"
    _click_row(qtbot, window, _row_of(window, "AD104", "db"))  # a finding with no fix
    assert not panel.fix_button.isEnabled() and panel.fix_button.text() == "Fix"
    _click_row(qtbot, window, _row_of(window, "AD302", "api"))
    assert panel.fix_button.text() == "Fix: Require authentication"


def test_a_fix_from_before_an_edit_is_not_offered(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, LINTED)
    window.lint.run_now()
    panel = window.findings
    _click_row(qtbot, window, _row_of(window, "AD101", "api"))
    assert panel.fix_button.isEnabled()
    # The user states three replicas by hand; the finding (and its "Run 2 replicas") is
    # about the design before that until the lint catches up.
    window.scene.select_ids(["api"])
    replicas = property_field(window, "replicas", QSpinBox)
    replicas.setFocus()
    replicas.selectAll()
    qtbot.keyClicks(replicas, "3")
    qtbot.keyClick(replicas, Qt.Key.Key_Return)
    assert window.lint.busy
    assert not panel.fix_button.isEnabled()
    qtbot.mouseClick(panel.fix_button, Qt.MouseButton.LeftButton)
    assert window.document.design.component("api").props["replicas"] == 3
    _linted(window, qtbot)
    # The finding went with the edit: nothing is selected, nothing to fix.
    assert panel.current() is None and not panel.fix_button.isEnabled()


def test_a_finding_that_stays_after_an_edit_offers_its_fix_again(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, LINTED)
    window.lint.run_now()
    panel = window.findings
    _click_row(qtbot, window, _row_of(window, "AD101", "api"))
    window.add_at_centre("cache")  # an edit that leaves the finding as it was
    assert not panel.fix_button.isEnabled()
    _linted(window, qtbot)
    assert panel.current() is not None and panel.current().code == "AD101"
    assert panel.fix_button.isEnabled() and panel.fix_button.text() == "Fix: Run 2 replicas"


def test_another_design_drops_the_selection_and_its_fix(window, qtbot, tmp_path):  # type: ignore[no-untyped-def]
    load_into(window, LINTED)
    window.lint.run_now()
    panel = window.findings
    _click_row(qtbot, window, _row_of(window, "AD101", "api"))
    other = tmp_path / "other.archdraw.yaml"  # an `api` too, stated as one instance
    other.write_text(LINTED.replace("name: shop", "name: other"))
    assert window.files.open_path(other)
    assert not panel.fix_button.isEnabled()
    qtbot.mouseClick(panel.fix_button, Qt.MouseButton.LeftButton)
    assert window.document.design.component("api").props == {"replicas": 1}
    assert window.stack.count() == 0
    _linted(window, qtbot)
    assert panel.current() is None and not panel.fix_button.isEnabled()
