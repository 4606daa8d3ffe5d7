"""`archdraw layout`: positions written into the file, and nothing else in it changed."""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

import pytest

from archdraw.cli.main import run
from archdraw.io import load
from archdraw.layout import layout_problems
from archdraw.layout import patch as layout_patch
from archdraw.library import Library

HAND_WRITTEN = """\
# A hand-written design: comments and formatting must survive layout.
archdraw: 1
name: "shop"   # quoted on purpose
zones:
  - {id: eu, kind: region, label: "EU (primary)"}
components:
  - id: web         # the browser
    type: client
  - {id: api, type: service, zone: eu, props: {replicas: 2}}
  - id: db
    type: database
    zone: eu
    notes: |
      Keep this note
      exactly as written.
  - id: cache
    type: cache
    label: 'Hot: keys'
    zone: eu
    props: {replicas: 2}
links:
  - {from: web, to: api}
  - {from: api, to: db}
  - {from: api, to: cache}
"""


@pytest.fixture
def design_file(tmp_path: Path) -> Path:
    path = tmp_path / "shop.archdraw.yaml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    return path


def _changed_lines(before: str, after: str) -> list[str]:
    diff = difflib.ndiff(before.splitlines(), after.splitlines())
    return [line for line in diff if line[:2] in ("- ", "+ ")]


def _without_positions(text: str) -> str:
    text = re.sub(r"^ *position: \[[^\]]*\]\r?\n", "", text, flags=re.MULTILINE)
    return re.sub(r", position: \[[^\]]*\]", "", text)


def test_layout_writes_only_positions(design_file: Path, library: Library):
    before = load(design_file, library).design
    assert run(["layout", str(design_file)]) == 0
    text = design_file.read_text(encoding="utf-8")
    assert _changed_lines(HAND_WRITTEN, text)
    assert _without_positions(text) == HAND_WRITTEN
    assert "# the browser" in text and "exactly as written." in text
    after = load(design_file, library).design
    assert all(c.position is not None for c in after.components)
    for component in after.components:
        component.position = None
    assert after.to_data() == before.to_data()
    placed = {c.id: c.position for c in load(design_file, library).design.components}
    assert layout_problems(after, placed) == []  # type: ignore[arg-type]


def test_second_run_changes_nothing_and_full_moves_only_positions(design_file: Path):
    assert run(["layout", str(design_file)]) == 0
    once = design_file.read_bytes()
    assert run(["layout", str(design_file)]) == 0
    assert design_file.read_bytes() == once
    assert run(["layout", str(design_file), "--full", "--direction", "TB"]) == 0
    again = design_file.read_text(encoding="utf-8")
    assert again != once.decode()
    assert _without_positions(again) == _without_positions(once.decode()) == HAND_WRITTEN


def test_windows_line_endings_are_kept(tmp_path: Path, library: Library):
    path = tmp_path / "crlf.archdraw.yaml"
    path.write_bytes(HAND_WRITTEN.replace("\n", "\r\n").encode())
    assert run(["layout", str(path)]) == 0
    data = path.read_bytes()
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert all(c.position for c in load(path, library).design.components)


def test_output_elsewhere_leaves_the_input_alone(
    design_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    target = tmp_path / "placed.archdraw.yaml"
    assert run(["layout", str(design_file), "-o", str(target)]) == 0
    assert design_file.read_text(encoding="utf-8") == HAND_WRITTEN
    assert "position: [" in target.read_text(encoding="utf-8")
    assert run(["layout", str(design_file), "-o", "-"]) == 0
    assert "position: [" in capsys.readouterr().out


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_a_new_output_file_gets_the_usual_permissions(design_file: Path, tmp_path: Path):
    # A temporary file is created 0600; the new file must get what the umask allows.
    umask = os.umask(0o022)
    try:
        target = tmp_path / "placed.archdraw.yaml"
        assert run(["layout", str(design_file), "-o", str(target)]) == 0
    finally:
        os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o644


def test_direction_tb_stacks_the_chain_downwards(design_file: Path, library: Library):
    assert run(["layout", str(design_file), "--direction", "tb"]) == 0
    design = load(design_file, library).design
    web, api = design.component("web"), design.component("api")
    assert web is not None and api is not None and web.position and api.position
    assert web.position[1] < api.position[1]


def test_unpatchable_text_falls_back_to_a_canonical_rewrite(
    design_file: Path,
    library: Library,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
):
    monkeypatch.setattr(layout_patch, "patch_positions", lambda text, positions: None)
    assert run(["layout", str(design_file)]) == 0
    assert "standard layout" in capsys.readouterr().err
    assert all(c.position for c in load(design_file, library).design.components)


def test_bad_input_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    assert run(["layout", str(tmp_path / "missing.yaml")]) == 2
    bad = tmp_path / "bad.yaml"
    bad.write_text("archdraw: 1\nname: [\n")
    assert run(["layout", str(bad)]) == 2
    assert run(["layout", str(bad), "--direction", "diagonal"]) == 2
    assert "bad.yaml" in capsys.readouterr().err
    assert run(["layout", str(tmp_path / "x.yaml"), "-o", str(tmp_path / "no" / "dir.yaml")]) == 2
