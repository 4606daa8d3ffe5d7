"""Mermaid export, checked by mermaid@11's own parser (node + jsdom, tests/js/check-mermaid.mjs).

The checker reports what the parser understood (nodes, edges, subgraphs,
labels decoded as a reader sees them), so these tests compare the parsed
diagram with the design, not only that it parses.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from text_designs import DESIGN_NAMES, load_design
from text_parsers import mermaid_parse, mermaid_rejections

from archdraw.export import mermaid
from archdraw.export.text_support import clean_text, drawable_links, one_line
from archdraw.library import Library
from archdraw.model import Design

STROKES = {"sync": "normal", "async": "dotted", "replication": "thick"}


def _by_label(items: list[dict[str, Any]]) -> dict[str, str]:
    return {item["label"]: item["id"] for item in items}


def _label(text: str) -> str:
    """The label as Mermaid keeps it: exact, but without surrounding spaces."""
    return clean_text(text).strip()


@pytest.fixture(scope="module")
def parsed(
    library: Library, tmp_path_factory: pytest.TempPathFactory
) -> dict[tuple[str, str], Any]:
    """Every test design in both syntaxes, parsed in one run of the checker (node starts slowly)."""
    keys = [(name, syntax) for name in DESIGN_NAMES for syntax in ("flowchart", "architecture")]
    texts = [
        mermaid.export(load_design(name, library), library, syntax=syntax)  # type: ignore[arg-type]
        for name, syntax in keys
    ]
    return dict(zip(keys, mermaid_parse(texts, tmp_path_factory.mktemp("mermaid")), strict=True))


@pytest.fixture(params=DESIGN_NAMES)
def case(request: pytest.FixtureRequest, library: Library) -> tuple[str, Design]:
    return str(request.param), load_design(str(request.param), library)


def _flowchart_ids(design: Design, parsed: dict[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
    """Design id -> parsed id, found through the labels (unique in the test designs)."""
    nodes, subgraphs = _by_label(parsed["nodes"]), _by_label(parsed["subgraphs"])
    components = {c.id: nodes[_label(c.title)] for c in design.components}
    zones = {z.id: subgraphs[_label(z.title)] for z in design.zones}
    return components, zones


def test_flowchart_parses_with_every_label_and_id(
    case: tuple[str, Design], parsed: dict[tuple[str, str], Any]
) -> None:
    name, any_design = case
    parsed = parsed[name, "flowchart"]
    assert parsed["type"] == "flowchart-v2"
    components, zones = _flowchart_ids(any_design, parsed)
    assert len(parsed["nodes"]) == len(any_design.components)
    assert len(parsed["subgraphs"]) == len(any_design.zones)
    # Two different design ids never become one Mermaid id.
    assert len(set(components.values()) | set(zones.values())) == len(components) + len(zones)


def test_flowchart_keeps_link_kinds_labels_and_ends(
    case: tuple[str, Design], parsed: dict[tuple[str, str], Any]
) -> None:
    name, any_design = case
    parsed = parsed[name, "flowchart"]
    components, _zones = _flowchart_ids(any_design, parsed)
    links, _ = drawable_links(any_design)
    wanted = Counter(
        (components[k.source], components[k.target], STROKES[k.kind], _label(k.label or ""))
        for k in links
    )
    drawn = Counter((e["from"], e["to"], e["stroke"], e["label"]) for e in parsed["edges"])
    assert drawn == wanted


def test_flowchart_subgraphs_nest_like_zones(
    case: tuple[str, Design], parsed: dict[tuple[str, str], Any]
) -> None:
    name, any_design = case
    parsed = parsed[name, "flowchart"]
    components, zones = _flowchart_ids(any_design, parsed)
    members = {s["id"]: set(s["members"]) for s in parsed["subgraphs"]}
    classes = {s["id"]: s["classes"] for s in parsed["subgraphs"]}
    for zone in any_design.zones:
        expected = {components[c.id] for c in any_design.components if c.zone == zone.id}
        expected |= {zones[z.id] for z in any_design.zones if z.parent == zone.id}
        assert members[zones[zone.id]] == expected
        assert f"zone_{zone.kind}" in classes[zones[zone.id]]


def test_flowchart_hostile_labels_stay_text(hostile: Design, library: Library) -> None:
    text = mermaid.export(hostile, library)
    body = [line for line in text.splitlines() if not line.startswith("%%")]
    assert not any("<script>" in line for line in body)
    assert not any("%%{" in line for line in body)


def test_flowchart_says_what_it_leaves_out(medium: Design, library: Library) -> None:
    lines = mermaid.export(medium, library).splitlines()
    comments = [line for line in lines if line.startswith("%%")]
    assert any("properties not exported" in line for line in comments)
    assert any("notes not exported" in line for line in comments)


def _arch_title(text: str) -> str:
    return one_line(text).strip().replace("\\", "\u29f5").replace("%", "\uff05")


def test_architecture_parses_with_groups_services_and_edges(
    case: tuple[str, Design], parsed: dict[tuple[str, str], Any]
) -> None:
    name, any_design = case
    parsed = parsed[name, "architecture"]
    assert parsed["type"] == "architecture"
    services, groups = _by_label(parsed["nodes"]), _by_label(parsed["groups"])
    component_ids = {c.id: services[_arch_title(c.title)] for c in any_design.components}
    zone_ids = {z.id: groups[_arch_title(z.title)] for z in any_design.zones}
    assert len(set(component_ids.values())) == len(any_design.components)
    parents = {n["id"]: n["parent"] for n in parsed["nodes"] + parsed["groups"]}
    for component in any_design.components:
        zone = zone_ids.get(component.zone) if component.zone else None
        assert parents[component_ids[component.id]] == zone
    for zone in any_design.zones:
        parent = zone_ids[zone.parent] if zone.parent else None
        assert parents[zone_ids[zone.id]] == parent
    links, _ = drawable_links(any_design)
    wanted = Counter(
        (component_ids[k.source], component_ids[k.target], _arch_title(k.label or "") or None)
        for k in links
    )
    assert Counter((e["from"], e["to"], e["label"]) for e in parsed["edges"]) == wanted


def test_architecture_says_link_kinds_are_dropped(medium: Design, library: Library) -> None:
    text = mermaid.export(medium, library, syntax="architecture")
    comments = [line for line in text.splitlines() if line.startswith("%%")]
    assert any("link kinds" in line for line in comments)
    assert any("zone kinds" in line for line in comments)


def test_mermaid_checker_rejects_broken_input(tmp_path: Path) -> None:
    broken = ['flowchart LR\n  end["x"] --> b\n', "architecture-beta\n  service a(server)[A\n"]
    assert mermaid_rejections(broken, tmp_path) == len(broken)


def test_architecture_syntax_is_a_format_of_its_own(library: Library, tmp_path: Path) -> None:
    from archdraw.export import FORMATS, export_design

    design = load_design("medium", library)
    text = export_design(design, library, "mermaid-architecture")
    assert "mermaid-architecture" in FORMATS
    assert text == mermaid.export(design, library, syntax="architecture")
    (diagram,) = mermaid_parse([str(text)], tmp_path)
    assert diagram["type"] == "architecture"
