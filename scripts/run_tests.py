"""Runs the whole pytest suite and fails if any test process dies by a signal.

Two pytest processes: the tests that load Qt run in one process without
xdist, the rest in parallel. pytest-xdist notices a worker that crashes during
a test, but not one that crashes while its interpreter exits, after its
results are in; Qt objects destroyed at exit crashed exactly that way and the
run stayed green. A pytest process killed by a signal (a negative return code
here) fails the run whatever it printed before, and so does a run that
collects no test.

    python scripts/run_tests.py            the whole suite, both runs
    python scripts/run_tests.py ARGS...    one run without xdist, with ARGS for pytest
"""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

NO_TESTS_COLLECTED = 5
RUNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("core tests, two workers", ("-n", "2", "--dist", "loadgroup", "-m", "not qt")),
    ("Qt tests, one process", ("-p", "no:xdist", "-m", "qt")),
)


def run_pytest(name: str, args: Sequence[str], cwd: Path | None = None) -> int:
    """Run one pytest process; a death by signal becomes a failure with a message saying so."""
    print(f"-- pytest: {name}", flush=True)
    code = subprocess.run([sys.executable, "-m", "pytest", "-q", *args], cwd=cwd).returncode
    if code < 0:
        died = signal.Signals(-code).name
        print(f"FAILED: the pytest process ({name}) died by signal {died}", flush=True)
        return 1
    if code == NO_TESTS_COLLECTED:
        print(f"FAILED: the pytest process ({name}) ran no test", flush=True)
        return 1
    return code


def main(argv: Sequence[str]) -> int:
    if argv:
        return run_pytest("selected tests, one process", ["-p", "no:xdist", *argv])
    codes = [run_pytest(name, args) for name, args in RUNS]
    return next((code for code in codes if code), 0)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
