"""A file that fails to load shows up in every lint format, with its problems and lines."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from archdraw.cli.main import run

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
GOOD = "archdraw: 1\nname: Good\ncomponents:\n  - {id: w, type: worker}\n"
BROKEN = "archdraw: 1\nname: Broken\ncomponents:\n  - {id: w, type: workr}\n"


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "good.archdraw.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "broken.archdraw.yaml").write_text(BROKEN, encoding="utf-8")
    return tmp_path


def lint(capsys: pytest.CaptureFixture[str], fmt: str) -> str:
    code = run(["lint", "good.archdraw.yaml", "broken.archdraw.yaml", "--format", fmt])
    assert code == 2
    out: str = capsys.readouterr().out
    return out


def test_json_lists_the_errors(files: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(lint(capsys, "json"))
    by_path = {f["path"]: f for f in data["files"]}
    assert by_path["good.archdraw.yaml"]["errors"] == []
    [error] = by_path["broken.archdraw.yaml"]["errors"]
    assert error["line"] == 4 and "unknown type 'workr' (did you mean 'worker'?" in error["message"]


def test_sarif_has_a_tool_notification_with_the_location(files: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    log = json.loads(lint(capsys, "sarif"))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(log)
    [invocation] = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    [note] = invocation["toolExecutionNotifications"]
    location = note["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "broken.archdraw.yaml"
    assert location["region"]["startLine"] == 4 and note["level"] == "error"


def test_junit_has_an_errored_case(files: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    root = ET.fromstring(lint(capsys, "junit").split("\n", 1)[1])
    assert root.get("errors") == "1"
    [suite] = [s for s in root if s.get("name") == "broken.archdraw.yaml"]
    [case] = list(suite)
    error = case.find("error")
    assert error is not None and "broken.archdraw.yaml:4:" in (error.text or "")


def test_github_annotation_for_the_file(files: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = lint(capsys, "github")
    assert "::error file=broken.archdraw.yaml,line=4,col=" in out


def test_text_says_it_was_not_linted(files: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = lint(capsys, "text")
    assert "broken.archdraw.yaml:4:" in out and "(the file was not linted)" not in out
    assert "broken.archdraw.yaml: the file was not linted (1 problem above)" in out
    assert out.rstrip().endswith("no findings in 1 file; 1 file could not be loaded")
