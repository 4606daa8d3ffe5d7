"""FORMATS and export_design: every format by name, the right type back, clear errors."""

from __future__ import annotations

import subprocess
import sys

import pytest

from archdraw.export import FORMATS, IMAGE_FORMATS, ExportError, ExportFormat, export_design
from archdraw.library import Library
from archdraw.model import Component, Design, Link


def _design() -> Design:
    return Design(
        archdraw=1,
        name="registry",
        components=[Component(id="a", type="client"), Component(id="b", type="service")],
        links=[Link.model_validate({"from": "a", "to": "b"})],
    )


def test_every_format_in_the_contract_is_listed():
    assert set(FORMATS) == {
        "svg",
        "png",
        "pdf",
        "mermaid",
        "mermaid-architecture",
        "d2",
        "plantuml",
        "dot",
        "drawio",
        "structurizr",
        "json",
    }
    assert {name for name, spec in FORMATS.items() if spec.binary} == {"png", "pdf"}
    assert all(spec.extension.startswith(".") for spec in FORMATS.values())


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f not in ("png", "pdf")])
def test_text_formats_return_text(fmt: str, library: Library):
    result = export_design(_design(), library, fmt)
    assert isinstance(result, str) and result


@pytest.mark.parametrize("fmt", ["png", "pdf"])
def test_binary_formats_return_bytes(fmt: str, library: Library):
    pytest.importorskip("PySide6.QtSvg")
    result = export_design(_design(), library, fmt, scale=1.0)
    assert isinstance(result, bytes)
    assert result[:4] in (b"\x89PNG", b"%PDF")


def test_unknown_format_and_theme_are_export_errors(library: Library):
    with pytest.raises(ExportError, match="unknown format 'visio'"):
        export_design(_design(), library, "visio")
    with pytest.raises(ExportError, match="unknown theme"):
        export_design(_design(), library, "svg", theme="sepia")


def test_a_missing_text_module_is_an_export_error(
    library: Library, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setitem(FORMATS, "ghost", ExportFormat("ghost", ".g", False, "no_such", ""))
    with pytest.raises(ExportError, match="not available"):
        export_design(_design(), library, "ghost")


def test_image_options_reach_the_svg(library: Library):
    svg = export_design(_design(), library, "svg", theme="dark", legend=True)
    assert isinstance(svg, str)
    assert 'data-theme="dark"' in svg and 'class="legend"' in svg
    assert set(IMAGE_FORMATS) == {"svg", "png", "pdf"}


def test_importing_export_and_writing_svg_loads_no_qt():
    script = (
        "import sys\n"
        "from archdraw.export import export_design\n"
        "from archdraw.library import builtin_library\n"
        "from archdraw.model import Component, Design\n"
        "d = Design(archdraw=1, name='x', components=[Component(id='a', type='service')])\n"
        "export_design(d, builtin_library(), 'svg')\n"
        "print(any(m.startswith('PySide6') for m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "False"
