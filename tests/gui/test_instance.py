"""One editor process: a second launch hands its files over; macOS file-open events open files."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication, QMessageBox

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
