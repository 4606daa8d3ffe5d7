"""PySide6-Essentials 6.12.0 on CPython 3.11 corrupts the reference count of None and the
process aborts within seconds ("deallocating None"). Run the editor busily for a few
seconds in a child process: it must exit cleanly with None's count intact."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_editor_survives_seconds_of_signals_and_edits(tmp_path):  # type: ignore[no-untyped-def]
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        ARCHDRAW_STATE_DIR=str(tmp_path / "state"),
        ARCHDRAW_TEST_HOOK="tests.gui.child_hooks:churn_then_quit",
        PYTHONPATH=os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")]),
    )
    result = subprocess.run(
        [sys.executable, "-m", "archdraw"], env=env, cwd=REPO, capture_output=True, timeout=120
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]
