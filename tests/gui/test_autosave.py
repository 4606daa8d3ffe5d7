"""Autosave and recovery: an editor killed with SIGKILL leaves work the next start restores."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from archdraw.gui.autosave import pending_autosaves
from archdraw.gui.recovery import RecoveryDialog

from .conftest import TWO_SERVICES

REPO = Path(__file__).resolve().parents[2]


def _on_recovery(steps: list[tuple[str, int]]) -> list[str]:
    """Click through the recovery dialog when it opens: (restore|discard|later, row) steps.
    Returns the sessions it listed."""
    listed: list[str] = []

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RecoveryDialog):
            QTimer.singleShot(20, act)
            return
        listed.extend(dialog.list.item(i).toolTip() for i in range(dialog.list.count()))
        buttons = {
            "restore": dialog.restore_button,
            "discard": dialog.discard_button,
            "later": dialog.later_button,
        }
        for action, row in steps:
            dialog.list.setCurrentRow(row)
            QTest.mouseClick(buttons[action], Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, act)
    return listed


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

    asked = _on_recovery([("restore", 0)])
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
    # Only the running editor's lock is left.
    assert [p.suffix for p in (isolated_state / "autosave").glob("*")] == [".lock"]


def _as_if_killed(autosave) -> None:  # type: ignore[no-untyped-def]
    """Write, then let go of the session's lock without cleaning up, as a dead process does."""
    autosave.timer.stop()
    autosave.write_now()
    autosave.wait()
    autosave._release()


def _crash(window, isolated_state, pid: int = 999999999) -> None:  # type: ignore[no-untyped-def]
    """Leave the window's autosave as an editor killed mid-session would."""
    _as_if_killed(window.autosave)
    for meta in (isolated_state / "autosave").glob("*.meta.json"):
        meta.write_text(meta.read_text().replace(f'"pid": {os.getpid()}', f'"pid": {pid}'))


def test_declining_the_restore_removes_the_autosave(window, isolated_state):  # type: ignore[no-untyped-def]
    window.add_at_centre("service")
    _crash(window, isolated_state)
    assert len(pending_autosaves(isolated_state / "autosave")) == 1
    _on_recovery([("discard", 0)])
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
    _crash(window, isolated_state)
    entry = pending_autosaves(isolated_state / "autosave")[0]
    assert entry.data_path.suffix == ".json"
    assert len(read_autosave(entry, window.library).components) == BIG_DESIGN + 1


def _crashed_session(isolated_state: Path, name: str, pid: int = 999999999) -> None:
    from archdraw.gui.autosave import Autosave
    from archdraw.model import Document, new_design

    document = Document()
    document.replace(new_design(name), None, saved=False)  # unsaved work
    autosave = Autosave(document, isolated_state / "autosave", 3600)
    _as_if_killed(autosave)
    for meta in (isolated_state / "autosave").glob(f"{autosave.session}.meta.json"):
        meta.write_text(meta.read_text().replace(f'"pid": {os.getpid()}', f'"pid": {pid}'))
    time.sleep(1.1)  # autosaves are ordered by their time, in seconds


def test_every_crashed_session_is_offered_and_only_the_declined_one_goes(window, isolated_state):  # type: ignore[no-untyped-def]
    _crashed_session(isolated_state, "older work")
    _crashed_session(isolated_state, "newer work")
    listed = _on_recovery([("discard", 1), ("later", 0)])
    assert window.files.offer_recovery() is False
    assert len(listed) == 2 and "newer work" in listed[0] and "older work" in listed[1]
    [kept] = pending_autosaves(isolated_state / "autosave")
    assert kept.name == "newer work"


def test_restoring_one_session_keeps_the_others(window, isolated_state):  # type: ignore[no-untyped-def]
    _crashed_session(isolated_state, "older work")
    _crashed_session(isolated_state, "newer work")
    _on_recovery([("restore", 1)])
    assert window.files.offer_recovery() is True
    assert window.document.design.name == "older work"
    assert [e.name for e in pending_autosaves(isolated_state / "autosave")] == ["newer work"]


