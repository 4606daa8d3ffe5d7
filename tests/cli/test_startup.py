"""Start-up: a command imports only what it needs, so quick commands stay quick."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from archdraw.io.samples import sample_dir

HEAVY = ("networkx", "simpy", "graphviz", "lucide")


def _heavy_modules_after(argv: list[str]) -> list[str]:
    script = (
        "import json, sys\n"
        "from archdraw.cli.main import run\n"
        f"status = run({argv!r})\n"
        f"heavy = sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))\n"
        # stderr, because some commands write their output to stdout
        "print(json.dumps([status, heavy]), file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    status, heavy = json.loads(result.stderr.splitlines()[-1])
    assert status == 0
    return list(heavy)


@pytest.mark.parametrize("command", ["--version", "validate", "rules"])
def test_quick_commands_do_not_import_layout_or_simulation(command: str) -> None:
    sample = str(sorted(Path(sample_dir()).glob("*.archdraw.yaml"))[0])
    argv = {"--version": ["--version"], "validate": ["validate", "-q", sample]}.get(
        command, [command]
    )
    assert _heavy_modules_after(argv) == []


def _first_sample() -> str:
    return str(sorted(Path(sample_dir()).glob("*.archdraw.yaml"))[0])


@pytest.mark.parametrize(
    "fmt", ["mermaid", "d2", "plantuml", "dot", "structurizr", "json", "drawio"]
)
def test_text_export_does_not_import_layout_engine_or_simulation(fmt: str) -> None:
    heavy = _heavy_modules_after(["export", "-f", fmt, "-o", "-", _first_sample()])
    assert "networkx" not in heavy
    assert "simpy" not in heavy


def test_analyze_without_simulate_does_not_import_simpy() -> None:
    assert "simpy" not in _heavy_modules_after(["analyze", _first_sample()])


def test_analyze_with_simulate_still_simulates() -> None:
    heavy = _heavy_modules_after(["analyze", "--simulate", "--requests", "500", _first_sample()])
    assert "simpy" in heavy


def test_version_does_not_load_the_design_model() -> None:
    script = (
        "import sys\n"
        "from archdraw.main import main\n"
        "main(['--version'])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'yaml')"
        " or m.startswith('archdraw.model')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "[]"
