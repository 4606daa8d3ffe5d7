"""Every dialog is a child of its window, modal to it, and on top and active once shown; a
window brought forward brings its dialogs with it (without a window manager nothing else
would: under a bare X server a dialog opened beneath the main window)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from archdraw.gui.dialogs import ChildDialog, ProblemDialog, RulesDialog
from archdraw.gui.gallery import SampleGallery
from archdraw.gui.instance import Windows
from archdraw.gui.main_window import MainWindow
from archdraw.gui.review_dialog import ReviewDialog
from archdraw.library import builtin_library

from .conftest import load_into

SAMPLES = Path(__file__).resolve().parents[2] / "sample_designs"


class Seen:
    """What a dialog was like once shown, noted from inside the event loop it runs."""

    def __init__(self) -> None:
        self.dialog: QDialog | None = None
        self.parent: QWidget | None = None
        self.modality = Qt.WindowModality.NonModal
        self.active = False

    def note(self, dialog: QDialog) -> None:
        self.dialog, self.parent = dialog, dialog.parentWidget()
        self.modality, self.active = dialog.windowModality(), dialog.isActiveWindow()


def _answer_when_active(kind: type[QDialog], seen: Seen) -> QTimer:
    """Watch (from the event loop, which a dialog's exec() runs again) for a `kind` dialog
    that is shown and active: note it, then close it."""
    timer = QTimer()
    timer.setInterval(10)

    def look() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, kind) and widget.isVisible() and widget.isActiveWindow():
                timer.stop()
                seen.note(widget)
                widget.reject()

    timer.timeout.connect(look)
    timer.start()
    return timer


def _opened_by(qtbot, window: MainWindow, kind: type[QDialog], action: Callable[[], None]) -> Seen:  # type: ignore[no-untyped-def]
    seen = Seen()
    timer = _answer_when_active(kind, seen)
    action()  # a dialog run with exec() returns once the watcher closed it
    qtbot.waitUntil(lambda: seen.dialog is not None, timeout=5000)
    timer.stop()
    return seen


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("rules", RulesDialog),
        ("open-sample", SampleGallery),
        ("design-review", ReviewDialog),
    ],
)
def test_a_dialog_from_the_menus_is_the_window_s_modal_child_and_active(
    window: MainWindow, qtbot, name: str, kind: type[QDialog]
):  # type: ignore[no-untyped-def]
    load_into(window)
    action = window.actions_by_name.get(name)
    assert action is not None, sorted(window.actions_by_name)
    seen = _opened_by(qtbot, window, kind, action.trigger)
    assert isinstance(seen.dialog, ChildDialog)
    assert seen.parent is window
    assert seen.modality != Qt.WindowModality.NonModal
    assert seen.active


def test_the_problems_of_a_missing_file_show_over_the_window_and_take_the_focus(
    window: MainWindow, qtbot, tmp_path: Path
):  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    assert not window.files.open_path(tmp_path / "gone.archdraw.yaml")
    dialog = window.files.last_problems
    assert isinstance(dialog, ProblemDialog) and dialog.parentWidget() is window
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5000)  # the window had the focus
    dialog.reject()


def test_a_window_brought_forward_brings_the_dialog_that_blocks_it(qtbot, monkeypatch, tmp_path):  # type: ignore[no-untyped-def]
    # Found under Xvfb without a window manager: a file handed over by a second launch while
    # the Rules reference was open opened a window over the dialog, and the new window did
    # not answer the mouse (the dialog, out of sight, was waiting).
    monkeypatch.setattr(
        MainWindow, "ask_save_changes", lambda self: QMessageBox.StandardButton.Discard
    )
    windows = Windows(builtin_library(), "light")
    first = windows.new_window()
    first.show()
    qtbot.waitExposed(first)
    load_into(first)
    path = tmp_path / "uber.archdraw.yaml"
    path.write_text((SAMPLES / "uber.archdraw.yaml").read_text())
    seen, states = Seen(), []

    def hand_over_then_look() -> None:
        rules = QApplication.activeModalWidget()
        if not isinstance(rules, RulesDialog) or not rules.isActiveWindow():
            QTimer.singleShot(10, hand_over_then_look)
            return
        windows.open([str(path)])  # as a second launch does, the dialog still open
        states.append(len(windows.windows))

        def look(tries: int = 300) -> None:  # for 3 s at most: then note it as it is
            if rules.isActiveWindow() or not tries:
                seen.note(rules)
                rules.reject()
            else:
                QTimer.singleShot(10, lambda: look(tries - 1))

        QTimer.singleShot(10, look)

    QTimer.singleShot(0, hand_over_then_look)
    first.show_rules()  # returns once `look` closed it
    qtbot.waitUntil(lambda: seen.dialog is not None, timeout=5000)
    assert states == [2]  # the file opened in a window of its own, in front of the first
    assert seen.active  # and the dialog is back in front of it, with the focus
    for window in windows.windows:
        window.lint.timer.stop()
        window.close()
    qtbot.wait(10)
