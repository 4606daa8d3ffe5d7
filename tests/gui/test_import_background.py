"""File > Import runs the importer in a worker, as a big file opens: the window's event
loop keeps turning, the status bar shows progress with Cancel, errors show as dialogs and
the design opens on the UI thread once the worker is done.

The slow importer is a stub put in place of `import_files` where the worker calls it (the
importer core itself runs unchanged); one test imports a real generated manifest end to end.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFileDialog

from archdraw.gui import import_dialog, loading
from archdraw.gui.import_dialog import ImportReportDialog
from archdraw.imports import ImportResult, import_files
from archdraw.model import new_design

COMPOSE = Path(__file__).parents[1] / "imports" / "data" / "compose" / "docker-compose.yml"
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def manifest(count: int) -> str:
    """`count` Deployments, each with its Service and calling the next one's address."""
    parts = []
    for i in range(count):
        parts.append(
            f"apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: svc{i}, namespace: shop}}\n"
            f"spec:\n  replicas: 2\n  selector:\n    matchLabels: {{app: svc{i}}}\n"
            f"  template:\n    metadata:\n      labels: {{app: svc{i}}}\n    spec:\n"
            f"      containers:\n        - name: svc{i}\n"
            f"          image: registry.acme.io/shop/svc{i}:1.0.0\n          env:\n"
            f"            - {{name: NEXT, value: 'svc{(i + 1) % count}.shop.svc:8080'}}\n"
            f"---\napiVersion: v1\nkind: Service\nmetadata: {{name: svc{i}, namespace: shop}}\n"
            f"spec:\n  selector: {{app: svc{i}}}\n  ports: [{{port: 8080}}]\n"
        )
    return "---\n".join(parts)


def start_import(window, qtbot, monkeypatch, paths: list[str]) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: (paths, ""))
    qtbot.keyClick(window, Qt.Key.Key_I, CTRL_SHIFT)


class SlowImporter:
    """`import_files` held in the worker until `release()`; records the threads it ran on."""

    def __init__(self, then: Callable[..., ImportResult] = import_files) -> None:
        self.gate, self.then, self.threads = threading.Event(), then, list[threading.Thread]()

    def __call__(self, *args: object, **kwargs: object) -> ImportResult:
        self.threads.append(threading.current_thread())
        assert self.gate.wait(60), "the test never released the importer"
        return self.then(*args, **kwargs)

    def release(self) -> None:
        self.gate.set()


