"""One editor process: a second launch hands its files over; macOS file-open events open files."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QMessageBox

from archdraw.gui.instance import Windows, forward_to_running
from archdraw.gui.main_window import MainWindow
from archdraw.library import builtin_library

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "sample_designs"

SECOND_LAUNCH = """
import sys
from PySide6.QtCore import QCoreApplication
app = QCoreApplication([])
from archdraw.gui.instance import forward_to_running
sys.exit(0 if forward_to_running(sys.argv[1:]) else 3)
"""


@pytest.fixture
def windows(qtbot, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(
        MainWindow, "ask_save_changes", lambda self: QMessageBox.StandardButton.Discard
    )
    app = QApplication.instance()
    manager = Windows(builtin_library(), "light")
    app.installEventFilter(manager)
    first = manager.new_window()
    first.show()
    qtbot.waitExposed(first)
    yield manager
    app.removeEventFilter(manager)
    if manager.server is not None:
        manager.server.close()
    for window in list(manager.windows):
        window.lint.timer.stop()
        window.close()
    qtbot.wait(10)


def _copy(tmp_path: Path, name: str) -> Path:
    target = tmp_path / f"{name}.archdraw.yaml"
    shutil.copy(SAMPLES / f"{name}.archdraw.yaml", target)
    return target


def test_a_second_launch_hands_its_file_to_the_running_editor(windows, qtbot, tmp_path):  # type: ignore[no-untyped-def]
    assert windows.listen()
    first, second = _copy(tmp_path, "twitter"), _copy(tmp_path, "whatsapp")
    launch = subprocess.Popen([sys.executable, "-c", SECOND_LAUNCH, str(first), str(second)])
    qtbot.waitUntil(lambda: launch.poll() is not None, timeout=30_000)
    assert launch.returncode == 0, "the second launch did not hand its files over"
    qtbot.waitUntil(lambda: len(windows.windows) == 2, timeout=5_000)
    # One window per file: the empty first window took the first file, a new one the second.
    shown = sorted(str(w.document.path) for w in windows.windows)
    assert shown == sorted([str(first.resolve()), str(second.resolve())])

    again = subprocess.Popen([sys.executable, "-c", SECOND_LAUNCH, str(first)])
    qtbot.waitUntil(lambda: again.poll() is not None, timeout=30_000)  # the loop must run
    assert again.returncode == 0
    qtbot.wait(50)
    assert len(windows.windows) == 2, "a file already open got a second window"


def test_no_running_editor_means_this_launch_opens_the_file(qtbot, tmp_path):  # type: ignore[no-untyped-def]
    assert forward_to_running([str(tmp_path / "x.archdraw.yaml")]) is False


def test_a_file_open_event_opens_the_file(windows, qtbot, tmp_path):  # type: ignore[no-untyped-def]
    path = _copy(tmp_path, "twitter")
    QApplication.sendEvent(QApplication.instance(), QFileOpenEvent(str(path)))
    qtbot.wait(10)
    assert [w.document.path for w in windows.windows] == [path.resolve()]
    assert windows.windows[0].scene.components


def test_a_forwarded_file_that_does_not_open_leaves_no_empty_window(windows, qtbot, tmp_path):  # type: ignore[no-untyped-def]
    first = _copy(tmp_path, "twitter")
    windows.open([str(first)])
    windows.open([str(tmp_path / "missing.archdraw.yaml")])
    qtbot.wait(50)
    # The problem is shown on the window already there; no empty window is left behind.
    assert [w.document.path for w in windows.windows] == [first.resolve()]
    dialog = windows.windows[0].files.last_problems
    assert dialog is not None and dialog.isVisible()
    assert "missing.archdraw.yaml" in dialog.summary
    dialog.close()


def test_a_second_launch_without_a_file_opens_a_window_in_the_running_editor(
    windows, qtbot, tmp_path
):  # type: ignore[no-untyped-def]
    assert windows.listen()
    windows.open([str(_copy(tmp_path, "twitter"))])  # the first window is taken
    launch = subprocess.Popen([sys.executable, "-c", SECOND_LAUNCH])
    qtbot.waitUntil(lambda: launch.poll() is not None, timeout=30_000)
    assert launch.returncode == 0, "a bare second launch started an editor of its own"
    qtbot.waitUntil(lambda: len(windows.windows) == 2, timeout=5_000)
    assert windows.windows[1].document.path is None and windows.windows[1].isVisible()


def _on_screen(window: MainWindow) -> bool:
    return window.screen().availableGeometry().contains(window.frameGeometry())


def test_a_second_window_cascades_from_the_first_and_stays_on_screen(windows, qtbot, tmp_path):  # type: ignore[no-untyped-def]
    first_path, second_path = _copy(tmp_path, "twitter"), _copy(tmp_path, "whatsapp")
    windows.open([str(first_path), str(second_path)])
    qtbot.waitUntil(lambda: len(windows.windows) == 2, timeout=5_000)
    first, second = windows.windows
    qtbot.waitExposed(second)
    qtbot.wait(10)
    step = second.frameGeometry().topLeft() - first.frameGeometry().topLeft()
    assert step.x() > 0 and step.y() > 0, "the second window opened exactly over the first"
    assert _on_screen(second)


def test_a_window_near_the_screen_corner_cascades_back_to_the_top_left(windows, qtbot, tmp_path):  # type: ignore[no-untyped-def]
    first = windows.windows[0]
    available = first.screen().availableGeometry()
    first.resize(500, 400)
    first.move(available.right() - 520, available.bottom() - 420)
    qtbot.wait(10)
    windows.open([str(_copy(tmp_path, "twitter")), str(_copy(tmp_path, "whatsapp"))])
    qtbot.waitUntil(lambda: len(windows.windows) == 2, timeout=5_000)
    second = windows.windows[1]
    qtbot.waitExposed(second)
    qtbot.wait(10)
    assert second.frameGeometry().topLeft() == available.topLeft()
    assert _on_screen(second)


def test_a_missing_file_on_the_command_line_is_called_missing_by_path(windows, qtbot, tmp_path):  # type: ignore[no-untyped-def]
    missing = tmp_path / "typo.archdraw.yaml"
    windows.open([str(missing)])  # what `archdraw typo.archdraw.yaml` does
    qtbot.wait(10)
    window = windows.windows[0]
    dialog = window.files.last_problems
    assert dialog is not None and dialog.isVisible()
    shown = dialog.findChild(QLabel).text()
    assert "does not exist" in shown and str(missing.resolve()) in shown
    assert "has problems" not in shown
    assert window.document.path is None
    close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
