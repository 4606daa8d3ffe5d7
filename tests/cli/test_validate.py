"""`archdraw validate`: exit codes, and problems on stderr as file:line:col: message."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from archdraw.cli.main import run

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"
PROBLEM = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+): (?P<message>.+)$")


def test_valid_file_exits_0(good_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["validate", "--no-user-types", str(good_file)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out == f"{good_file}: ok (2 components, 1 link, 0 zones)\n"


def test_quiet_prints_nothing(good_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["validate", "-q", "--no-user-types", str(good_file)]) == 0
    assert capsys.readouterr() == ("", "")


def test_invalid_file_exits_2_with_located_problems(
    good_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = BAD / "three_problems.archdraw.yaml"
    assert run(["validate", "--no-user-types", str(good_file), str(bad)]) == 2
    out, err = capsys.readouterr()
    assert f"{good_file}: ok" in out
    lines = err.splitlines()
    assert len(lines) == 3
    for line in lines:
        match = PROBLEM.match(line)
        assert match, line
        assert match["file"] == str(bad)
    assert [int(PROBLEM.match(line)["line"]) for line in lines] == [9, 11, 14]  # type: ignore[index]


def test_every_bad_file_is_reported_in_one_run(capsys: pytest.CaptureFixture[str]) -> None:
    files = sorted(str(p) for p in BAD.glob("*.archdraw.yaml"))
    assert run(["validate", "--no-user-types", *files]) == 2
    reported = {PROBLEM.match(line)["file"] for line in capsys.readouterr().err.splitlines()}  # type: ignore[index]
    assert reported == set(files)


def test_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.archdraw.yaml"
    assert run(["validate", "--no-user-types", str(missing)]) == 2
    assert capsys.readouterr().err.startswith(f"{missing}:1:1: cannot read")


def test_no_files_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["validate"]) == 2
    assert "FILE" in capsys.readouterr().err


def test_command_line_entry_point(good_file: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "archdraw", "validate", "--no-user-types", str(good_file)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "ok (2 components" in result.stdout
    version = subprocess.run(
        [sys.executable, "-m", "archdraw", "--version"], capture_output=True, text=True, timeout=60
    )
    assert version.returncode == 0 and version.stdout.startswith("archdraw ")
