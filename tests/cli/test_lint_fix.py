"""`archdraw lint --fix`: the editor's fixes (the same `fix_edit`), saved atomically, reported;
`--fix --dry-run` shows them as a unified diff and writes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archdraw.cli.main import run
from archdraw.io import load
from archdraw.library import Library
from archdraw.lint import lint_design
from archdraw.lint.fixes import fix_edit
from archdraw.model import Document

# One instance of 'api', stated: AD101's error, with its fix (a question about several
# unstated instance counts has none: one fix sets one component's properties).
NAIVE = """\
archdraw: 1
name: Naive
components:
  - {id: web, type: client, props: {rps: 50}}
  - {id: api, type: service, props: {replicas: 1, auth: true, rate_limit: 100, capacity_rps: 500}}
  - {id: db, type: database, props: {auth: true, backups: true}}
links:
  - {from: web, to: api, props: {tls: true}}
  - {from: api, to: db, props: {timeout_ms: 200, tls: true}}
"""


@pytest.fixture
def design(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "naive.archdraw.yaml"
    path.write_text(NAIVE, encoding="utf-8")
    return path


def lint(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run(["lint", "--no-user-types", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def codes_on(out: str, element: str) -> set[str]:
    data = json.loads(out)
    return {f["code"] for f in data["files"][0]["findings"] if f["component"] == element}


def test_fix_writes_the_fixes_and_says_what_changed(design: Path, library: Library, capsys) -> None:  # type: ignore[no-untyped-def]
    _, before, _ = lint(capsys, design.name, "--format", "json")
    assert "AD101" in codes_on(before, "api")
    _, out, err = lint(capsys, design.name, "--fix", "--format", "json")
    assert "fixed naive.archdraw.yaml:5: AD101 Run 2 replicas" in err
    assert "AD101" not in codes_on(out, "api")  # the report is of the fixed file
    saved = load(design, library).design
    assert saved.component("api").props["replicas"] == 2  # type: ignore[union-attr]
    assert not list(design.parent.glob("*.tmp*"))  # written through a temporary file
    # Running it again finds nothing more to fix.
    _, _, err = lint(capsys, design.name, "--fix", "--format", "json")
    assert "fixed" not in err


def test_dry_run_prints_a_diff_and_writes_nothing(design: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    _, out, err = lint(capsys, design.name, "--fix", "--dry-run")
    assert design.read_text(encoding="utf-8") == NAIVE
    assert out.startswith(
        "--- naive.archdraw.yaml (as archdraw saves it)\n+++ naive.archdraw.yaml (fixed)\n"
    )
    assert "replicas: 2" in "".join(line for line in out.splitlines() if line.startswith("+"))
    assert "would fix naive.archdraw.yaml:5: AD101 Run 2 replicas" in err
    assert "naive.archdraw.yaml: not in the layout archdraw saves" in err
    # The findings after the diff are those of the file on disk, at its own lines.
    assert "naive.archdraw.yaml:5:5: AD101" in out


def test_dry_run_shows_only_the_fixes_of_a_hand_laid_out_file(design: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = lint(capsys, design.name, "--fix", "--dry-run")
    changed = [
        line for line in out.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    # Only the lines the fixes touch (api's props, db's props, ...), not every re-laid-out line.
    assert 0 < len(changed) <= 8, changed


def test_dry_run_of_a_file_in_saved_layout_diffs_the_file_itself(
    design: Path, library: Library, capsys
) -> None:  # type: ignore[no-untyped-def]
    from archdraw.io import dumps

    design.write_text(dumps(load(design, library).design), encoding="utf-8")
    _, out, err = lint(capsys, design.name, "--fix", "--dry-run")
    assert out.startswith("--- naive.archdraw.yaml\n+++ naive.archdraw.yaml (fixed)\n")
    assert "not in the layout" not in err


def test_dry_run_needs_fix(design: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, _, err = lint(capsys, design.name, "--dry-run")
    assert code == 2 and "--dry-run goes with --fix" in err


def test_fix_edit_is_an_undoable_edit(design: Path, library: Library) -> None:
    loaded = load(design, library)
    document = Document(loaded.design.model_copy(deep=True), design)
    [finding] = [
        f for f in lint_design(loaded.design, library) if f.code == "AD101" and f.component == "api"
    ]
    edit = fix_edit(finding)
    assert edit is not None and edit.label == "Fix AD101: Run 2 replicas"
    inverse = document.apply(edit)
    assert document.design.component("api").props["replicas"] == 2  # type: ignore[union-attr]
    document.apply(inverse)
    assert document.design == loaded.design


def test_fixes_on_one_property_are_applied_in_rounds(
    tmp_path: Path, library: Library, capsys
) -> None:  # type: ignore[no-untyped-def]
    # AD101 asks for 2 replicas, AD209 (900 req/s on 300 each) for more: the second is
    # asked again after the first is in, instead of one overwriting the other blindly.
    design = tmp_path / "busy.archdraw.yaml"
    design.write_text(
        NAIVE.replace("props: {rps: 50}", "props: {rps: 900}").replace(
            "capacity_rps: 500", "capacity_rps: 300"
        ),
        encoding="utf-8",
    )
    lint(capsys, str(design), "--fix", "--format", "json")
    replicas = load(design, library).design.component("api").props["replicas"]  # type: ignore[union-attr]
    assert replicas * 300 > 900  # enough for the load, whatever order the rules came in
    _, out, _ = lint(capsys, str(design), "--format", "json")
    assert not codes_on(out, "api") & {"AD101", "AD209"}
