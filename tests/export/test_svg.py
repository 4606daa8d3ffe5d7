"""SVG export: well-formed XML that shows every element, escapes hostile text, themes, legend."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

from archdraw.drawing.text_metrics import fit, text_width, wrap
from archdraw.export.svg import export_svg
from archdraw.export.svg_paths import spell_out_path
from archdraw.io import load
from archdraw.library import Library
from archdraw.model import Component, Design, Link, Zone
from archdraw.style import theme

SVG = "{http://www.w3.org/2000/svg}"
SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample_designs").glob("*.archdraw.yaml"))


@dataclass
class FakeFinding:
    code: str
    severity: str
    message: str
    component: str | None = None
    link: str | None = None
    zone: str | None = None


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg.encode("utf-8"))


def _links(root: ET.Element) -> dict[str, ET.Element]:
    """Link shapes by key: a <line> when straight, a <polyline> when routed round boxes."""
    return {e.get("data-key", ""): e for e in root.iter() if e.get("class") == "link"}


def _small() -> Design:
    return Design(
        archdraw=1,
        name="small",
        zones=[Zone(id="dc", label="Data centre", kind="region")],
        components=[
            Component(id="web", type="client", label="Browser"),
            Component(id="api", type="service", zone="dc", props={"replicas": 3}),
            Component(id="db", type="database", zone="dc"),
        ],
        links=[
            Link.model_validate({"from": "web", "to": "api", "label": "HTTPS"}),
            Link.model_validate({"from": "api", "to": "db", "kind": "async"}),
            Link.model_validate({"from": "db", "to": "api", "kind": "replication"}),
        ],
    )


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
@pytest.mark.parametrize("theme_name", ["light", "dark"])
def test_samples_export_as_well_formed_svg_showing_every_element(
    path: Path, theme_name: str, library: Library
):
    design = load(path, library).design
    root = _parse(export_svg(design, library, theme=theme_name, legend=True))
    groups = root.iter(f"{SVG}g")
    shown = {(g.get("class"), g.get("data-id")) for g in groups}
    assert {("component", c.id) for c in design.components} <= shown
    occupied = {c.zone for c in design.components if c.zone}
    assert {("zone", zone_id) for zone_id in occupied} <= shown
    drawable = [k for k in design.links if k.source != k.target]
    assert len(_links(root)) == len(drawable)
    assert root.find(f"{SVG}rect").get("fill") == theme(theme_name).background  # type: ignore[union-attr]


def test_hostile_text_stays_escaped_and_clean(library: Library):
    evil = "<script>alert('x')</script> & \"quoted\" \x00\x01\x08\x1b\x1f end"
    design = Design(
        archdraw=1,
        name=evil,
        zones=[Zone(id="z", label=evil)],
        components=[
            Component(id="a", type="service", label=evil, zone="z"),
            Component(id="b", type="no_such_type", label="x" * 20_000),
        ],
        links=[Link.model_validate({"from": "a", "to": "b", "label": evil})],
    )
    findings = [FakeFinding("AD101", "error", evil, component="a")]
    svg = export_svg(design, library, findings=findings, legend=True)
    root = _parse(svg)
    assert not [e for e in root.iter() if e.tag.endswith("script")]
    assert "&lt;script&gt;" in svg
    assert not any(ch in svg for ch in "\x00\x01\x08\x1b\x1f")
    texts = ["".join(e.itertext()) for e in root.iter()]
    assert max(len(t) for t in texts) <= 4_100
    assert len(svg) < 60_000
    assert any("<script>" in t for t in texts)  # shown as text, not dropped


def test_components_without_positions_are_laid_out(library: Library):
    design = _small()
    root = _parse(export_svg(design, library))
    rects = {
        g.get("data-id"): g.find(f"{SVG}rect")
        for g in root.iter(f"{SVG}g")
        if g.get("class") == "component"
    }
    xs = {key: float(rect.get("x")) for key, rect in rects.items()}  # type: ignore[union-attr,arg-type]
    assert len(set(xs.values())) == 3  # left to right, not piled up


def test_replicas_badge_link_styles_and_labels(library: Library):
    svg = export_svg(_small(), library)
    root = _parse(svg)
    assert "×3" in svg
    assert "HTTPS" in svg
    lines = _links(root)
    look = theme("light")
    assert lines["web->api"].get("stroke-dasharray") is None
    assert lines["api->db"].get("stroke") == look.links["async"].colour
    assert lines["db->api"].get("stroke-dasharray")
    assert len(list(root.iter(f"{SVG}polygon"))) == 3  # one arrowhead per link


def test_findings_markers_and_legend(library: Library):
    findings = [
        FakeFinding("AD101", "error", "single point of failure", component="api"),
        FakeFinding("AD102", "warning", "no timeout", component="api"),
        FakeFinding("AD201", "warning", "slow link", link="web->api"),
        FakeFinding("AD301", "info", "zone note", zone="dc"),
        FakeFinding("AD999", "info", "not on any element"),
    ]
    root = _parse(export_svg(_small(), library, findings=findings, legend=True))
    markers = [g for g in root.iter(f"{SVG}g") if g.get("class") == "finding"]
    assert len(markers) == 3
    colours = {m.find(f"{SVG}circle").get("fill") for m in markers}  # type: ignore[union-attr]
    assert theme("light").severity["error"] in colours
    legend = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "legend")
    words = " ".join(legend.itertext())
    assert "client" in words and "storage" in words and "async link" in words
    assert "1 error" in words and "2 warnings" in words
    without = _parse(export_svg(_small(), library))
    assert not [g for g in without.iter(f"{SVG}g") if g.get("class") in ("finding", "legend")]


def test_empty_design_is_a_valid_svg(library: Library):
    svg = export_svg(Design(archdraw=1, name="empty"), library)
    assert "(empty design)" in svg
    _parse(svg)


def test_arc_flags_are_spelled_out_for_simple_renderers():
    assert spell_out_path("M10 3H7a2 2 0 00-2 2v16") == "M 10 3 H 7 a 2 2 0 0 0 -2 2 v 16"
    assert spell_out_path("a1 1 0 1 1 .5-.5") == "a 1 1 0 1 1 .5 -.5"
    assert spell_out_path("M1 1 L ??") == "M1 1 L ??"


def test_text_is_fitted_to_the_width_given():
    assert fit("short", 200, 13) == "short"
    cut = fit("a very long label that cannot fit", 80, 13)
    assert cut.endswith("…") and text_width(cut, 13) <= 80
    lines = wrap("Home timeline service with a long name", 90, 13, 2, bold=True)
    assert len(lines) == 2
    assert all(text_width(line, 13, bold=True) <= 90 for line in lines)


def test_links_are_routed_round_boxes(library: Library):
    design = load(SAMPLES[0], library).design if SAMPLES else _small()
    root = _parse(export_svg(design, library))
    shapes = _links(root).values()
    assert any(e.tag == f"{SVG}polyline" for e in shapes)  # bends: routed, not straight


def test_an_export_with_findings_is_the_same_file_whatever_the_hash_seed(tmp_path: Path):
    """Exported pictures are committed beside designs: the same design must give the same
    bytes in every run (the markers were written in the order of a set of strings)."""
    sample = next(p for p in SAMPLES if p.name == "payment-gateway-naive.archdraw.yaml")
    written = []
    command = [sys.executable, "-m", "archdraw", "export", "-f", "svg", "--findings"]
    for seed in ("1", "2"):
        out = tmp_path / f"seed{seed}.svg"
        run = subprocess.run(
            [*command, str(sample), "-o", str(out)],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        assert run.returncode == 0, run.stderr[-2000:]
        written.append(out.read_bytes())
    assert written[0] == written[1] and written[0].count(b'class="finding"') > 3


def _badged() -> Design:
    """One stated count (api), one derived from zones (db), one instance (cache, no badge)."""
    return Design(
        archdraw=1,
        name="badged",
        components=[
            Component(id="api", type="service", props={"replicas": 3}, position=(100.0, 100.0)),
            Component(id="db", type="database", props={"zones": 3}, position=(400.0, 100.0)),
            Component(id="cache", type="cache", props={"replicas": 1}, position=(700.0, 100.0)),
        ],
        links=[Link.model_validate({"from": "api", "to": "db"})],
    )


def _badge_swatches(root: ET.Element) -> list[ET.Element]:
    return [e for e in root.iter(f"{SVG}rect") if e.get("class") == "badge-swatch"]


def _badge_pills(root: ET.Element) -> dict[str, ET.Element]:
    """Each component's badge pill (the rect with rx 8 inside its group), by id."""
    found = {}
    for group in root.iter(f"{SVG}g"):
        if group.get("class") == "component":
            pills = [r for r in group.iter(f"{SVG}rect") if r.get("rx") == "8"]
            if pills:
                found[group.get("data-id", "")] = pills[0]
    return found