@pytest.mark.skipif(os.name != "posix", reason="process ids and locks are POSIX here")
def test_a_reused_process_id_does_not_hide_recovery(window, isolated_state):  # type: ignore[no-untyped-def]
    _crashed_session(isolated_state, "crashed work", pid=os.getppid())  # a live process
    assert [e.name for e in pending_autosaves(isolated_state / "autosave")] == ["crashed work"]


def test_a_running_editor_session_is_not_offered(window, isolated_state):  # type: ignore[no-untyped-def]
    window.add_at_centre("service")
    window.autosave.write_now()
    window.autosave.wait()
    for meta in (isolated_state / "autosave").glob("*.meta.json"):  # as if its pid were reused
        meta.write_text(meta.read_text().replace(f'"pid": {os.getpid()}', '"pid": 999999999'))
    assert pending_autosaves(isolated_state / "autosave") == []


def test_autosaves_are_fsynced_off_the_ui_thread(window, isolated_state, monkeypatch):  # type: ignore[no-untyped-def]
    import threading

    import archdraw.gui.autosave as autosave_module

    threads: list[str] = []
    real = autosave_module.write_atomic

    def recording(path, data):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        real(path, data)

    monkeypatch.setattr(autosave_module, "write_atomic", recording)
    window.add_at_centre("service")
    window.autosave.write_now()
    window.autosave.wait()
    assert threads and all(name != threading.main_thread().name for name in threads)


def test_growing_past_the_threshold_keeps_the_old_autosave_until_the_new_one_is_written(  # type: ignore[no-untyped-def]
    window, isolated_state, monkeypatch
):
    import archdraw.gui.autosave as autosave_module
    from archdraw.model import Component
    from archdraw.model.edits import AddElements

    window.add_at_centre("service")
    window.autosave.write_now()
    window.autosave.wait()
    [small] = (isolated_state / "autosave").glob("*.archdraw.yaml")

    def crash(path, data):  # type: ignore[no-untyped-def]
        raise OSError("power lost")

    monkeypatch.setattr(autosave_module, "write_atomic", crash)
    many = tuple(
        Component(id=f"s{i}", type="service", position=(i * 10.0, 0.0))
        for i in range(autosave_module.BIG_DESIGN + 1)
    )
    window.editing.apply(AddElements(components=many))
    window.autosave.write_now()
    window.autosave.wait()
    assert small.exists()


def test_a_big_autosave_is_restored_in_the_background(window, isolated_state, qtbot, monkeypatch):  # type: ignore[no-untyped-def]
    from archdraw.gui import loading
    from archdraw.gui.main_window import MainWindow
    from archdraw.model.edits import AddElements

    from .test_live_lint import big_design

    monkeypatch.setattr(loading, "PROGRESS_AFTER_MS", 0)
    monkeypatch.setattr(
        MainWindow, "ask_save_changes", lambda self: QMessageBox.StandardButton.Discard
    )
    big = big_design(3000)
    window.editing.apply(AddElements(components=tuple(big.components), links=tuple(big.links)))
    _crash(window, isolated_state)
    [entry] = pending_autosaves(isolated_state / "autosave")
    assert entry.data_path.stat().st_size > loading.OPEN_IN_BACKGROUND_ABOVE

    restoring = MainWindow(window.library, "light")
    qtbot.addWidget(restoring)
    restoring.show()
    _on_recovery([("restore", 0)])
    assert restoring.files.offer_recovery() is True
    # Started, not done: the window is live while the autosave is read, drawn and linted.
    assert restoring.files.opening is not None
    qtbot.waitUntil(lambda: restoring.files.progress.isVisible(), timeout=10000)
    qtbot.waitUntil(lambda: restoring.files.opening is None, timeout=120000)
    assert len(restoring.document.design.components) == 3000 == len(restoring.scene.components)
    assert restoring.isWindowModified() and restoring.document.path is None
    assert restoring.autosave.session == entry.session  # the restored session is adopted
    restoring.document.history.mark_clean()
