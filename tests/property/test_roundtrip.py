"""`loads(dumps(design)) == design` for every valid design, and dumps is a fixed point."""

from __future__ import annotations

from hypothesis import given, settings
from tests.property.strategies import designs, examples

from archdraw.io import dumps, loads
from archdraw.library import builtin_library
from archdraw.model import validate_design

LIBRARY = builtin_library()


@settings(max_examples=examples(250))
@given(designs(LIBRARY))
def test_load_of_dump_gives_the_same_design(design) -> None:  # type: ignore[no-untyped-def]
    text = dumps(design)
    assert validate_design(design, LIBRARY) == []
    loaded = loads(text, "roundtrip.archdraw.yaml", LIBRARY).design
    assert loaded == design
    assert dumps(loaded) == text


@settings(max_examples=examples(100))
@given(designs(LIBRARY))
def test_every_element_has_a_location(design) -> None:  # type: ignore[no-untyped-def]
    text = dumps(design)
    loaded = loads(text, "located.archdraw.yaml", LIBRARY)
    lines = text.splitlines()
    for component in design.components:
        line, column = loaded.locations.components[component.id]
        assert lines[line - 1][column - 1 :].startswith("id: "), (component.id, line)
    assert set(loaded.locations.links) == {link.key for link in design.links}
    assert set(loaded.locations.zones) == {zone.id for zone in design.zones}
