"""`[tool.archdraw]` / archdraw.toml: found upward, options win, `archdraw lint` alone
lints the project's designs, folders are searched, bad settings are exit 2 with a message."""

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
  - {id: ledger, type: database, props: {backups: true, auth: true, replication: none}}
links:
  - {from: web, to: api, props: {tls: true}}
  - {from: api, to: db, props: {timeout_ms: 200}}
  - {from: api, to: ledger, kind: async}
"""
CUSTOM_TYPE = """\
types:
  - id: mainframe
    label: Mainframe
    category: compute
    summary: The old system everything still calls.
    properties:
      replicas: {default: 1}
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in (
        "designs/a.archdraw.yaml",
        "designs/sub/b.archdraw.yaml",
        "drafts/c.archdraw.yaml",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(RISKY, encoding="utf-8")
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / "x.archdraw.yaml").write_text("not: a design", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "designs")
    return tmp_path


def lint(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict, str]:  # type: ignore[type-arg]
    code = run(["lint", "--format", "json", "--no-user-types", *argv])
    captured = capsys.readouterr()
    return code, json.loads(captured.out) if captured.out else {}, captured.err


def codes(data: dict) -> set[str]:  # type: ignore[type-arg]
    return {f["code"] for file in data["files"] for f in file["findings"]}


def paths(data: dict) -> list[str]:  # type: ignore[type-arg]
    return [file["path"] for file in data["files"]]


def configure(project: Path, text: str, name: str = "pyproject.toml") -> None:
    (project / name).write_text(text, encoding="utf-8")