@pytest.fixture
def slow(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(loading, "PROGRESS_AFTER_MS", 0)
    stub = SlowImporter()
    monkeypatch.setattr(import_dialog, "import_files", stub)
    yield stub
    stub.release()  # a failed test must not leave a worker waiting


def ticking(interval_ms: int = 5) -> tuple[QTimer, list[int]]:
    fired: list[int] = []
    timer = QTimer()
    timer.setInterval(interval_ms)
    timer.timeout.connect(lambda: fired.append(1))
    timer.start()
    return timer, fired


def test_the_window_keeps_running_while_the_importer_works(window, qtbot, monkeypatch, slow):  # type: ignore[no-untyped-def]
    before = window.document.design
    timer, fired = ticking()
    start_import(window, qtbot, monkeypatch, [str(COMPOSE)])
    qtbot.waitUntil(lambda: bool(slow.threads))  # the importer has started, in the worker
    qtbot.waitUntil(lambda: len(fired) >= 20, timeout=10000)  # and the timers still fire
    assert slow.threads[0] is not threading.main_thread() and not slow.gate.is_set()
    progress = window.files.progress
    assert progress.isVisible() and progress.cancel.isEnabled()
    assert progress.label.text() == "Importing docker-compose.yml: Reading…"
    assert window.view.busy_text == "Importing docker-compose.yml…"
    assert window.document.design is before and window.imports.report is None
    slow.release()
    qtbot.waitUntil(lambda: window.files.opening is None, timeout=30000)
    timer.stop()
    design = window.document.design
    assert design.imported is not None and design.imported.format == "compose"
    assert window.document.path is None and window.view.busy_text is None
    assert set(window.scene.components) == {c.id for c in design.components}
    assert "worker" in window.imports.marks.marks  # a guess, marked once its item exists
    report = window.imports.report
    assert isinstance(report, ImportReportDialog) and report.isVisible()
    assert report.table.model().rowCount() == len(design.imported.elements)
    assert not progress.isVisible()
    assert window.statusBar().currentMessage() == "Imported docker-compose.yml"


def test_cancel_stops_waiting_and_leaves_the_design_alone(window, qtbot, monkeypatch, slow):  # type: ignore[no-untyped-def]
    before = window.document.design
    start_import(window, qtbot, monkeypatch, [str(COMPOSE)])
    opening = window.files.opening
    assert opening is not None
    cancel = window.files.progress.cancel
    qtbot.waitUntil(cancel.isVisible, timeout=10000)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert window.files.opening is None and not window.files.progress.isVisible()
    assert window.view.busy_text is None
    slow.release()  # the importer finishes; its answer is dropped
    opening.worker.join(30)
    assert not opening.worker.is_alive()
    qtbot.wait(50)  # the worker's queued answer is delivered, and ignored
    assert window.document.design is before and window.imports.report is None
    assert window.files.last_problems is None


def test_an_importer_that_fails_says_so_and_keeps_the_design(window, qtbot, monkeypatch, slow):  # type: ignore[no-untyped-def]
    def broken(*args: object, **kwargs: object) -> ImportResult:
        raise RuntimeError("mapping table exploded")

    slow.then = broken
    window.files.replace(new_design("kept"), None)
    before = window.document.design
    start_import(window, qtbot, monkeypatch, [str(COMPOSE)])
    slow.release()
    qtbot.waitUntil(lambda: window.files.opening is None, timeout=30000)
    dialog = window.files.last_problems
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "Cannot import"
    assert "Importing docker-compose.yml failed" in dialog.summary
    assert any("internal error" in p and "mapping table exploded" in p for p in dialog.problems)
    assert window.document.design is before and window.imports.report is None


def test_a_file_that_cannot_be_read_names_itself(window, qtbot, monkeypatch, tmp_path):  # type: ignore[no-untyped-def]
    missing = tmp_path / "gone.yaml"
    start_import(window, qtbot, monkeypatch, [str(missing)])
    qtbot.waitUntil(lambda: window.files.opening is None, timeout=30000)
    dialog = window.files.last_problems
    assert dialog is not None and dialog.isVisible()
    assert [p for p in dialog.problems if p.startswith(f"{missing}:") and "cannot read" in p]


def test_a_big_manifest_imports_end_to_end_while_the_loop_runs(  # type: ignore[no-untyped-def]
    window, qtbot, monkeypatch, tmp_path
):
    monkeypatch.setattr(loading, "PROGRESS_AFTER_MS", 0)
    path = tmp_path / "rendered.yaml"
    path.write_text(manifest(300))
    timer, fired = ticking(0)
    seen_progress: list[bool] = []
    timer.timeout.connect(lambda: seen_progress.append(window.files.progress.isVisible()))
    start_import(window, qtbot, monkeypatch, [str(path)])
    assert window.files.opening is not None  # under way after the key press returned
    qtbot.waitUntil(lambda: window.files.opening is None, timeout=120000)
    timer.stop()
    assert len(fired) > 20 and any(seen_progress) and not window.files.progress.isVisible()
    expected = import_files([path], window.library).design
    design = window.document.design
    assert design.imported is not None and design.imported.format == "kubernetes"
    assert [c.id for c in design.components] == [c.id for c in expected.components]
    assert len(design.components) == 300 == len(window.scene.components)
    keys = {k.key for k in design.links}
    assert keys == {k.key for k in expected.links} == set(window.scene.links)
    assert design.imported == expected.imported and window.document.path is None
    assert window.imports.report is not None and window.imports.report.isVisible()
