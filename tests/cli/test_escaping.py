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


def _no_forged_lines(text: str) -> None:
    """Neither a control character nor a line of the label's own making reaches the output."""
    _no_raw_controls(text)
    for line in text.splitlines():
        assert not line.lstrip(" -|*#>").startswith(("evil.archdraw.yaml", "::error")), line


@pytest.fixture
def hostile_pair(tmp_path: Path) -> tuple[Path, Path]:
    """Two versions of a hostile design: a changed rate, a component and a link added."""
    old = tmp_path / "old.archdraw.yaml"
    old.write_text(DESIGN, encoding="utf-8")
    new = tmp_path / "new.archdraw.yaml"
    added = f'  - {{id: db, type: database, label: "{HOSTILE}"}}\nlinks:'
    new.write_text(
        DESIGN.replace("rps: 10", "rps: 20").replace("links:", added)
        + f'  - {{from: api, to: db, label: "{HOSTILE}"}}\n',
        encoding="utf-8",
    )
    return old, new


@pytest.mark.parametrize(
    "options",
    [
        [],
        ["--cost"],
        ["--weakest", "--availability", "--fail", "api"],
        ["--fail", "api", "--cost", "--growth", "3"],
    ],
)
def test_analyze_lines_cannot_be_forged(
    hostile: Path, capsys: pytest.CaptureFixture[str], options: list[str]
) -> None:
    assert run(["analyze", "--no-user-types", *options, str(hostile)]) == 0
    out = capsys.readouterr().out
    _no_forged_lines(out)
    assert "\\nevil.archdraw.yaml" in out  # the label is shown, escaped


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_diff_lines_cannot_be_forged(
    hostile_pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    old, new = hostile_pair
    run(["diff", "--no-user-types", "--format", fmt, str(old), str(new)])
    out = capsys.readouterr().out
    _no_forged_lines(out)
    assert "evil.archdraw.yaml" in out


def test_review_lines_cannot_be_forged(hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["review", "--no-user-types", str(hostile)]) == 0
    out = capsys.readouterr().out
    _no_forged_lines(out)
    assert out.startswith("# Design review: ") and "evil.archdraw.yaml" in out.splitlines()[0]


def test_prices_lines_cannot_be_forged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "prices"
    folder.mkdir()
    (folder / "mine.yaml").write_text(
        f'prices:\n  vm.general: {{price: 0.05, unit: replica-hour, what: "{HOSTILE}"}}\n'
        f'models:\n  "{HOSTILE}": {{input_per_mtok: 1}}\nsource: "{HOSTILE}"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr("archdraw.cli.prices.user_prices_dir", lambda: folder)
    assert run(["prices"]) == 0
    out = capsys.readouterr().out
    _no_forged_lines(out)
    assert out.count("evil.archdraw.yaml") == 3


def test_import_report_lines_cannot_be_forged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    compose = tmp_path / "compose.yaml"
    compose.write_text(
        f'services:\n  "{HOSTILE}":\n    image: nginx\n    depends_on: [db]\n'
        "  db:\n    image: postgres:16\n",
        encoding="utf-8",
    )
    assert run(["import", "--no-user-types", str(compose), "-o", str(tmp_path / "d.yaml")]) == 0
    out = capsys.readouterr().out
    _no_forged_lines(out)
    assert "evil.archdraw.yaml" in out


def test_self_test_lines_cannot_be_forged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from archdraw import selftest

    # The report quotes the sample's file name; a name can hold any character but "/".
    name = "x\nevil.archdraw.yaml:1:1: AD999 [error] forged\x1b]0;owned\x07\u2028"
    (tmp_path / f"{name}.archdraw.yaml").write_text(DESIGN, encoding="utf-8")
    monkeypatch.setattr(selftest, "SAMPLE", name)
    monkeypatch.setattr("archdraw.io.samples.sample_dir", lambda: tmp_path)
    every_step = selftest._steps
    monkeypatch.setattr(selftest, "_steps", lambda state: every_step(state)[:1])
    steps = selftest.run_self_test()
    out = capsys.readouterr().out
    assert [step.error for step in steps] == [None]
    _no_forged_lines(out)
    assert "evil.archdraw.yaml" in out
