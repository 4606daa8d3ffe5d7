"""PNG and PDF through Qt offscreen, also in a process with no display at all."""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtSvg")

from archdraw.export.raster import (
    MAX_PIXELS,
    MAX_SIDE,
    RasterError,
    fitted_scale,
    svg_to_pdf,
    svg_to_png,
)
from archdraw.export.svg import export_svg
from archdraw.library import Library
from archdraw.model import Component, Design, Link

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _design() -> Design:
    return Design(
        archdraw=1,
        name="raster",
        components=[
            Component(id="a", type="client", position=(100.0, 100.0)),
            Component(id="b", type="service", position=(400.0, 100.0)),
        ],
        links=[Link.model_validate({"from": "a", "to": "b", "label": "calls"})],
    )


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_MAGIC
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _svg_size(svg: str) -> tuple[float, float]:
    import xml.etree.ElementTree as ET

    root = ET.fromstring(svg)
    return float(root.get("width", 0)), float(root.get("height", 0))


@pytest.mark.parametrize("scale", [1.0, 2.0, 0.5])
def test_png_has_the_drawing_size_times_the_scale(library: Library, scale: float):
    svg = export_svg(_design(), library)
    width, height = _svg_size(svg)
    assert _png_size(svg_to_png(svg, scale)) == (round(width * scale), round(height * scale))


def test_png_is_not_blank(library: Library):
    from PySide6.QtGui import QImage

    image = QImage.fromData(svg_to_png(export_svg(_design(), library, theme="dark"), 1.0))
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)
    }
    assert len(colours) > 5


def test_huge_drawings_are_scaled_down_to_fit():
    assert fitted_scale(1000, 800, 2.0) == 2.0
    lowered = fitted_scale(3000, 50_000, 2.0)
    assert 50_000 * lowered <= MAX_SIDE and 3000 * 50_000 * lowered**2 <= MAX_PIXELS * 1.0001
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="40000" height="20">'
        '<rect width="9" height="9"/></svg>'
    )
    assert _png_size(svg_to_png(svg, 2.0))[0] <= MAX_SIDE


def test_bad_scale_is_refused(library: Library):
    with pytest.raises(RasterError):
        svg_to_png(export_svg(_design(), library), 0)
    with pytest.raises(RasterError):
        svg_to_png(export_svg(_design(), library), 100)


def test_pdf_is_a_vector_page_pdftoppm_can_render(library: Library, tmp_path: Path):
    pdf = svg_to_pdf(export_svg(_design(), library))
    assert pdf.startswith(b"%PDF-")
    assert not re.search(rb"/Subtype\s*/Image", pdf)  # vectors, not an embedded picture
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm not installed")
    (tmp_path / "d.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "36", str(tmp_path / "d.pdf"), str(tmp_path / "p")], check=True
    )
    pages = list(tmp_path.glob("p*.png"))
    assert len(pages) == 1
    assert pages[0].read_bytes()[:8] == PNG_MAGIC


