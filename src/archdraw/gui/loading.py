"""Loading a design off the UI thread, with progress shown when it takes over a second.

The window keeps painting while the file is read and validated; past a second a
progress dialog (modal to the window, so nothing else starts meanwhile) says
what is being opened. The result, or the exception the load raised, is handed
back on the UI thread as if the load had run there.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from archdraw.io import LoadedDesign, load

if TYPE_CHECKING:
    from archdraw.library import Library

PROGRESS_AFTER_S = 1.0
_POLL_S = 0.02


def load_with_progress(path: Path, library: Library, parent: QWidget) -> LoadedDesign:
    """`archdraw.io.load(path, library)`, run in a worker while the UI thread keeps going."""
    outcome: dict[str, object] = {}

    def work() -> None:
        try:
            outcome["value"] = load(path, library)
        except BaseException as error:  # re-raised on the UI thread below
            outcome["error"] = error

    worker = threading.Thread(target=work, name="archdraw-load", daemon=True)
    started = time.monotonic()
    worker.start()
    progress: QProgressDialog | None = None
    while worker.is_alive():
        worker.join(_POLL_S)
        if progress is None and time.monotonic() - started > PROGRESS_AFTER_S:
            progress = QProgressDialog(f"Opening {path.name}…", "", 0, 0, parent)
            progress.setWindowTitle("Opening design")
            progress.setCancelButton(None)
            progress.setWindowModality(Qt.WindowModality.WindowModal)
            progress.setMinimumDuration(0)
            progress.show()
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    if progress is not None:
        progress.close()
        progress.deleteLater()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    value = outcome["value"]
    assert isinstance(value, LoadedDesign)
    return value
