"""Over its time limit the self-test says which step ran over, in one line, exit 1: no
thread dump (it was faulthandler's traceback of every thread)."""

from __future__ import annotations

import subprocess
import sys

PROGRAM = """
import time
from archdraw import selftest
selftest.TIME_LIMIT_S = 3
selftest._load = lambda state: time.sleep(30)
raise SystemExit(selftest.main([]))
"""


def test_running_over_the_limit_names_the_step() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1
    assert "self-test FAILED: the 3 s limit ran out during step 'load a sample'" in done.stdout
    assert "Traceback" not in done.stderr and "Thread 0x" not in done.stderr
