"""Run inside a child editor (ARCHDRAW_TEST_HOOK): make edits, then say when autosave has them."""

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
