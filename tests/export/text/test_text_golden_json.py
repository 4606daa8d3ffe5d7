"""Golden files for every text format, the JSON round trip, and the shared id mapping.

The golden files in tests/export/text/golden/ were read by eye; a change in
an exporter's output fails here until the new output is read and accepted:
`ARCHDRAW_UPDATE_GOLDEN=1 pytest tests/export/text` rewrites them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from text_designs import GOLDEN, load_design
from text_parsers import d2_validate, dot_svg

from archdraw.export import d2, dot, drawio, json_format, mermaid, plantuml, structurizr
from archdraw.export.text_support import PLAIN_IDENTIFIER, IdMap, clean_text
from archdraw.library import Library
from archdraw.model import Component, Design, Link, Zone

EXPORTERS: dict[str, Callable[[Design, Library], str]] = {
    "mmd": mermaid.export,
    "arch.mmd": lambda design, library: mermaid.export(design, library, syntax="architecture"),
    "d2": d2.export,
    "puml": plantuml.export,
    "dot": dot.export,
    "drawio": drawio.export,
    "dsl": structurizr.export,
    "json": json_format.export,
}


def _positioned(design: Design) -> Design:
    """Every component placed, so golden draw.io files do not depend on the layout engine."""
    components = [
        c if c.position else c.model_copy(update={"position": (100.0 + 200 * n, 600.0)})
        for n, c in enumerate(design.components)
    ]
    return design.model_copy(update={"components": components})


@pytest.mark.parametrize("name", ["medium", "hostile"])
@pytest.mark.parametrize("extension", sorted(EXPORTERS))
def test_output_matches_the_reviewed_golden_file(
    name: str, extension: str, library: Library
) -> None:
    design = _positioned(load_design(name, library))
    text = EXPORTERS[extension](design, library)
    golden = GOLDEN / f"{name}.{extension}"
    if os.environ.get("ARCHDRAW_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden.name}: run with ARCHDRAW_UPDATE_GOLDEN=1"
    assert text == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("extension", sorted(EXPORTERS))
def test_every_exporter_is_deterministic(
    extension: str, any_design: Design, library: Library
) -> None:
    export = EXPORTERS[extension]
    assert export(any_design, library) == export(any_design, library)


@pytest.mark.parametrize("name", ["medium", "hostile"])
def test_json_round_trips_to_the_same_design(name: str, library: Library) -> None:
    any_design = load_design(name, library)
    data = json.loads(json_format.export(any_design, library))
    assert data["format"] == json_format.FORMAT_NAME
    assert data["format_version"] == any_design.archdraw
    assert Design.model_validate(data["design"]) == any_design


def test_json_keys_are_in_file_order(medium: Design, library: Library) -> None:
    data = json.loads(json_format.export(medium, library))
    assert list(data) == ["format", "format_version", "design"]
    assert list(data["design"]) == list(medium.to_data())
    assert list(data["design"]["links"][0]) == ["from", "to", "kind", "label"]


texts = st.text(min_size=1, max_size=12)


@given(st.lists(texts, max_size=30, unique=True), st.booleans())
def test_id_map_is_one_to_one_and_acceptable(ids: list[str], casefold: bool) -> None:
    ids_map = IdMap(ids, reserved=["end", "class"], casefold=casefold)
    written = [ids_map[raw] for raw in ids]
    fold = str.casefold if casefold else str
    assert len({fold(name) for name in written}) == len(ids)
    assert all(PLAIN_IDENTIFIER.match(name) for name in written)
    assert all(fold(name) not in {"end", "class"} for name in written)
    for raw in ids:
        if PLAIN_IDENTIFIER.match(raw) and raw not in ("end", "class") and not casefold:
            assert ids_map[raw] == raw


def test_id_map_never_takes_an_existing_id() -> None:
    ids_map = IdMap(["a.b", "a_b", "a-b"])
    assert ids_map["a_b"] == "a_b"
    assert len({ids_map["a.b"], ids_map["a_b"], ids_map["a-b"]}) == 3
    assert ids_map.new_name("a_b") not in {"a_b", ids_map["a.b"], ids_map["a-b"]}


def test_clean_text_removes_controls_and_keeps_newlines() -> None:
    assert clean_text("a\r\nb\rc\td\x00e\x1f") == "a\nb\nc de"
    assert len(clean_text("x" * 10_000)) <= 4000


def _broken_design() -> Design:
    """A design built past validation: a zone cycle, an unknown zone, a link to nowhere."""
    zones = [
        Zone.model_construct(id="a", label=None, kind="zone", parent="b"),
        Zone.model_construct(id="b", label=None, kind="zone", parent="a"),
    ]
    components = [
        Component.model_construct(
            id=name, type=kind, label=None, zone=zone, position=None, notes=None, props={}
        )
        for name, kind, zone in (("x", "service", "a"), ("y", "no_such_type", "nowhere"))
    ]
    links = [
        Link.model_construct(id=None, source="x", target="y", kind="sync", label=None, props={}),
        Link.model_construct(
            id=None, source="x", target="ghost", kind="async", label=None, props={}
        ),
    ]
    return Design.model_construct(
        archdraw=1, name="Broken", description=None, zones=zones, components=components, links=links
    )


@pytest.mark.parametrize("extension", sorted(set(EXPORTERS) - {"json"}))
def test_broken_designs_export_and_say_what_was_dropped(
    extension: str, library: Library, tmp_path: Path
) -> None:
    text = EXPORTERS[extension](_broken_design(), library)
    assert "'x->ghost' dropped" in text
    assert "ghost" not in text.replace("'x->ghost' dropped", "")
    if extension == "dot":
        assert "cluster" in dot_svg(text)
    if extension == "d2":
        assert d2_validate(text, tmp_path)[0] == 0
