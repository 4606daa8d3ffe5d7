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


def _start(argv: list[str], env: dict[str, str], cwd: Path) -> tuple[int, str, list[str]]:
    """Run `archdraw.main.main(argv)` in a fresh process: status, stderr, Qt modules loaded."""
    script = (
        "import json, sys\n"
        "from archdraw.main import main\n"
        f"status = main({argv!r})\n"
        "print(json.dumps([status, sorted(m for m in sys.modules if m.startswith('PySide6'))]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=cwd,
    )
    status, qt = json.loads(result.stdout.splitlines()[-1])
    return status, result.stderr, qt


def _without_display(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    import os

    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    return dict(os.environ)


def test_a_mistyped_command_is_unknown_with_a_suggestion(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "file.yaml").write_text("archdraw: 1\nname: x\n")
    status, stderr, qt = _start(["lnit", "file.yaml"], _without_display(monkeypatch), tmp_path)
    assert status == 2
    assert "unknown command 'lnit' (did you mean 'lint'?)" in stderr
    assert qt == []
    # The list a mistyped command shows names every command, the self-test too.
    listed = stderr.split("commands: ")[1].splitlines()[0]
    assert listed.startswith("edit, validate, ") and listed.endswith(", textconv, self-test")


def test_a_word_for_an_option_of_another_command_points_to_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # A learner looks for the cost estimate as a command of its own; it is an analysis.
    (tmp_path / "shop.archdraw.yaml").write_text("archdraw: 1\nname: x\n")
    env = _without_display(monkeypatch)
    status, stderr, qt = _start(["cost", "shop.archdraw.yaml"], env, tmp_path)
    assert status == 2
    assert "unknown command 'cost' (did you mean 'archdraw analyze --cost FILE'?)" in stderr
    assert qt == []
    _, stderr, _ = _start(["Growth", "shop.archdraw.yaml"], env, tmp_path)
    assert "did you mean 'archdraw analyze --growth FILE'?" in stderr


def test_edit_is_the_editor_command_not_a_mistyped_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Users coming from other tools type `archdraw edit FILE`: every word after `edit` is a
    # file for the editor (here it stops at the missing display, before Qt, as `archdraw
    # FILE` does), even one not shaped like a design file.
    env = _without_display(monkeypatch)
    for argv in (["edit", "shop.archdraw.yaml"], ["edit", "notes"], ["edit"]):
        status, stderr, qt = _start(argv, env, tmp_path)
        assert status == 2, argv
        assert "no display" in stderr and "unknown command" not in stderr, stderr
        assert qt == []
    status, stderr, _ = _start(["edt", "x"], env, tmp_path)
    assert "did you mean 'edit'?" in stderr
    assert "archdraw edit FILE.archdraw.yaml" in stderr


def test_edit_has_its_own_help_and_refuses_options_it_does_not_take(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from archdraw.main import main

    assert main(["edit", "-h"]) == 0
    assert capsys.readouterr().out.startswith("usage: archdraw edit [-h] [FILE ...]")
    assert main(["edit", "--fail", "x"]) == 2
    assert "unrecognized arguments: --fail" in capsys.readouterr().err


def test_help_names_the_self_test(capsys: pytest.CaptureFixture[str]) -> None:
    from archdraw.cli.main import run

    assert run(["-h"]) == 0
    assert "archdraw self-test checks an installed archdraw" in capsys.readouterr().out


def test_no_display_says_how_to_run_headless_before_qt(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    status, stderr, qt = _start(["design.archdraw.yaml"], _without_display(monkeypatch), tmp_path)
    assert status == 2
    assert "no display" in stderr
    assert "QT_QPA_PLATFORM=offscreen" in stderr and "xvfb-run" in stderr
    assert qt == []


def test_an_existing_file_named_like_a_word_still_opens_in_the_editor(tmp_path: Path) -> None:
    from archdraw.main import _unknown_command

    (tmp_path / "lnit").write_text("archdraw: 1\nname: x\n")
    assert _unknown_command(str(tmp_path / "lnit")) is None
    assert _unknown_command("nosuchword") is not None


@pytest.mark.parametrize(
    ("display", "wayland", "missing"), [("", "", True), (":0", "", False), ("", "wayland-0", False)]
)
def test_the_editor_and_the_self_test_ask_one_question_about_the_display(
    monkeypatch: pytest.MonkeyPatch, display: str, wayland: str, missing: bool
) -> None:
    from archdraw import main, selftest

    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("DISPLAY", display)
    monkeypatch.setenv("WAYLAND_DISPLAY", wayland)
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    assert selftest.no_display() is missing
    assert (main._missing_display() is not None) is missing
    assert selftest._headless_if_needed() == ("offscreen" if missing else "native")
    # The editor asks the self-test's question.
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setattr(main, "no_display", lambda: not missing)
    assert (main._missing_display() is not None) is not missing
