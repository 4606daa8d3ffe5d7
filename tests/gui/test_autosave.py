"""Autosave and recovery: an editor killed with SIGKILL leaves work the next start restores."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from archdraw.gui.autosave import pending_autosaves

from .conftest import TWO_SERVICES

REPO = Path(__file__).resolve().parents[2]


def _answer(monkeypatch: pytest.MonkeyPatch, button: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []

    def question(parent, title, text, *args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(text)
        return button

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_killed_editor_work_is_offered_and_restored(tmp_path, isolated_state, monkeypatch, qtbot):  # type: ignore[no-untyped-def]
    source = tmp_path / "shop.archdraw.yaml"
    source.write_text(TWO_SERVICES)
    marker = tmp_path / "marker"
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        ARCHDRAW_STATE_DIR=str(isolated_state),
        ARCHDRAW_AUTOSAVE_SECONDS="0.2",
        ARCHDRAW_TEST_HOOK="tests.gui.child_hooks:make_edits",
        ARCHDRAW_TEST_MARKER=str(marker),
        PYTHONPATH=os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")]),
    )
    child = subprocess.Popen(
        [sys.executable, "-m", "archdraw", str(source)], env=env, cwd=REPO, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 60
    while not marker.exists() and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.05)
    assert marker.exists(), (
        child.stderr.read().decode() if child.poll() is not None else "no autosave in time"
    )
    child.send_signal(signal.SIGKILL)
    child.wait(10)
    assert source.read_text() == TWO_SERVICES  # never written over the user's file

    from archdraw.gui.main_window import MainWindow
    from archdraw.library import builtin_library

    asked = _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(
        MainWindow, "ask_save_changes", lambda self: QMessageBox.StandardButton.Discard
    )
    window = MainWindow(builtin_library(), "light")
    qtbot.addWidget(window)
    assert window.files.offer_recovery() is True
    assert asked and "autosaved" in asked[0] and str(source.resolve()) in asked[0]
    design = window.document.design
    assert design.component("cache-2") is not None
    assert design.component("api").props["replicas"] == 5
    assert "cache-2" in window.scene.components
    assert window.document.path == source.resolve() and window.isWindowModified()
    assert window.files.save()
    assert pending_autosaves(isolated_state / "autosave") == []
    assert not list((isolated_state / "autosave").glob("*"))


def test_declining_the_restore_removes_the_autosave(window, isolated_state, monkeypatch):  # type: ignore[no-untyped-def]
    window.add_at_centre("service")
    window.autosave.write_now()
    meta = next((isolated_state / "autosave").glob("*.meta.json"))
    meta.write_text(meta.read_text().replace(str(os.getpid()), "999999999"))
    assert len(pending_autosaves(isolated_state / "autosave")) == 1
    _answer(monkeypatch, QMessageBox.StandardButton.No)
    assert window.files.offer_recovery() is False
    assert pending_autosaves(isolated_state / "autosave") == []


def test_big_designs_autosave_as_json_off_the_ui_thread(window, isolated_state):  # type: ignore[no-untyped-def]
    from archdraw.gui.autosave import BIG_DESIGN, read_autosave
    from archdraw.model import Component
    from archdraw.model.edits import AddElements

    many = tuple(
        Component(id=f"s{i}", type="service", position=(i * 10.0, 0.0))
        for i in range(BIG_DESIGN + 1)
    )
    window.editing.apply(AddElements(components=many))
    window.autosave.write_now()
    window.autosave.stop()
    meta = next((isolated_state / "autosave").glob("*.meta.json"))
    meta.write_text(meta.read_text().replace(str(os.getpid()), "999999999"))
    entry = pending_autosaves(isolated_state / "autosave")[0]
    assert entry.data_path.suffix == ".json"
    assert len(read_autosave(entry, window.library).components) == BIG_DESIGN + 1