def test_no_argument_lints_every_design_below_the_project(project: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    configure(project, "[project]\nname = 'x'\n\n[tool.archdraw]\nfail-on = 'error'\n")
    _, data, _ = lint(capsys)
    # Paths are shown relative to the working directory (designs/); node_modules is skipped.
    assert sorted(Path(p).name for p in paths(data)) == [
        "a.archdraw.yaml",
        "b.archdraw.yaml",
        "c.archdraw.yaml",
    ]
    assert "a.archdraw.yaml" in paths(data)  # relative to the working directory (designs/)


def test_include_exclude_and_folders(project: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    configure(
        project,
        "[tool.archdraw]\ninclude = ['designs/**/*.archdraw.yaml']\nexclude = ['**/sub/*']\n",
    )
    _, data, _ = lint(capsys)
    assert paths(data) == ["a.archdraw.yaml"]
    # A folder is searched with the same globs: drafts/ holds nothing the project includes.
    code, _, err = lint(capsys, str(project / "drafts"))
    assert code == 2 and "no design files" in err
    configure(project, "[tool.archdraw]\n")
    _, data, _ = lint(capsys, "sub")
    assert paths(data) == ["sub/b.archdraw.yaml"]


def test_selection_severity_and_fail_level_from_the_file(project: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, data, _ = lint(capsys, "a.archdraw.yaml")
    assert code == 1 and codes(data) == {"AD102", "AD103"}  # both warnings
    configure(project, "[tool.archdraw]\nselect = ['AD1']\nignore = ['AD102']\nfail-on = 'error'\n")
    code, data, _ = lint(capsys, "a.archdraw.yaml")
    assert codes(data) == {"AD103"} and code == 0  # a warning, under fail-on = error
    configure(
        project,
        "[tool.archdraw]\nfail-on = 'error'\nseverity = { missing-replication = 'error' }\n",
        "archdraw.toml",  # nearer than pyproject.toml? Same folder: archdraw.toml wins.
    )
    code, data, _ = lint(capsys, "a.archdraw.yaml")
    severities = {f["code"]: f["severity"] for f in data["files"][0]["findings"]}
    assert severities == {"AD102": "warning", "AD103": "error"} and code == 1
    # A design's own `lint: severity:` is nearer than the project's.
    own = RISKY + "lint:\n  severity: {AD103: info}\n"
    (project / "designs" / "a.archdraw.yaml").write_text(own, encoding="utf-8")
    _, data, _ = lint(capsys, "a.archdraw.yaml")
    assert {f["code"]: f["severity"] for f in data["files"][0]["findings"]}["AD103"] == "info"
    # The command line wins over the file.
    code, data, _ = lint(capsys, "a.archdraw.yaml", "--select", "AD102", "--fail-on", "info")
    assert codes(data) == {"AD102"} and code == 1
    code, data, _ = lint(capsys, "a.archdraw.yaml", "--fail-on", "warning", "--ignore", "AD103")
    assert codes(data) == {"AD102"} and code == 1


def test_baseline_path_and_library_folder_from_the_file(project: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    (project / "types").mkdir()
    (project / "types" / "mainframe.yaml").write_text(CUSTOM_TYPE, encoding="utf-8")
    (project / "designs" / "old.archdraw.yaml").write_text(
        "archdraw: 1\nname: Old\ncomponents:\n  - {id: mf, type: mainframe}\n", encoding="utf-8"
    )
    configure(project, "[tool.archdraw]\nbaseline = 'archdraw-baseline.json'\nlibrary = 'types'\n")
    code, _, err = lint(capsys, "--update-baseline")
    assert code == 0 and "archdraw-baseline.json" in err
    assert (project / "archdraw-baseline.json").is_file()
    code, data, _ = lint(capsys)
    assert code == 0 and "old.archdraw.yaml" in paths(data)
    assert {f["baseline_state"] for file in data["files"] for f in file["findings"]} == {
        "unchanged"
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[tool.archdraw]\nfail_on = 'fatal'\n", "fail-on must be one of error, warning, info"),
        ("[tool.archdraw]\nselcet = ['AD1']\n", "unknown key 'selcet' (did you mean 'select'?)"),
        ("[tool.archdraw]\nselect = ['AD999']\n", "unknown rule 'AD999'"),
        ("[tool.archdraw\n", "pyproject.toml:1:"),
        ("[tool.archdraw]\nlibrary = 'no-such-types'\n", "no-such-types is not a folder"),
    ],
)
def test_bad_configuration_is_exit_two_naming_the_file(
    project: Path,
    capsys,
    text: str,
    message: str,  # type: ignore[no-untyped-def]
) -> None:
    configure(project, text)
    code, _, err = lint(capsys, "a.archdraw.yaml")
    assert code == 2 and message in err and "pyproject.toml" in err


def test_no_designs_is_exit_two(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    code, _, err = lint(capsys)
    assert code == 2 and "no design files" in err


def test_no_designs_matching_the_include_globs_names_them(project: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    configure(project, "[tool.archdraw]\ninclude = ['models/*.yaml']\n")
    code, _, err = lint(capsys)
    assert code == 2
    assert "match the include globs of " in err and "pyproject.toml: models/*.yaml" in err


def test_diff_follows_the_project_configuration(project: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    # An API with no replica: AD101 (reliability, error) and the others are new in b.
    (project / "designs" / "b.archdraw.yaml").write_text(
        RISKY.replace("replicas: 2, auth", "replicas: 1, auth"), encoding="utf-8"
    )
    argv = ["diff", "a.archdraw.yaml", "b.archdraw.yaml", "--format", "json", "--no-derived"]
    assert run(argv) == 1
    before = json.loads(capsys.readouterr().out)["files"][0]["findings"]["introduced"]
    assert "AD101" in {f["code"] for f in before}
    configure(project, "[tool.archdraw]\nignore = ['AD1']\nfail-on = 'error'\n")
    code = run(argv)
    after = json.loads(capsys.readouterr().out)["files"][0]["findings"]["introduced"]
    assert not any(f["code"].startswith("AD1") for f in after)
    assert code == (1 if any(f["severity"] == "error" for f in after) else 0)


def test_a_broken_type_in_the_project_library_is_reported(project: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    (project / "types").mkdir()
    (project / "types" / "bad.yaml").write_text(
        "types:\n  - id: mainframe\n    label: Mainframe\n", encoding="utf-8"
    )
    configure(project, "[tool.archdraw]\nlibrary = 'types'\n")
    _, _, err = lint(capsys, "a.archdraw.yaml")
    assert "bad.yaml:2:5: " in err and "(type skipped; library of " in err


def test_a_renamed_design_keeps_its_accepted_findings(project: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    baseline = project / "baseline.json"
    code, _, _ = lint(capsys, "a.archdraw.yaml", "--baseline", str(baseline), "--update-baseline")
    assert code == 0
    (project / "designs" / "a.archdraw.yaml").rename(project / "designs" / "renamed.archdraw.yaml")
    code, data, _ = lint(capsys, "renamed.archdraw.yaml", "--baseline", str(baseline))
    states = {f["baseline_state"] for file in data["files"] for f in file["findings"]}
    assert code == 0 and states == {"unchanged"}
    # Entries of a design that still exists stay its own: a copy of it starts with new findings.
    (project / "designs" / "copy.archdraw.yaml").write_text(RISKY, encoding="utf-8")
    lint(capsys, "renamed.archdraw.yaml", "--baseline", str(baseline), "--update-baseline")
    code, data, _ = lint(capsys, "copy.archdraw.yaml", "--baseline", str(baseline))
    states = {f["baseline_state"] for file in data["files"] for f in file["findings"]}
    assert code == 1 and states == {"new"}


def test_a_baseline_not_there_yet_is_said(project: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    # A mistyped --baseline must not pass silently for an empty one.
    code, data, err = lint(capsys, "a.archdraw.yaml", "--baseline", "basline.json")
    assert codes(data) and code == 1
    assert "no baseline at basline.json yet: every finding is new" in err
    assert not (project / "designs" / "basline.json").exists()
    _, _, err = lint(capsys, "a.archdraw.yaml", "--baseline", "basline.json", "--update-baseline")
    assert "no baseline" not in err and (project / "designs" / "basline.json").exists()
    _, _, err = lint(capsys, "a.archdraw.yaml", "--baseline", "basline.json")
    assert "no baseline" not in err


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[tool.archdraw]\n\nfail_on = 'fatal'\n", "pyproject.toml:3:1: [tool.archdraw] fail-on"),
        (
            "[tool.archdraw]\n  selcet = ['AD1']\n",
            "pyproject.toml:2:3: [tool.archdraw] has unknown",
        ),
        ("[tool.archdraw]\nselect = ['AD1'\nfoo = 1\n", "pyproject.toml:3:1: Unclosed array\n"),
    ],
)
def test_a_configuration_error_names_its_line(
    project: Path, capsys, text: str, message: str
) -> None:  # type: ignore[no-untyped-def]
    configure(project, text)
    code, _, err = lint(capsys, "a.archdraw.yaml")
    assert code == 2 and message in err


def test_unreadable_configuration_and_baseline_say_why_without_python_words(
    project: Path,
    capsys,  # type: ignore[no-untyped-def]
) -> None:
    (project / "designs" / "junk.bin").write_bytes(b"\x00\xfe\x01binary")
    for option, name, message in (
        ("--config", "missing.toml", "missing.toml:1:1: cannot read: No such file or directory"),
        ("--config", "junk.bin", "junk.bin:1:1: this is a binary file, not a TOML file"),
        ("--baseline", "junk.bin", "junk.bin:1:1: this is a binary file, not a JSON baseline"),
        ("--baseline", ".", ".:1:1: is a folder, not a JSON baseline"),
    ):
        code, _, err = lint(capsys, "a.archdraw.yaml", option, name)
        assert code == 2 and message in err and "Errno" not in err, err
