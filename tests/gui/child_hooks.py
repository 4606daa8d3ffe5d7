"""Run inside a child editor (ARCHDRAW_TEST_HOOK=tests.gui.child_hooks:NAME): scripted sessions."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QTimer

from archdraw.model.edits import SetProperties


def make_edits(window) -> None:  # type: ignore[no-untyped-def]
    window.add_at_centre("cache")
    window.editing.apply(SetProperties("api", {"replicas": 5}))
    marker = Path(os.environ["ARCHDRAW_TEST_MARKER"])
    directory = window.autosave.directory

    def check() -> None:
        if any(directory.glob("*.meta.json")):
            marker.write_text("autosaved")
        else:
            QTimer.singleShot(50, check)

    check()


def churn_then_quit(window) -> None:  # type: ignore[no-untyped-def]
    """Edit, undo, select and re-lint for a few seconds, then quit with None's refcount check."""
    import sys
    import time

    from PySide6.QtWidgets import QApplication

    started, none_refs = time.monotonic(), sys.getrefcount(None)

    def step() -> None:
        window.add_at_centre("service")
        window.select_all()
        window.stack.undo()
        window.lint.run_now()
        if time.monotonic() - started < 3.0:
            QTimer.singleShot(1, step)
            return
        ok = sys.getrefcount(None) >= none_refs - 1000
        window.document.history.mark_clean()  # nothing to save: no close prompt
        QApplication.instance().exit(0 if ok else 3)

    step()


def note_opened_then_quit(window) -> None:  # type: ignore[no-untyped-def]
    """Write the design's path and the History tab's first line to the marker, then quit."""
    from PySide6.QtWidgets import QApplication

    marker = Path(os.environ["ARCHDRAW_TEST_MARKER"])
    marker.write_text(f"{window.document.path}\n{window.history.emptyLabel()}\n")
    window.lint.timer.stop()
    QApplication.instance().exit(0)
