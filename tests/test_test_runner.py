"""The test command fails when a test process dies by a signal, even after its results are in."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _runner():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("run_tests", REPO / "scripts" / "run_tests.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CRASH_AT_EXIT = """
import atexit, os, signal

def test_passes_then_the_process_dies_at_exit():
    atexit.register(lambda: os.kill(os.getpid(), signal.SIGSEGV))
"""

CRASH_IN_TEST = """
import os, signal

def test_dies():
    os.kill(os.getpid(), signal.SIGSEGV)
"""


@pytest.mark.parametrize("source", [CRASH_AT_EXIT, CRASH_IN_TEST], ids=["at-exit", "in-test"])
def test_a_process_killed_by_a_signal_fails_the_run(tmp_path, capfd, source):  # type: ignore[no-untyped-def]
    (tmp_path / "test_crash.py").write_text(source)
    code = _runner().run_pytest("crash", ["-p", "no:xdist", "-p", "no:cacheprovider"], tmp_path)
    assert code == 1
    assert "died by signal SIGSEGV" in capfd.readouterr().out


def test_a_run_that_collects_nothing_fails(tmp_path, capfd):  # type: ignore[no-untyped-def]
    (tmp_path / "test_nothing.py").write_text("x = 1\n")
    code = _runner().run_pytest("empty", ["-p", "no:xdist", "-p", "no:cacheprovider"], tmp_path)
    assert code == 1
    assert "ran no test" in capfd.readouterr().out


def test_a_clean_run_passes(tmp_path):  # type: ignore[no-untyped-def]
    (tmp_path / "test_fine.py").write_text("def test_fine():\n    assert 1 + 1 == 2\n")
    assert _runner().run_pytest("fine", ["-p", "no:xdist", "-p", "no:cacheprovider"], tmp_path) == 0


def test_qt_modules_run_in_the_one_process_run():  # type: ignore[no-untyped-def]
    # The marks decide which run a test lands in: every module that loads Qt must be
    # in the run without xdist, and no core module may be.
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--collect-only",
            "-q",
            "-p",
            "no:xdist",
            "-m",
            "qt",
            "tests/gui/test_property_edits.py",
            "tests/export/test_raster.py",
            "tests/model",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    collected = [line for line in done.stdout.splitlines() if "::" in line]
    files = {line.split("::")[0] for line in collected}
    assert files == {"tests/gui/test_property_edits.py", "tests/export/test_raster.py"}
