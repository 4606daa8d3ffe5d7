"""The designs every text-format test runs through its exporter and its parser."""

from __future__ import annotations

import itertools
from pathlib import Path

from archdraw.io import load
from archdraw.library import Library
from archdraw.model import Component, Design, Link, Zone

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = Path(__file__).parent / "golden"
DESIGN_NAMES = ("medium", "hostile", "unchecked", "sparse")


def unchecked_design() -> Design:
    """Ids no design file may hold (quotes, spaces, unicode, newlines), built past validation.

    Exporters are also called on designs built in code; their ids must still
    come out as identifiers the format accepts, and never two as one.
    """
    zone_a, zone_b = (
        Zone.model_construct(id="zone one", label=None, kind="region", parent=None),
        (Zone.model_construct(id='z"2', label="Inner [zone]", kind="group", parent="zone one")),
    )
    ids = ['we"ird id', "we_ird_id", "späce ü", "<script>", "back\\slash", "new\nline", "a]b[c"]
    components = [
        Component.model_construct(
            id=component_id,
            type="service" if number % 2 else "database",
            label=None,
            zone=("zone one", 'z"2', None)[number % 3],
            position=None,
            notes=None,
            props={},
        )
        for number, component_id in enumerate(ids)
    ]
    kinds = ("sync", "async", "replication")
    links = [
        Link.model_construct(
            id=None, source=a, target=b, kind=kinds[n % 3], label=f"{a} to {b}", props={}
        )
        for n, (a, b) in enumerate(itertools.pairwise(ids))
    ]
    return Design.model_construct(
        archdraw=1,
        name='Unchecked "ids"',
        description=None,
        zones=[zone_a, zone_b],
        components=components,
        links=links,
    )


def load_design(name: str, library: Library) -> Design:
    if name == "unchecked":
        return unchecked_design()
    return load(FIXTURES / f"{name}.archdraw.yaml", library).design