def test_export_works_in_a_process_without_any_display(tmp_path: Path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    script = (
        "import sys\n"
        "from archdraw.export.raster import svg_to_png, svg_to_pdf\n"
        "from archdraw.export.svg import export_svg\n"
        "from archdraw.library import builtin_library\n"
        "from archdraw.model import Component, Design\n"
        "d = Design(archdraw=1, name='x', components=[Component(id='a', type='service')])\n"
        "svg = export_svg(d, builtin_library())\n"
        "sys.stdout.buffer.write(svg_to_png(svg)[:8] + svg_to_pdf(svg)[:5])\n"
    )
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout == PNG_MAGIC + b"%PDF-"


SAMPLE = Path(__file__).parents[2] / "sample_designs" / "payment-gateway-naive.archdraw.yaml"


def test_pdf_and_png_are_the_same_bytes_in_every_run(tmp_path: Path):
    """As the SVG export (tests/export/test_svg.py): exported pictures are committed beside
    designs, so two runs, with different hash seeds and clocks, write the same bytes."""
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    for fmt in ("pdf", "png"):
        written = []
        for seed in ("1", "2"):
            out = tmp_path / f"seed{seed}.{fmt}"
            command = [sys.executable, "-m", "archdraw", "export", "-f", fmt, "--findings"]
            run = subprocess.run(
                [*command, str(SAMPLE), "-o", str(out)],
                capture_output=True,
                text=True,
                timeout=120,
                env={**env, "PYTHONHASHSEED": seed},
            )
            assert run.returncode == 0, run.stderr[-2000:]
            written.append(out.read_bytes())
        assert written[0] == written[1], fmt


def test_pdf_fonts_come_in_one_order_whatever_qts_hash_seed(library: Library):
    """Qt keeps a PDF's fonts in a hash table seeded at random per process; each new seed
    here is what another run would have had."""
    from PySide6.QtCore import QHashSeed

    from archdraw.io import load

    svg = export_svg(load(SAMPLE, library).design, library)
    pdfs = set()
    for _ in range(6):
        QHashSeed.resetRandomGlobalSeed()
        pdfs.add(svg_to_pdf(svg))
    assert len(pdfs) == 1
    assert len(re.findall(rb"/FontName /\w+\+DejaVuSans", pdfs.pop())) >= 2  # bold, regular


def test_pdf_dates_come_from_source_date_epoch_or_nowhere(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    svg = export_svg(_design(), library)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    undated = svg_to_pdf(svg)
    assert b"Date" not in undated  # not the clock's: no /CreationDate, no xmp:CreateDate
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    dated = svg_to_pdf(svg)
    assert len(dated) == len(undated)  # replaced in place: the xref offsets hold
    assert dated.count(b"(D:20231114221320Z)") == 2  # CreationDate, ModDate
    assert dated.count(b'="2023-11-14T22:13:20Z"') == 3  # XMP create, modify, metadata
    if shutil.which("pdfinfo") is not None:  # a reader that checks the structure agrees
        (tmp_path / "d.pdf").write_bytes(dated)
        info = subprocess.run(
            ["pdfinfo", str(tmp_path / "d.pdf")], capture_output=True, text=True, check=True
        )
        assert "CreationDate:    Tue Nov 14 22:13:20 2023 UTC" in info.stdout
        assert "Syntax" not in info.stderr
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(RasterError, match="SOURCE_DATE_EPOCH"):
        svg_to_pdf(svg)


def test_png_legend_draws_the_badge_swatches(library: Library):
    """The raster step (PNG; PDF is the same drawing) paints the legend's badge swatches:
    the stated one filled with its accent, the other one hollow."""
    import xml.etree.ElementTree as ET

    from PySide6.QtGui import QColor, QImage

    from archdraw.style import theme

    design = Design(
        archdraw=1,
        name="badges",
        components=[
            Component(id="api", type="service", props={"replicas": 3}, position=(100.0, 100.0)),
            Component(id="db", type="database", props={"zones": 3}, position=(400.0, 100.0)),
        ],
    )
    svg = export_svg(design, library, legend=True)
    ns = "{http://www.w3.org/2000/svg}"
    root = ET.fromstring(svg)
    shifted = root.find(f"{ns}g")
    assert shifted is not None
    dx, dy = map(float, re.findall(r"[-\d.]+", shifted.get("transform", ""))[:2])
    legend = next(g for g in root.iter(f"{ns}g") if g.get("class") == "legend")
    entries = [g for g in legend if g.find(f"{ns}rect[@class='badge-swatch']") is not None]
    image = QImage.fromData(svg_to_png(svg, 1.0))
    background = theme("light").background
    painted = []
    for entry in entries:
        x, y = map(float, re.findall(r"[-\d.]+", entry.get("transform", ""))[:2])
        swatch = entry.find(f"{ns}rect")
        assert swatch is not None
        # Inside the pill, left of its "×N": the fill's colour.
        pixel = QColor(image.pixel(round(dx + x + 3), round(dy + y + 8))).name()
        painted.append((swatch.get("fill"), pixel))
    accent = entries[0].find(f"{ns}rect").get("fill")  # type: ignore[union-attr]
    assert accent != background
    assert painted == [(accent, accent), (background, background)]
