"""`archdraw edit FILE` opens the editor on the file, as `archdraw FILE` does.

A new user coming from other tools typed `archdraw edit shop.archdraw.yaml` and was told
"unknown command 'edit'".
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "sample_designs" / "twitter.archdraw.yaml"


@pytest.mark.parametrize("argv", [["edit"], []], ids=["archdraw edit FILE", "archdraw FILE"])
def test_the_editor_opens_the_file_given(argv, tmp_path, isolated_state) -> None:  # type: ignore[no-untyped-def]
    design = tmp_path / "shop.archdraw.yaml"
    design.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    marker = tmp_path / "marker"
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        ARCHDRAW_STATE_DIR=str(isolated_state),
        ARCHDRAW_TEST_HOOK="tests.gui.child_hooks:note_opened_then_quit",
        ARCHDRAW_TEST_MARKER=str(marker),
        PYTHONPATH=os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")]),
    )
    child = subprocess.run(
        [sys.executable, "-m", "archdraw", *argv, str(design)],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert child.returncode == 0, child.stderr
    path, first_step = marker.read_text().splitlines()
    assert path == str(design.resolve())
    assert first_step == "Opened shop.archdraw.yaml"
