"""`archdraw lint`: formats, --select/--ignore, --fail-on and exit codes 0/1/2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archdraw.cli.main import run

RISKY = """\
archdraw: 1
name: Risky
components:
  - {id: web, type: client}
  - {id: api, type: service, props: {replicas: 2, auth: true, rate_limit: 50}}
  - {id: db, type: database, props: {backups: true, auth: true, replicas: 2, failover: none}}
links:
  - {from: web, to: api, props: {tls: true}}
  - {from: api, to: db, props: {timeout_ms: 200}}
"""
# Only info-level findings: AD110 (async failover loses recent writes).
MILD = """\
archdraw: 1
name: Mild
components:
  - id: db
    type: database
    props: {backups: true, auth: true, replicas: 2, failover: active-standby, replication: async}
"""


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "risky.archdraw.yaml").write_text(RISKY, encoding="utf-8")
    (tmp_path / "mild.archdraw.yaml").write_text(MILD, encoding="utf-8")
    (tmp_path / "broken.archdraw.yaml").write_text("archdraw: 1\nname: [\n", encoding="utf-8")
    return tmp_path


def lint(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run(["lint", *argv, "--no-user-types"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_text_output_and_exit_one_on_findings(files: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = lint(capsys, "risky.archdraw.yaml")
    assert code == 1
    assert "risky.archdraw.yaml:6:5: AD102 [warning]" in out


def test_fail_on_threshold(files: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert lint(capsys, "mild.archdraw.yaml")[0] == 0  # default: warning
    assert lint(capsys, "mild.archdraw.yaml", "--fail-on", "info")[0] == 1
    assert lint(capsys, "risky.archdraw.yaml", "--fail-on", "error")[0] == 0


def test_invalid_file_exits_two_and_names_the_line(files: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = lint(capsys, "broken.archdraw.yaml", "mild.archdraw.yaml")
    assert code == 2
    assert "broken.archdraw.yaml:" in out and "1 file could not be loaded" in out
    code, out, err = lint(capsys, "broken.archdraw.yaml", "--format", "json")
    assert code == 2 and "broken.archdraw.yaml:" in err
    assert json.loads(out)["files"][0]["errors"][0]["line"] >= 1


def test_select_and_ignore(files: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = lint(capsys, "risky.archdraw.yaml", "--select", "AD102", "--format", "json")
    codes = {f["code"] for f in json.loads(out)["files"][0]["findings"]}
    assert codes == {"AD102"} and code == 1
    _, out, _ = lint(capsys, "risky.archdraw.yaml", "--select", "AD1", "--format", "json")
    codes = {f["code"] for f in json.loads(out)["files"][0]["findings"]}
    assert codes and all(c.startswith("AD1") for c in codes)
    code, out, _ = lint(
        capsys, "risky.archdraw.yaml", "--ignore", "missing-failover,AD6", "--format", "json"
    )
    codes = {f["code"] for f in json.loads(out)["files"][0]["findings"]}
    assert "AD102" not in codes and not any(c.startswith("AD6") for c in codes)


def test_unknown_rule_in_select_is_a_usage_error(files: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, _, err = lint(capsys, "risky.archdraw.yaml", "--select", "AD999")
    assert code == 2 and "AD999" in err


def test_every_format_writes_something_parseable(files: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    for fmt in ("json", "sarif"):
        _, out, _ = lint(capsys, "risky.archdraw.yaml", "--format", fmt)
        assert json.loads(out)
    _, out, _ = lint(capsys, "risky.archdraw.yaml", "--format", "junit")
    assert out.startswith("<?xml")
    _, out, _ = lint(capsys, "risky.archdraw.yaml", "--format", "github")
    assert out.startswith("::warning file=risky.archdraw.yaml,line=6,")


def test_sarif_paths_are_relative_to_the_working_directory(files: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = lint(capsys, str(files / "risky.archdraw.yaml"), "--format", "sarif")
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in json.loads(out)["runs"][0]["results"]
    }
    assert uris == {"risky.archdraw.yaml"}


def test_output_file(files: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = lint(capsys, "risky.archdraw.yaml", "--format", "json", "-o", "out.json")
    assert code == 1 and out == ""
    assert json.loads((files / "out.json").read_text(encoding="utf-8"))["version"] == 1


def test_unwritable_output_is_exit_2_with_a_message(files: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, _, err = lint(capsys, "risky.archdraw.yaml", "-o", str(files / "no-such-dir" / "out"))
    assert code == 2
    assert "archdraw lint: cannot write" in err and "Traceback" not in err


def test_missing_file_is_invalid(files: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert lint(capsys, "nope.archdraw.yaml")[0] == 2


def test_unknown_format_is_a_usage_error(files: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert lint(capsys, "risky.archdraw.yaml", "--format", "xml")[0] == 2
