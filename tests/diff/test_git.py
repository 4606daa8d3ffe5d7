"""Against git history: `lint --diff REV`, the baseline (accept, fail on new, prune) and
`archdraw diff` with revisions, on a temporary repository with three commits.

Commit 1 has the shop before; commit 2 adds a cache with no replica (AD304 and
others, new); commit 3 removes the search index (its findings go away).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from archdraw.cli.main import run

DATA = Path(__file__).parent / "data"
SCHEMA = Path(__file__).resolve().parents[1] / "lint" / "data" / "sarif-schema-2.1.0.json"
DESIGN = "designs/shop.archdraw.yaml"
# A cache that states it checks no caller (AD304 at warning: the new finding that fails the
# check; a cache in one zone is no AD105 when the database behind it takes the misses).
CACHE = """\
  - id: cache
    type: cache
    zone: eu-a
    position: [660, 420]
    props: {auth: false}
"""
CACHE_LINK = "  - from: api\n    to: cache\n"


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, check=True, text=True, timeout=60
    )
    return done.stdout


def commit(repo: Path, text: str, message: str) -> None:
    (repo / DESIGN).write_text(text, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def without_search(text: str) -> str:
    start = text.index("  - id: search")
    end = text.index("links:")
    text = text[:start] + text[end:]
    return text.replace("  - from: api\n    to: search\n", "")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "designs").mkdir()
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "config", "user.email", "test@example.com")
    git(tmp_path, "config", "user.name", "Test")
    base = (DATA / "shop-before.archdraw.yaml").read_text(encoding="utf-8")
    commit(tmp_path, base, "shop")
    with_cache = base.replace("  - id: search", CACHE + "  - id: search")
    with_cache = with_cache.rstrip("\n") + "\n" + CACHE_LINK
    commit(tmp_path, with_cache, "add a cache")
    commit(tmp_path, without_search(with_cache), "drop search")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run([*argv, "--no-user-types"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def lint_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    code, out, _ = cli(capsys, "lint", DESIGN, "--format", "json", *argv)
    return code, json.loads(out)["files"][0]


def states(data: dict) -> dict[tuple[str, str | None], str]:  # type: ignore[type-arg]
    return {(f["code"], f["component"] or f["link"]): f["baseline_state"] for f in data["findings"]}


def test_lint_diff_rev_fails_only_on_new_findings(repo: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, data = lint_json(capsys, "--diff", "HEAD~2")
    found = states(data)
    assert found[("AD304", "cache")] == "new"
    assert found[("AD106", "api")] == "unchanged"
    assert code == 1
    assert {a["component"] for a in data["absent"]} == {"search"}
    # Against the previous commit the cache is old news: nothing new fails.
    code, data = lint_json(capsys, "--diff", "HEAD~1")
    assert code == 0 and set(states(data).values()) == {"unchanged"}
    code, out, _ = cli(capsys, "lint", DESIGN, "--diff", "HEAD~1")
    assert code == 0 and out.endswith(
        "2 findings already at HEAD~1 not shown; 2 findings at HEAD~1 no longer found\n"
    )


def test_lint_diff_text_summary_counts_only_the_new_findings(repo: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli(capsys, "lint", DESIGN, "--diff", "HEAD~2")
    listed = [line for line in out.splitlines() if line.startswith(DESIGN)]
    new = sum(1 for v in states(lint_json(capsys, "--diff", "HEAD~2")[1]).values() if v == "new")
    assert code == 1 and len(listed) == new
    assert f"\n{new} new finding{'' if new == 1 else 's'} in 1 file: " in out
    code, out, _ = cli(capsys, "lint", DESIGN, "--diff", "HEAD~1")
    assert "no new findings in 1 file\n" in out


def test_lint_diff_rev_that_does_not_exist_is_exit_two(repo: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, _, err = cli(capsys, "lint", DESIGN, "--diff", "no-such-branch")
    assert code == 2 and "'no-such-branch' is not a git revision" in err


def test_baseline_accepts_fails_on_new_and_prunes(repo: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    baseline = repo / "archdraw-baseline.json"
    git(repo, "checkout", "-q", "HEAD~2")
    code, _, err = cli(capsys, "lint", DESIGN, "--baseline", str(baseline), "--update-baseline")
    assert code == 0 and "1 added" not in err and "pruned" in err
    entries = json.loads(baseline.read_text(encoding="utf-8"))["findings"]
    assert entries and all(e["path"] == DESIGN for e in entries)
    assert all("line" not in e for e in entries)  # matched by rule and element, never by line
    assert lint_json(capsys, "--baseline", str(baseline))[0] == 0

    git(repo, "checkout", "-q", "main~1")  # the cache arrives: new findings fail
    code, data = lint_json(capsys, "--baseline", str(baseline))
    assert code == 1 and states(data)[("AD304", "cache")] == "new"
    assert states(data)[("AD105", "search")] == "unchanged"

    git(repo, "checkout", "-q", "main")  # search is gone: its entries are absent, then pruned
    code, data = lint_json(capsys, "--baseline", str(baseline))
    assert {a["component"] for a in data["absent"]} >= {"search"}
    code, out, _ = cli(capsys, "lint", DESIGN, "--baseline", str(baseline))
    assert "no longer found (--update-baseline prunes them)" in out
    code, _, err = cli(capsys, "lint", DESIGN, "--baseline", str(baseline), "--update-baseline")
    assert code == 0 and "pruned (no longer found)" in err
    after = json.loads(baseline.read_text(encoding="utf-8"))["findings"]
    assert not any(e.get("component") == "search" for e in after)
    assert any(e.get("component") == "cache" and e["code"] == "AD304" for e in after)
    assert lint_json(capsys, "--baseline", str(baseline))[0] == 0


def test_sarif_baseline_states_validate(repo: Path, capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli(capsys, "lint", DESIGN, "--format", "sarif", "--diff", "HEAD~2")
    assert code == 1
    log = json.loads(out)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(log)
    results = log["runs"][0]["results"]
    by_state: dict[str, set[str]] = {}
    for result in results:
        name = result["locations"][0]["logicalLocations"][0]["name"]
        by_state.setdefault(result["baselineState"], set()).add(f"{result['ruleId']}:{name}")
    assert "AD304:cache" in by_state["new"]
    assert "AD106:api" in by_state["unchanged"]
    assert {"AD105:search"} <= by_state["absent"]
    # The fingerprint names rule, element and file: the same finding keeps it across commits.
    _, again, _ = cli(capsys, "lint", DESIGN, "--format", "sarif", "--diff", "HEAD~1")
    prints = {
        r["ruleId"] + r["locations"][0]["logicalLocations"][0]["name"]: r["partialFingerprints"]
        for r in json.loads(again)["runs"][0]["results"]
    }
    for result in results:
        key = result["ruleId"] + result["locations"][0]["logicalLocations"][0]["name"]
        if key in prints:
            assert prints[key] == result["partialFingerprints"]
    from tests.lint.test_output import multitool, multitool_errors

    command = multitool()
    assert command is not None
    path = tmp_path / "baseline.sarif"
    path.write_text(out, encoding="utf-8")
    assert multitool_errors(command, path, tmp_path, "Gh") == []
    assert multitool_errors(command, path, tmp_path, "Sarif") == []


def test_diff_with_revisions(repo: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    # REV and a file: the file at REV against the working tree.
    code, out, _ = cli(capsys, "diff", "HEAD~1", DESIGN, "--format", "json")
    [file] = json.loads(out)["files"]
    assert file["old"] == f"HEAD~1:{DESIGN}" and file["path"] == DESIGN
    assert {(c["id"], c["status"]) for c in file["changes"]} == {
        ("search", "removed"),
        ("api->search", "removed"),
    }
    assert code == 0  # removing search fixes findings, introduces none
    # REV:path against REV:path, and a revision range over every changed design.
    code, out, _ = cli(capsys, "diff", f"HEAD~2:{DESIGN}", f"HEAD~1:{DESIGN}", "--format", "json")
    assert code == 1 and ("cache", "added") in {
        (c["id"], c["status"]) for c in json.loads(out)["files"][0]["changes"]
    }
    code, out, _ = cli(capsys, "diff", "HEAD~2", "HEAD", "--format", "json")
    assert [f["path"] for f in json.loads(out)["files"]] == [DESIGN]
    (repo / "designs" / "new.archdraw.yaml").write_text(
        "archdraw: 1\nname: New\ncomponents:\n  - {id: w, type: worker}\n", encoding="utf-8"
    )
    code, out, _ = cli(capsys, "diff", "HEAD", "--format", "json")
    [added] = json.loads(out)["files"]
    assert added["path"] == "designs/new.archdraw.yaml" and added["file"] == "added"
    assert added["old"] == "HEAD:designs/new.archdraw.yaml"
    assert [(c["kind"], c["status"]) for c in added["changes"]] == [("component", "added")]
    figures = {f["key"]: f for f in added["derived"]["figures"]}
    assert figures["availability"]["old"] is None
    # A deleted design: everything removed, nothing left to measure.
    (repo / DESIGN).unlink()
    code, out, _ = cli(capsys, "diff", "HEAD", "--format", "json", "--no-derived")
    files = {f["path"]: f for f in json.loads(out)["files"]}
    gone = files[DESIGN]
    assert gone["file"] == "removed" and code == 0
    assert {c["status"] for c in gone["changes"]} == {"removed"}
    assert gone["findings"]["introduced"] == [] and gone["findings"]["fixed"]


def test_diff_bad_arguments_are_exit_two(repo: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, _, err = cli(capsys, "diff", "nothing-here", DESIGN)
    assert code == 2 and "neither a file" in err
    code, _, err = cli(capsys, "diff", DESIGN)
    assert code == 2 and "give NEW too" in err


def test_textconv_as_git_diff_driver(repo: Path) -> None:
    (repo / ".gitattributes").write_text("*.archdraw.yaml diff=archdraw\n", encoding="utf-8")
    archdraw = Path(sys.executable).parent / "archdraw"
    git(repo, "config", "diff.archdraw.textconv", f"{archdraw} textconv")
    shown = git(repo, "diff", "HEAD~2", "HEAD~1", "--", DESIGN)
    assert "+component cache" in shown and "+  type: cache" in shown
    assert "position" not in shown


def test_diff_rev_keeps_to_the_project_designs(repo: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    draft = repo / "designs" / "draft.archdraw.yaml"
    draft.write_text("archdraw: 1\nname: Draft\n", encoding="utf-8")
    (repo / "archdraw.toml").write_text("exclude = ['designs/draft*']\n", encoding="utf-8")
    code, out, _ = cli(capsys, "diff", "HEAD~1", "--format", "json", "--no-derived")
    assert code == 0 and [f["path"] for f in json.loads(out)["files"]] == [DESIGN]


def test_a_design_that_does_not_load_is_reported_beside_the_others(repo: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    (repo / "designs" / "broken.archdraw.yaml").write_text(
        "archdraw: 1\nname: Broken\ncomponents:\n  - {id: a, type: nosuch}\n", encoding="utf-8"
    )
    (repo / DESIGN).write_text((DATA / "shop-after.archdraw.yaml").read_text("utf-8"), "utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "a broken design and a changed one")
    code, out, err = cli(capsys, "diff", "HEAD~1", "HEAD", "--no-derived", "--format", "json")
    data = json.loads(out)
    assert code == 2 and "broken.archdraw.yaml:4:" in err
    assert [f["path"] for f in data["files"]] == [DESIGN]  # the others are still compared
    [invalid] = data["invalid"]
    assert invalid["path"] == "designs/broken.archdraw.yaml"
    assert "unknown type 'nosuch'" in invalid["errors"][0]
    code, out, _ = cli(capsys, "diff", "HEAD~1", "HEAD", "--no-derived", "--format", "markdown")
    assert code == 2 and "❌ 1 design does not load; " in out
    assert "### `designs/broken.archdraw.yaml`" in out and f"### `{DESIGN}`" in out
    # Text too says so on stdout, not "no design changed" when it is the only change.
    code, out, _ = cli(capsys, "diff", "HEAD~1", "HEAD", "--no-derived")
    assert code == 2
    assert out.endswith("designs/broken.archdraw.yaml: not compared, it does not load (above)\n")


def test_an_old_path_that_is_not_there_is_said(repo: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, _, err = cli(capsys, "diff", "HEAD:designs/shpo.archdraw.yaml", DESIGN, "--no-derived")
    assert code in (0, 1)
    assert "HEAD:designs/shpo.archdraw.yaml does not exist; compared as absent" in err
    _, _, err = cli(capsys, "diff", f"HEAD:{DESIGN}", DESIGN, "--no-derived")
    assert "does not exist" not in err


def test_images_of_two_designs_of_one_name_do_not_overwrite_each_other(repo: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    (repo / "other").mkdir()
    (repo / "other" / "shop.archdraw.yaml").write_text(
        (DATA / "shop-before.archdraw.yaml").read_text("utf-8"), "utf-8"
    )
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "a second shop")
    (repo / DESIGN).write_text((DATA / "shop-after.archdraw.yaml").read_text("utf-8"), "utf-8")
    (repo / "other" / "shop.archdraw.yaml").write_text(
        (DATA / "shop-after.archdraw.yaml").read_text("utf-8"), "utf-8"
    )
    cli(capsys, "diff", "HEAD", "--no-derived", "--images", "img")
    assert sorted(p.name for p in (repo / "img").iterdir()) == [
        "designs-shop.after.svg",
        "designs-shop.before.svg",
        "other-shop.after.svg",
        "other-shop.before.svg",
    ]


def test_a_moved_design_is_followed_not_new(repo: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    (repo / "models").mkdir()
    git(repo, "mv", DESIGN, "models/shop.archdraw.yaml")
    git(repo, "commit", "-q", "-m", "move the design")
    code, out, _ = cli(capsys, "diff", "HEAD~1", "HEAD", "--no-derived", "--format", "json")
    [file] = json.loads(out)["files"]
    assert (file["old"], file["new"]) == (f"HEAD~1:{DESIGN}", "HEAD:models/shop.archdraw.yaml")
    assert file["counts"]["introduced"] == 0 and file["counts"]["unchanged"] > 0
    assert code == 0
    # The pull-request comment says where the design was before, not only where it is now.
    _, out, _ = cli(capsys, "diff", "HEAD~1", "HEAD", "--no-derived", "--format", "markdown")
    assert f"compared with `HEAD~1:{DESIGN}` (moved or renamed)" in out
    # Two files named on the command line are compared as given: nothing moved.
    copy = repo / "models" / "copy.archdraw.yaml"
    copy.write_bytes((repo / "models" / "shop.archdraw.yaml").read_bytes())
    _, out, _ = cli(capsys, "diff", str(copy), "models/shop.archdraw.yaml", "--format", "markdown")
    assert "moved or renamed" not in out
    copy.unlink()
    # lint --diff follows the move too: nothing is new.
    code, data = lint_json_at(capsys, "models/shop.archdraw.yaml")
    assert code == 0 and set(states(data).values()) == {"unchanged"}


def lint_json_at(capsys: pytest.CaptureFixture[str], path: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    code, out, _ = cli(capsys, "lint", path, "--format", "json", "--diff", "HEAD~1")
    return code, json.loads(out)["files"][0]


def test_removing_a_design_that_did_not_load_is_no_error(repo: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    broken = repo / "designs" / "broken.archdraw.yaml"
    broken.write_text("archdraw: 1\nname: B\ncomponents:\n  - {id: a, type: nosuch}\n", "utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "a broken design")
    git(repo, "rm", "-q", "designs/broken.archdraw.yaml")
    git(repo, "commit", "-q", "-m", "remove it")
    code, out, err = cli(capsys, "diff", "HEAD~1", "HEAD", "--no-derived", "--format", "json")
    assert code == 0 and json.loads(out)["invalid"] == []
    assert "broken.archdraw.yaml does not load, compared as absent" in err
