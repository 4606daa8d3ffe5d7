"""`archdraw diff` on two files: formats, --layout, --images, exit codes."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from archdraw.cli.main import run

DATA = Path(__file__).parent / "data"
BEFORE, AFTER = str(DATA / "shop-before.archdraw.yaml"), str(DATA / "shop-after.archdraw.yaml")


def diff(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run(["diff", *argv, "--no-user-types"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_exit_codes_follow_fail_on(capsys) -> None:  # type: ignore[no-untyped-def]
    assert diff(capsys, BEFORE, AFTER, "--no-derived")[0] == 1
    assert diff(capsys, AFTER, BEFORE, "--no-derived", "--fail-on", "error")[0] == 0
    code, out, _ = diff(capsys, BEFORE, BEFORE, "--no-derived")
    assert code == 0 and "no change to the system" in out


def test_layout_lists_the_move(capsys) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = diff(capsys, BEFORE, AFTER, "--no-derived")
    assert "component lb" not in out and "(1 layout-only move; --layout lists them)" in out
    _, out, _ = diff(capsys, BEFORE, AFTER, "--no-derived", "--layout")
    assert "» component lb (Load balancer)\n    position: [220, 100] → [220, 40]" in out


def test_images_are_written_and_linked(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "images"
    argv = [BEFORE, AFTER, "--format", "markdown", "--images", str(folder)]
    _, out, _ = diff(capsys, *argv, "--image-url", "https://example.com/run/7")
    before, after = folder / "shop-after.before.svg", folder / "shop-after.after.svg"
    for image in (before, after):
        assert ET.fromstring(image.read_bytes()).tag.endswith("svg")
    assert 'class="diff-removed"' in before.read_text(encoding="utf-8")
    assert 'class="diff-added"' in after.read_text(encoding="utf-8")
    assert "![before](https://example.com/run/7/shop-after.before.svg)" in out
    assert "```mermaid" not in out


def test_text_and_json_say_where_the_images_went(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    # Only the markdown showed the pictures: a terminal or a CI log got them silently.
    folder = tmp_path / "images"
    before, after = folder / "shop-after.before.svg", folder / "shop-after.after.svg"
    _, out, _ = diff(capsys, BEFORE, AFTER, "--no-derived", "--images", str(folder))
    assert f"pictures (changes highlighted): {before.as_posix()}, {after.as_posix()}\n" in out
    assert before.is_file() and after.is_file()
    _, out, _ = diff(
        capsys, BEFORE, AFTER, "--no-derived", "--format", "json", "--images", str(folder)
    )
    assert json.loads(out)["files"][0]["images"] == {
        "before": before.as_posix(),
        "after": after.as_posix(),
    }
    _, out, _ = diff(capsys, BEFORE, AFTER, "--no-derived", "--format", "json")
    assert json.loads(out)["files"][0]["images"] is None
    _, out, _ = diff(capsys, BEFORE, AFTER, "--no-derived")
    assert "pictures" not in out


def test_a_property_removed_says_what_applies_instead(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    # Removing `replicas: 3` does not remove the replicas: the reviewer is told what is left.
    old, new = tmp_path / "old.archdraw.yaml", tmp_path / "new.archdraw.yaml"
    old.write_text(
        "archdraw: 1\nname: s\ncomponents:\n"
        "  - {id: api, type: service, props: {replicas: 3, zones: 3}}\n"
        "  - {id: hub, type: realtime_gateway, props: {replicas: 3, zones: 3, tls: true}}\n",
        encoding="utf-8",
    )
    new.write_text(
        "archdraw: 1\nname: s\ncomponents:\n"
        "  - {id: api, type: service, props: {zones: 3}}\n"
        "  - {id: hub, type: realtime_gateway, props: {replicas: 1, backplane: true}}\n",
        encoding="utf-8",
    )
    _, out, _ = diff(capsys, str(old), str(new), "--no-derived")
    replicas = "removed (was 3; now 3 instances, one per zone (`replicas` not stated))"
    assert f"    props.replicas: {replicas}\n" in out
    assert "    props.zones: removed (was 3; now the library default 1)\n" in out
    assert "    props.tls: removed (was true; now not stated)\n" in out
    assert "    props.backplane: set to true (was the library default false)\n" in out
    _, out, _ = diff(capsys, str(old), str(new), "--no-derived", "--format", "json")
    [file] = json.loads(out)["files"]
    absent = {(c["id"], f["field"]): f["absent"] for c in file["changes"] for f in c["fields"]}
    assert absent[("hub", "props.tls")] == "not stated"
    assert absent[("api", "props.replicas")] == (
        "3 instances, one per zone (`replicas` not stated)"
    )
    assert absent[("hub", "props.replicas")] is None  # 3 -> 1: both stated


def test_unreadable_design_is_exit_two(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    broken = tmp_path / "broken.archdraw.yaml"
    broken.write_text("archdraw: 1\nname: [\n", encoding="utf-8")
    code, _, err = diff(capsys, BEFORE, str(broken))
    assert code == 2 and "broken.archdraw.yaml:" in err
