"""Every editor shortcut works on an X11 desktop, where Qt's standard keys differ from the
offscreen platform's: X11 binds `Ctrl+D` to Delete too, and with Duplicate on `Ctrl+D` Qt
found the key ambiguous and ran neither ("Ambiguous shortcut overload: Ctrl+D").

The editor runs in a child process on the xcb platform against a private Xvfb server.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

CHILD = r"""
import sys
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from archdraw.gui.main_window import MainWindow
from archdraw.io import loads
from archdraw.library import builtin_library

app = QApplication([])
window = MainWindow(builtin_library(), "light")
window.resize(1200, 800)
window.show()
QTest.qWaitForWindowExposed(window)
window.activateWindow()
QTest.qWaitForWindowActive(window)
text = "archdraw: 1\nname: t\ncomponents:\n  - {id: api, type: service, position: [0, 0]}\n"
window.files.replace(loads(text, "t.archdraw.yaml", window.library).design, None)
window.scene.select_ids(["api"])
window.view.setFocus()
QTest.qWait(50)
# Which keys the window's actions hold, on this platform: no key twice.
keys = [k.toString() for a in window.findChildren(type(window.actions_by_name["undo"]))
        for k in a.shortcuts() if a.isEnabled()]
clashes = sorted({k for k in keys if keys.count(k) > 1})
QTest.keyClick(window.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
QTest.qWait(50)
duplicated = len(window.document.design.components)
QTest.keyClick(window.view, Qt.Key.Key_Delete)
QTest.qWait(50)
print("RESULT", duplicated, len(window.document.design.components), clashes)
window.lint.timer.stop()
sys.stdout.flush()
"""


@pytest.fixture
def x_display(tmp_path: Path):  # type: ignore[no-untyped-def]
    if shutil.which("Xvfb") is None:
        pytest.skip("needs Xvfb for the xcb platform")
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    try:
        if not number:
            pytest.skip("Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)


def test_duplicate_and_delete_keys_both_work_on_x11(x_display: str, tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", DISPLAY=x_display)
    env.update(ARCHDRAW_STATE_DIR=str(tmp_path / "state"), ARCHDRAW_AUTOSAVE_SECONDS="3600")
    env.pop("WAYLAND_DISPLAY", None)
    child = subprocess.run(
        [sys.executable, "-c", CHILD], env=env, cwd=REPO, capture_output=True, text=True, timeout=60
    )
    lines = [line for line in child.stdout.splitlines() if line.startswith("RESULT")]
    assert lines, child.stderr[-2000:]
    assert lines[0] == "RESULT 2 1 []", (lines[0], child.stderr[-1000:])
