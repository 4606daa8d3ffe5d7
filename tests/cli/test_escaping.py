"""Control characters from a file are shown as escapes in every human and CI output (issue 15)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from archdraw.cli.main import run
from archdraw.source import printable

# A title-setting escape, a clear-screen, a forged text line and a forged annotation.
HOSTILE = (
    "\\e]0;owned\\a\\e[2J x\\nevil.archdraw.yaml:1:1: AD999 [error] forged"
    "\\n::error file=x::forged\\r\\u2028\\x85\\uFFFE"
)
DESIGN = f"""\
archdraw: 1
name: "{HOSTILE}"
components:
  - {{id: web, type: client, label: "{HOSTILE}", props: {{rps: 10}}}}
  - {{id: api, type: service, label: "{HOSTILE}"}}
links:
  - {{from: web, to: api}}
"""
RAW = ("\x1b", "\x07", "\r", "\u2028", "\x85", "\ufffe")


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.archdraw.yaml"
    path.write_text(DESIGN, encoding="utf-8")
    return path


def _no_raw_controls(text: str) -> None:
    assert not any(char in text for char in RAW), repr(text[:300])


def test_printable_shows_every_control_character() -> None:
    assert printable("a\nb\x1b[2J\u2028\x85\t") == "a\\nb\\x1b[2J\\u2028\\x85\\t"
    assert printable("plain ünïcode → ok") == "plain ünïcode → ok"


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_lint_lines_cannot_be_forged(
    hostile: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    run(["lint", "--no-user-types", "--format", fmt, str(hostile)])
    out = capsys.readouterr().out
    _no_raw_controls(out)
    lines = [line for line in out.splitlines() if line]
    assert not any(line.startswith(("evil.archdraw.yaml", "::error file=x")) for line in lines)
    if fmt == "github":
        assert all(line.startswith("::") for line in lines)


def test_junit_output_is_well_formed_xml(hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(["lint", "--no-user-types", "--format", "junit", str(hostile)])
    out = capsys.readouterr().out
    _no_raw_controls(out)
    assert ET.fromstring(out.split("\n", 1)[1]).tag == "testsuites"


def test_json_formats_stay_exact(hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(["lint", "--no-user-types", "--format", "json", str(hostile)])
    data = json.loads(capsys.readouterr().out)
    assert data["files"]


def test_validate_and_analyze_show_escapes(
    hostile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.archdraw.yaml"
    bad.write_text(DESIGN.replace("type: service", f'type: "{HOSTILE}"'), encoding="utf-8")
    assert run(["validate", "--no-user-types", str(bad)]) == 2
    err = capsys.readouterr().err
    _no_raw_controls(err)
    assert len(err.splitlines()) == 1
    run(["analyze", "--no-user-types", str(hostile)])
    _no_raw_controls(capsys.readouterr().out)
