"""`archdraw export`: every format, to files, to stdout, into --out-dir; clear errors, exit 2."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from archdraw.cli.export import output_name
from archdraw.cli.main import run
from archdraw.export import FORMATS, ExportFormat

DESIGN = """\
archdraw: 1
name: shop
zones:
  - {id: eu, kind: region}
components:
  - {id: web, type: client}
  - {id: api, type: service, zone: eu}
  - {id: db, type: database, zone: eu}
  - {id: jobs, type: queue, zone: eu}
links:
  - {from: web, to: api, label: HTTPS}
  - {from: api, to: db}
  - {from: api, to: jobs, kind: async}
"""
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
TEXT_FORMATS = [name for name, spec in FORMATS.items() if not spec.binary]


@pytest.fixture
def design_file(tmp_path: Path) -> Path:
    path = tmp_path / "shop.archdraw.yaml"
    path.write_text(DESIGN, encoding="utf-8")
    return path


def test_svg_goes_next_to_the_design_by_default(design_file: Path):
    assert run(["export", str(design_file), "-f", "svg"]) == 0
    svg = design_file.with_name("shop.svg")
    root = ET.fromstring(svg.read_bytes())
    assert root.tag.endswith("svg")


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_text_formats_write_to_stdout(
    design_file: Path, fmt: str, capsysbinary: pytest.CaptureFixture[bytes]
):
    assert run(["export", str(design_file), "-f", fmt, "-o", "-"]) == 0
    out = capsysbinary.readouterr().out.decode("utf-8")
    assert "api" in out
    assert not list(design_file.parent.glob("shop.*[!l]"))  # nothing written beside it


def test_images_for_several_files_go_into_out_dir(design_file: Path, tmp_path: Path):
    second = tmp_path / "other.yaml"
    second.write_text(DESIGN.replace("name: shop", "name: other"), encoding="utf-8")
    out_dir = tmp_path / "out" / "images"
    for fmt in ("png", "pdf"):
        assert (
            run(["export", str(design_file), str(second), "-f", fmt, "--out-dir", str(out_dir)])
            == 0
        )
    assert (out_dir / "shop.png").read_bytes()[:8] == PNG_MAGIC
    assert (out_dir / "other.png").read_bytes()[:8] == PNG_MAGIC
    assert (out_dir / "shop.pdf").read_bytes()[:5] == b"%PDF-"
    assert (out_dir / "other.pdf").read_bytes()[:5] == b"%PDF-"


def test_scale_sets_the_png_size(design_file: Path, tmp_path: Path):
    sizes = []
    for scale in ("1", "2"):
        target = tmp_path / f"x{scale}.png"
        assert (
            run(["export", str(design_file), "-f", "png", "--scale", scale, "-o", str(target)]) == 0
        )
        data = target.read_bytes()
        sizes.append(int.from_bytes(data[16:20], "big"))
    assert sizes[1] == 2 * sizes[0]


def test_theme_legend_and_findings(design_file: Path, tmp_path: Path):
    target = tmp_path / "marked.svg"
    args = ["export", str(design_file), "-f", "svg", "-o", str(target)]
    assert run([*args, "--theme", "dark", "--legend", "--findings"]) == 0
    svg = target.read_text(encoding="utf-8")
    assert 'data-theme="dark"' in svg
    assert 'class="legend"' in svg
    assert 'class="finding"' in svg  # a lone api and db on the request path get findings


def test_unknown_format_is_exit_2_with_the_choices(
    design_file: Path, capsys: pytest.CaptureFixture[str]
):
    assert run(["export", str(design_file), "-f", "visio"]) == 2
    err = capsys.readouterr().err
    assert "unknown format 'visio'" in err and "mermaid" in err


def test_unwritable_paths_are_exit_2(
    design_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    assert run(["export", str(design_file), "-f", "svg", "-o", str(tmp_path / "no" / "x.svg")]) == 2
    assert "cannot write" in capsys.readouterr().err
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert run(["export", str(design_file), "-f", "svg", "--out-dir", str(blocker / "sub")]) == 2
    assert "cannot create" in capsys.readouterr().err
    # An existing file named as the folder is said as such, not as "File exists".
    assert run(["export", str(design_file), "-f", "svg", "--out-dir", str(blocker)]) == 2
    assert f"--out-dir {blocker} is a file, not a folder" in capsys.readouterr().err
    assert blocker.read_text() == "x"


def test_missing_text_format_module_is_exit_2(
    design_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    monkeypatch.setitem(FORMATS, "ghost", ExportFormat("ghost", ".g", False, "no_such_format", ""))
    assert run(["export", str(design_file), "-f", "ghost", "-o", "-"]) == 2
    assert "not available" in capsys.readouterr().err


def test_usage_errors_are_exit_2(
    design_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    twice = [str(design_file), str(design_file)]
    assert run(["export", *twice, "-f", "svg", "-o", str(tmp_path / "a.svg")]) == 2
    assert run(["export", str(design_file), "-f", "svg", "-o", "x", "--out-dir", "y"]) == 2
    assert run(["export", str(design_file), "-f", "png", "--scale", "0"]) == 2
    err = capsys.readouterr().err
    assert "--out-dir" in err and "--scale" in err


def test_invalid_design_is_exit_2_with_its_location(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    bad = tmp_path / "bad.archdraw.yaml"
    bad.write_text("archdraw: 1\nname: x\ncomponents:\n  - {id: a, type: service, colour: red}\n")
    assert run(["export", str(bad), "-f", "svg"]) == 2
    assert "bad.archdraw.yaml:4:" in capsys.readouterr().err
    assert not (tmp_path / "bad.svg").exists()


def test_output_names_drop_the_design_suffix():
    assert output_name("a/b/shop.archdraw.yaml", ".svg") == "shop.svg"
    assert output_name("shop.yml", ".png") == "shop.png"
    assert output_name("notes", ".d2") == "notes.d2"


def test_png_from_the_command_line_with_no_display(design_file: Path, tmp_path: Path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    target = tmp_path / "headless.png"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "archdraw",
            "export",
            str(design_file),
            "-f",
            "png",
            "-o",
            str(target),
        ],
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert target.read_bytes()[:8] == PNG_MAGIC


def test_both_mermaid_syntaxes_keep_their_own_file_in_out_dir(design_file: Path, tmp_path: Path):
    out_dir = tmp_path / "mermaid"
    for fmt in ("mermaid", "mermaid-architecture"):
        assert run(["export", str(design_file), "-f", fmt, "--out-dir", str(out_dir)]) == 0
    assert (out_dir / "shop.mmd").read_text(encoding="utf-8").count("flowchart LR") == 1
    assert "architecture-beta" in (out_dir / "shop.architecture.mmd").read_text(encoding="utf-8")


def test_the_output_s_extension_names_the_format_as_in_the_editor(
    design_file: Path, tmp_path: Path
) -> None:
    for name, start in (
        ("d.png", PNG_MAGIC),
        ("d.svg", b"<?xml"),
        ("d.mmd", b"%% archdraw export: shop (mermaid flowchart)"),
        ("d.architecture.mmd", b"%% archdraw export: shop (mermaid architecture)"),
    ):
        assert run(["export", str(design_file), "-o", str(tmp_path / name)]) == 0
        assert (tmp_path / name).read_bytes().startswith(start), name


def test_an_extension_of_another_format_or_none_is_refused(
    design_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # -f svg -o x.png would be SVG text in a file every viewer opens as a PNG.
    assert run(["export", str(design_file), "-f", "svg", "-o", str(tmp_path / "x.png")]) == 2
    assert "names a png file but -f svg writes svg" in capsys.readouterr().err
    assert not (tmp_path / "x.png").exists()
    assert run(["export", str(design_file), "-o", str(tmp_path / "x.txt")]) == 2
    assert "say which format with -f FORMAT" in capsys.readouterr().err
    # An extension no format uses is the user's to choose with -f.
    assert run(["export", str(design_file), "-f", "mermaid", "-o", str(tmp_path / "x.md")]) == 0
