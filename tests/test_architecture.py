"""The layering of ARCHITECTURE.md: import contracts, a Qt-free core, small modules."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "src" / "archdraw"
MAX_LINES = 400
# Every package below the GUI must import without Qt; the gui package itself may not.
NOT_CORE = {"gui"}


def core_packages() -> list[str]:
    return sorted(
        f"archdraw.{path.parent.name}"
        for path in SOURCE.glob("*/__init__.py")
        if path.parent.name not in NOT_CORE
    )


def test_import_contracts_hold() -> None:
    linter = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(linter), "--no-cache"], cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_core_and_cli_import_without_qt() -> None:
    # Every package on disk except the GUI, so a new core package is never skipped.
    packages = core_packages()
    assert {"archdraw.model", "archdraw.source", "archdraw.io", "archdraw.library"} <= set(packages)
    modules = [*packages, "archdraw.cli.main", "archdraw.main"]
    script = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "from archdraw.cli.main import build_parser\n"
        "build_parser()\n"
        "print(json.dumps(sorted(m for m in sys.modules "
        "if m.split('.')[0] in ('PySide6', 'shiboken6') or m.startswith('archdraw.gui'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_every_module_is_short() -> None:
    too_long = {
        str(path.relative_to(REPO)): lines
        for path in sorted(SOURCE.rglob("*.py"))
        if (lines := path.read_text(encoding="utf-8").count("\n")) > MAX_LINES
    }
    assert too_long == {}, f"split these modules (limit {MAX_LINES} lines): {too_long}"