@pytest.mark.parametrize("theme_name", ["light", "dark"])
def test_legend_explains_both_badge_styles_as_the_boxes_draw_them(
    library: Library, theme_name: str
):
    root = _parse(export_svg(_badged(), library, theme=theme_name, legend=True))
    pills = _badge_pills(root)
    assert set(pills) == {"api", "db"}  # one instance draws no badge
    legend = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "legend")
    words = " ".join(legend.itertext())
    assert "×N instances, stated (replicas)" in words
    assert "×N instances, not stated (library default, or one per zone or shard)" in words
    filled, outlined = _badge_swatches(legend)
    paint = ("fill", "stroke", "stroke-dasharray", "stroke-width")
    # The filled swatch is painted as api's pill (stated), the outlined one as db's.
    assert [filled.get(a) for a in paint] == [pills["api"].get(a) for a in paint]
    assert [outlined.get(a) for a in paint] == [pills["db"].get(a) for a in paint]
    assert filled.get("stroke") is None and outlined.get("stroke-dasharray")


def test_legend_names_only_the_badge_styles_drawn(library: Library):
    stated_only = _badged()
    stated_only.components[1].props["replicas"] = 2  # now stated too
    root = _parse(export_svg(stated_only, library, legend=True))
    words = " ".join(next(g for g in root.iter(f"{SVG}g") if g.get("class") == "legend").itertext())
    assert "stated (replicas)" in words and "not stated" not in words
    assert len(_badge_swatches(root)) == 1
    root = _parse(export_svg(_small(), library, legend=True))  # _small: api runs 3, stated
    assert len(_badge_swatches(root)) == 1
    plain = _badged()
    plain.components[:2] = []  # the cache alone: one instance, no badge
    root = _parse(export_svg(plain, library, legend=True))
    assert not _badge_swatches(root)
    assert "instances" not in " ".join(root.itertext())
