"""PlantUML export, checked by PlantUML itself: `plantuml -checkonly`, then drawn as SVG.

The SVG shows every label as it will be read (creole markup and escapes
applied), each element's stereotype, and each link's dash pattern.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from text_designs import DESIGN_NAMES, load_design
from text_parsers import plantuml, plantuml_rejects, svg_texts

from archdraw.export import plantuml as plantuml_export
from archdraw.export.text_support import clean_text, drawable_links
from archdraw.library import Library
from archdraw.model import Design

DASHES = {"async": "7.0,7.0", "replication": "1.0,3.0"}


@pytest.fixture(scope="module")
def drawn(library: Library, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every test design checked and drawn in one PlantUML run (Java starts slowly)."""
    texts = [plantuml_export.export(load_design(n, library), library) for n in DESIGN_NAMES]
    svgs = plantuml(texts, tmp_path_factory.mktemp("plantuml"))
    return dict(zip(DESIGN_NAMES, svgs, strict=True))


@pytest.fixture(params=DESIGN_NAMES)
def case(request: pytest.FixtureRequest, library: Library) -> tuple[str, Design]:
    return str(request.param), load_design(str(request.param), library)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in clean_text(text).split("\n") if line.strip()]


def test_plantuml_shows_every_label_exactly(
    case: tuple[str, Design], drawn: dict[str, Any]
) -> None:
    name, design = case
    texts = [t.strip() for t in svg_texts(drawn[name])]
    for element in [*design.components, *design.zones]:
        for line in _lines(element.title):
            assert line in texts, line
    for link in design.links:
        for line in _lines(link.label or ""):
            assert line in texts, line
    for component in design.components:
        for line in _lines(component.notes or ""):
            assert line in texts, line


def test_plantuml_keeps_types_zone_kinds_and_link_kinds(
    case: tuple[str, Design], drawn: dict[str, Any]
) -> None:
    name, design = case
    svg = drawn[name]
    stereotypes = [t for t in svg_texts(svg) if t.startswith("«")]
    expected = [f"«{re.sub(r'[^A-Za-z0-9_]', '_', c.type)}»" for c in design.components]
    expected += [f"«{z.kind}»" for z in design.zones]
    assert sorted(stereotypes) == sorted(expected)
    links, _ = drawable_links(design)
    notes = sum(1 for c in design.components if c.notes)  # a note hangs on a dashed line
    for kind, dash in DASHES.items():
        extra = notes if kind == "async" else 0
        assert svg.count(f"stroke-dasharray: {dash};") == sum(k.kind == kind for k in links) + extra


def test_plantuml_zones_nest(medium: Design, library: Library) -> None:
    lines = plantuml_export.export(medium, library).splitlines()
    outer = next(i for i, line in enumerate(lines) if line.startswith('frame "EU West region"'))
    inner = next(i for i, line in enumerate(lines) if 'node "Availability zone A"' in line)
    assert lines[inner].startswith("  ") and outer < inner


def test_plantuml_hostile_labels_are_escaped(hostile: Design, library: Library) -> None:
    text = plantuml_export.export(hostile, library)
    body = [line for line in text.splitlines() if not line.startswith("'")]
    assert not any("<script>" in line or "<b>" in line for line in body)
    assert sum(line.startswith("@enduml") for line in body) == 1


def test_plantuml_says_what_it_leaves_out(medium: Design, library: Library) -> None:
    lines = plantuml_export.export(medium, library).splitlines()
    comments = [line for line in lines if line.startswith("'")]
    assert any("properties not exported" in line for line in comments)


def test_plantuml_checker_rejects_broken_input(tmp_path: Path) -> None:
    assert plantuml_rejects('@startuml\ncomponent "a as {\n@enduml\n', tmp_path)
