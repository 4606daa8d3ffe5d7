"""DOT export, checked by Graphviz itself: `dot -Tsvg` must accept it and draw what we meant."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter

from text_parsers import SVG, dot_svg, run, tool

from archdraw.export import dot
from archdraw.export.text_support import clean_text, drawable_links
from archdraw.library import Library
from archdraw.model import Design


def _groups(svg: str, kind: str) -> list[ET.Element]:
    root = ET.fromstring(svg)
    return [g for g in root.iter(f"{SVG}g") if kind in (g.get("class") or "").split()]


def _lines(group: ET.Element) -> list[str]:
    return [" ".join("".join(t.itertext()).split()) for t in group.iter(f"{SVG}text")]


def _expected_lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in clean_text(text).split("\n") if line.strip()]


def test_dot_draws_every_zone_component_and_link(any_design: Design, library: Library) -> None:
    svg = dot_svg(dot.export(any_design, library))
    clusters = _groups(svg, "cluster")
    nodes = _groups(svg, "component")
    edges = _groups(svg, "edge")
    links, _ = drawable_links(any_design)
    assert len(clusters) == len(any_design.zones)
    assert len(nodes) == len(any_design.components)
    assert len(edges) == len(links)


def test_dot_keeps_ids_labels_and_kinds(any_design: Design, library: Library) -> None:
    svg = dot_svg(dot.export(any_design, library))
    ids = {c.id for c in any_design.components if not re.search(r'["\\\x00-\x1f]', c.id)}
    titles = {g.findtext(f"{SVG}title") for g in _groups(svg, "component")}
    # Quoted DOT ids carry design ids exactly (only quotes, backslashes, controls are rewritten).
    assert ids <= titles
    node_lines = [_lines(g) for g in _groups(svg, "component")]
    for component in any_design.components:
        assert _expected_lines(component.title) in node_lines, component.title
    zone_lines = [_lines(g) for g in _groups(svg, "cluster")]
    for zone in any_design.zones:
        assert _expected_lines(zone.title) in zone_lines
    links, _ = drawable_links(any_design)
    drawn = Counter(
        (g.findtext(f"{SVG}title"), kind)
        for g in _groups(svg, "edge")
        for kind in ("sync", "async", "replication")
        if f"link-{kind}" in (g.get("class") or "").split()
    )
    wanted = Counter((f"{k.source}->{k.target}", k.kind) for k in links)
    if all(c.id in titles for c in any_design.components):
        assert drawn == wanted
    else:
        assert Counter(kind for _title, kind in drawn.elements()) == Counter(k.kind for k in links)
    edge_lines = [_lines(g) for g in _groups(svg, "edge")]
    for link in links:
        if link.label:
            assert _expected_lines(link.label) in edge_lines


def test_dot_link_kinds_become_line_styles(medium: Design, library: Library) -> None:
    text = dot.export(medium, library)
    for kind, style in (("sync", "solid"), ("async", "dashed"), ("replication", "dotted")):
        lines = [line for line in text.splitlines() if f'"link link-{kind}"' in line]
        assert lines and all(f"style={style}" in line for line in lines)


def test_dot_clusters_nest_like_zones(medium: Design, library: Library) -> None:
    text = dot.export(medium, library)
    outer = text.index('subgraph "cluster_eu-west"')
    inner = text.index('subgraph "cluster_az-a"')
    closing = text.index("\n  }", outer)
    assert outer < inner < closing


def test_dot_says_what_it_leaves_out(medium: Design, library: Library) -> None:
    comments = [line for line in dot.export(medium, library).splitlines() if line.startswith("//")]
    assert any("properties not exported" in line for line in comments)
    assert any("positions not exported" in line for line in comments)


def test_dot_keeps_notes_as_tooltips(medium: Design, library: Library) -> None:
    svg = dot_svg(dot.export(medium, library))
    note = medium.component("upload_svc").notes  # type: ignore[union-attr]
    tooltips = {
        a.get("{http://www.w3.org/1999/xlink}title") for a in ET.fromstring(svg).iter(f"{SVG}a")
    }
    assert note and note in tooltips


def test_dot_checker_rejects_broken_input() -> None:
    result = run([tool("dot"), "-Tsvg"], stdin='digraph { "a" -> }')
    assert result.returncode != 0


def test_dot_shortens_labels_graphviz_would_refuse(medium: Design, library: Library) -> None:
    huge = "é" * 20_000  # 40,000 bytes of UTF-8, over Graphviz's 16,384-byte string limit
    first = medium.components[0].model_copy(update={"label": huge})
    design = medium.model_copy(update={"components": [first, *medium.components[1:]]})
    svg = dot_svg(dot.export(design, library))
    assert any(line.startswith("éééé") for g in _groups(svg, "component") for line in _lines(g))
