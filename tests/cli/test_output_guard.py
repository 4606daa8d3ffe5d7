"""`-o` naming the design a command reads is refused: a report must not replace its input."""

from __future__ import annotations

from pathlib import Path

import pytest

from archdraw.cli.main import run

DESIGN = "archdraw: 1\nname: One\ncomponents:\n  - {id: api, type: service}\n"


@pytest.mark.parametrize("command", [["lint"], ["diff", "other.archdraw.yaml"]])
def test_output_over_the_design_is_refused(
    command: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    design = tmp_path / "one.archdraw.yaml"
    design.write_text(DESIGN, encoding="utf-8")
    (tmp_path / "other.archdraw.yaml").write_text(DESIGN, encoding="utf-8")
    name, *rest = command
    code = run([name, *rest, "one.archdraw.yaml", "--no-user-types", "-o", "./one.archdraw.yaml"])
    assert code == 2 and design.read_text(encoding="utf-8") == DESIGN
    assert "is an input (one.archdraw.yaml); nothing written" in capsys.readouterr().err
