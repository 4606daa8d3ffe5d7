"""Live lint on big designs runs off the UI thread; big files open in the background.

These drive the real window with its event loop running: edits are made from the
loop, findings arrive later through queued signals, and the loop keeps turning
while a big file is read.
"""

from __future__ import annotations

import random
import subprocess
import sys
import threading
from pathlib import Path

from PySide6.QtCore import Qt, QTimer

from archdraw.gui import lint_runner, loading
from archdraw.gui.lint_runner import THREAD_ABOVE
from archdraw.gui.panels.finding_rows import row_steps
from archdraw.io import dumps
from archdraw.lint import lint_design
from archdraw.model import Change, Component, Design, Link, new_design
from archdraw.model.edits import SetProperties

REPO = Path(__file__).resolve().parents[2]


def big_design(count: int) -> Design:
    design = new_design("big")
    types = ("service", "database", "cache", "queue")
    for i in range(count):
        props = {"replicas": 2} if i % 3 else {}
        design.components.append(
            Component(
                id=f"c{i}",
                type=types[i % len(types)],
                position=((i % 40) * 200.0, (i // 40) * 120.0),
                props=props,
            )
        )
    design.links = [Link(source=f"c{i - 1}", target=f"c{i}") for i in range(1, count)]
    return design


def seen(findings) -> list[tuple[str, str | None, str]]:  # type: ignore[no-untyped-def]
    return [(f.code, f.element, f.message) for f in findings]


def shown_rows(window) -> list[tuple[str, str | None, str]]:  # type: ignore[no-untyped-def]
    return seen(window.findings.row(i) for i in range(window.findings.row_count()))


def test_an_edit_on_a_big_design_gets_its_findings_from_the_worker(window, qtbot):  # type: ignore[no-untyped-def]
    window.files.replace(big_design(THREAD_ABOVE + 100), None)
    qtbot.waitUntil(lambda: not window.lint.busy, timeout=60000)
    assert seen(window.lint.findings) == seen(lint_design(window.document.design, window.library))
    before, jobs = seen(window.lint.findings), window.lint.jobs
    window.editing.apply(SetProperties("c1", {"replicas": 1}))
    # Checked before the event loop turns again: the worker may finish within a few ms, so
    # waiting to see it busy could miss it.
    assert window.lint.busy
    assert seen(window.lint.findings) == before  # not yet: the UI thread did not lint
    qtbot.waitUntil(lambda: not window.lint.busy, timeout=60000)
    assert window.lint.jobs > jobs and window.lint.failure is None
    expected = seen(lint_design(window.document.design, window.library))
    assert seen(window.lint.findings) == expected != before
    assert shown_rows(window) == expected  # the panel followed, row by row


def test_rapid_edits_coalesce_into_the_findings_of_the_last_design(window, qtbot, monkeypatch):  # type: ignore[no-untyped-def]
    window.files.replace(big_design(THREAD_ABOVE + 600), None)
    qtbot.waitUntil(lambda: not window.lint.busy, timeout=60000)
    # The worker's run is held until every edit is made, however fast the machine lints.
    gate, real_lint = threading.Event(), lint_runner._lint
    monkeypatch.setattr(lint_runner, "_lint", lambda *a: (gate.wait(30), real_lint(*a))[1])
    jobs = window.lint.jobs
    edits = 30
    for n in range(edits):
        window.editing.apply(SetProperties(f"c{n * 7}", {"replicas": 1 + n % 4}))
        qtbot.wait(1)  # the event loop turns between edits, as between key presses
    gate.set()
    qtbot.waitUntil(lambda: not window.lint.busy, timeout=60000)
    # The run in flight when the edits began, then one for all the edits made meanwhile.
    assert window.lint.jobs - jobs <= 2
    expected = seen(lint_design(window.document.design, window.library))
    assert seen(window.lint.findings) == expected
    assert shown_rows(window) == expected


def test_findings_rows_change_by_steps_that_end_in_the_new_list():  # type: ignore[no-untyped-def]
    from archdraw.library import builtin_library

    library = builtin_library()
    design = big_design(60)
    old = lint_design(design, library)
    chooser = random.Random(7)
    for _ in range(40):
        new = sorted(
            chooser.sample(old, chooser.randrange(len(old))) + chooser.sample(old, 3),
            key=lambda f: f.sort_key(),
        )
        rows = list(old)
        for at, removed, added in row_steps(old, new):
            del rows[at : at + removed]
            rows[at:at] = added
        assert seen(rows) == seen(new)
        old = new


CLOSE_WHILE_LINTING = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
sys.path.insert(0, sys.argv[1])
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from archdraw.gui.app import make_app
from archdraw.gui.main_window import MainWindow
from archdraw.library import builtin_library
from archdraw.model.edits import SetProperties
from test_live_lint import big_design
app = make_app()
window = MainWindow(builtin_library(), "light")
window.show()
window.files.replace(big_design(3000), None)
window.lint.run_now()
def edit_and_close():
    window.editing.apply(SetProperties("c1", {"replicas": 5}))
    window.lint.run_now()
    print("busy" if window.lint.busy else "idle", flush=True)
    window.document.history.mark_clean()
    window.close()
    app.quit()
QTimer.singleShot(0, edit_and_close)
app.exec()
del window
print("closed", flush=True)
"""


def test_closing_the_window_while_a_lint_runs_exits_cleanly(tmp_path):  # type: ignore[no-untyped-def]
    run = subprocess.run(
        [sys.executable, "-c", CLOSE_WHILE_LINTING, str(Path(__file__).parent)],
        capture_output=True,
        text=True,
        timeout=300,
        env={"ARCHDRAW_STATE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.split() == ["busy", "closed"]


def test_a_big_file_opens_with_progress_while_the_event_loop_runs(  # type: ignore[no-untyped-def]
    window, qtbot, tmp_path, monkeypatch
):
    monkeypatch.setattr(loading, "PROGRESS_AFTER_MS", 0)
    design = big_design(2200)
    path = tmp_path / "big.archdraw.yaml"
    path.write_text(dumps(design))
    assert path.stat().st_size > loading.OPEN_IN_BACKGROUND_ABOVE
    ticks, progress_seen = [], []
    ticker = QTimer()
    ticker.setInterval(0)
    ticker.timeout.connect(lambda: ticks.append(window.files.opening is not None))
    ticker.timeout.connect(lambda: progress_seen.append(window.files.progress.isVisible()))
    ticker.start()
    assert window.files.open_path(path)
    assert window.files.opening is not None and len(window.document.design.components) == 0
    assert window.view.busy_text == "Opening big.archdraw.yaml…"  # not "drag components here"
    qtbot.waitUntil(lambda: window.files.opening is None, timeout=120000)
    assert window.view.busy_text is None
    ticker.stop()
    assert sum(ticks) > 20  # the loop turned many times while the file was being opened
    assert any(progress_seen) and not window.files.progress.isVisible()
    assert window.document.path == path.resolve()
    assert len(window.document.design.components) == 2200 == len(window.scene.components)
    assert len(window.scene.links) == 2199
    qtbot.waitUntil(lambda: not window.lint.busy, timeout=60000)
    expected = seen(lint_design(window.document.design, window.library))
    assert seen(window.lint.findings) == expected == shown_rows(window)


def test_cancel_leaves_the_open_design_alone(window, qtbot, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(loading, "PROGRESS_AFTER_MS", 0)
    path = tmp_path / "big.archdraw.yaml"
    path.write_text(dumps(big_design(2200)))
    window.files.open_path(path)
    cancel = window.files.progress.cancel
    qtbot.waitUntil(cancel.isVisible, timeout=10000)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert window.files.opening is None and not window.files.progress.isVisible()
    qtbot.wait(3000)  # the worker's answer, when it comes, is dropped
    assert window.document.path is None and not window.document.design.components


def test_the_analysis_of_a_big_design_follows_edits_from_the_worker(window, qtbot):  # type: ignore[no-untyped-def]
    from archdraw.analysis.report import run_analysis
    from archdraw.gui.panels.analysis_rows import headline

    design = big_design(THREAD_ABOVE + 100)
    design.components[0] = Component(id="c0", type="client", position=(0, 0), props={"rps": 500})
    window.files.replace(design, None)
    qtbot.waitUntil(lambda: not window.lint.busy, timeout=60000)
    panel = window.analysis_panel
    window.scene.select_ids(["c1"])
    qtbot.mouseClick(panel.fail_button, Qt.MouseButton.LeftButton)
    assert panel.report is None  # asked of the worker: the click did not wait for it
    qtbot.waitUntil(lambda: panel.report is not None, timeout=60000)

    def expected() -> str:
        return headline(run_analysis(window.document.design, window.library, fail=["c1"]))

    assert headline(panel.report) == expected()
    first = panel.report
    window.editing.apply(SetProperties("c1", {"replicas": 1}))
    qtbot.waitUntil(lambda: panel.report is not first and not window.lint.busy, timeout=60000)
    assert headline(panel.report) == expected() != headline(first)


def test_edits_while_the_canvas_fills_end_in_one_item_each(window, qtbot, tmp_path):  # type: ignore[no-untyped-def]
    from archdraw.model.edits import AddElements, RemoveElements

    path = tmp_path / "big.archdraw.yaml"
    path.write_text(dumps(big_design(2200)))
    built_then: list[int] = []

    def edit() -> None:  # from the event loop, between two passes that make items
        built_then.append(len(window.scene.components))
        added = Component(id="late", type="cache", position=(-400.0, -400.0))
        window.editing.apply(AddElements(components=(added,)))
        window.editing.apply(RemoveElements(component_ids=("c2199",)))
        window.editing.apply(SetProperties("c5", {"replicas": 4}))

    def opened(change: Change) -> None:
        if change.is_reset and window.document.design.components:
            QTimer.singleShot(0, edit)

    window.document.subscribe(opened)
    window.files.open_path(path)
    qtbot.waitUntil(lambda: window.files.opening is None, timeout=120000)
    assert built_then and built_then[0] < 2200  # the canvas was still being made
    ids = {c.id for c in window.document.design.components}
    assert set(window.scene.components) == ids and "late" in ids and "c2199" not in ids
    assert set(window.scene.links) == {k.key for k in window.document.design.links}
    qtbot.waitUntil(lambda: not window.lint.busy, timeout=60000)
    assert seen(window.lint.findings) == seen(lint_design(window.document.design, window.library))


def test_a_property_typed_on_a_big_design_changes_only_the_rows_that_changed(window, qtbot):  # type: ignore[no-untyped-def]
    """Unchanged findings come back from the worker as the same objects: the panel keeps
    those rows as they were (no reset) and changes only the others, and the canvas
    markers follow."""
    from PySide6.QtWidgets import QAbstractSpinBox

    from .conftest import property_field

    window.files.replace(big_design(THREAD_ABOVE + 100), None)
    qtbot.waitUntil(lambda: not window.lint.busy, timeout=60000)
    window.scene.select_ids(["c1"])
    box = property_field(window, "replicas", QAbstractSpinBox)
    before = list(window.findings.model.rows)
    resets: list[bool] = []
    window.findings.model.modelReset.connect(lambda: resets.append(True))
    box.setFocus()
    box.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(box, "1")
    qtbot.keyClick(box, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: window.document.design.components[1].props["replicas"] == 1)
    qtbot.waitUntil(lambda: not window.lint.busy, timeout=60000)
    after = list(window.findings.model.rows)
    expected = seen(lint_design(window.document.design, window.library))
    assert seen(after) == expected != seen(before)
    assert not resets
    earlier = {id(f): seen([f])[0] for f in before}
    kept = [f for f in after if id(f) in earlier]
    assert len(kept) >= len(after) - 3  # the findings about c1 are new, the others kept
    assert all(seen([f])[0] == earlier[id(f)] for f in kept)
    marked = {key for _, key in window.scene.drawing.markers}
    assert marked == {f.element for f in after if f.element is not None}
