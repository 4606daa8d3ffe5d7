"""What a save keeps of a hand-written file: the comment lines that open it (the
`yaml-language-server` line the README asks for), and a one-line `notes: |` block as one."""

from __future__ import annotations

from pathlib import Path

import pytest

from archdraw.cli.main import run
from archdraw.io import load, save
from archdraw.library import Library

HAND_WRITTEN = """\
# yaml-language-server: $schema=archdraw.schema.json
# Shop: reviewed by the platform team.
archdraw: 1                     # format version, required
name: Shop
components:
  - id: web
    type: client
    props: {rps: 100}
  - id: api
    type: service
    position: [0, 0]
    notes: |
      Stateless; scales out.
links:
  - {from: web, to: api}
"""


def test_a_save_keeps_the_opening_comments(tmp_path: Path, library: Library) -> None:
    path = tmp_path / "shop.archdraw.yaml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    loaded = load(path, library)
    save(loaded.design, path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith(
        "# yaml-language-server: $schema=archdraw.schema.json\n"
        "# Shop: reviewed by the platform team.\narchdraw: 1\n"
    )
    assert "format version, required" not in text  # comments further down are not kept
    assert "  notes: |\n    Stateless; scales out.\n" in text
    again = load(path, library)
    assert again.design == loaded.design
    save(again.design, path)
    assert path.read_text(encoding="utf-8") == text  # a re-save is byte-identical


def test_a_new_file_gets_no_comments(tmp_path: Path, library: Library) -> None:
    source = tmp_path / "shop.archdraw.yaml"
    source.write_text(HAND_WRITTEN, encoding="utf-8")
    target = tmp_path / "copy.archdraw.yaml"
    save(load(source, library).design, target)
    assert target.read_text(encoding="utf-8").startswith("archdraw: 1\n")


def test_lint_fix_keeps_the_opening_comments(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "shop.archdraw.yaml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    run(["lint", "--fix", "--no-user-types", str(path)])
    err = capsys.readouterr().err
    assert "fixed " in err
    assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: ")
