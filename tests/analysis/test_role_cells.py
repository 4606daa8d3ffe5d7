"""The cells a data role counts (instances, shards, copies, failover, whether a copy takes
writes) are remembered per distinct type and set of own values: every property they read must
be in the key, so a remembered answer is the one worked out afresh."""

from __future__ import annotations

import itertools

import pytest

from archdraw.analysis.columns import per_component
from archdraw.analysis.kinds import TypeFacts
from archdraw.analysis.roles import data_roles
from archdraw.library import Library
from archdraw.model import Component, Design

# Values that change some count of some store type, with 1, 1.0 and true apart.
VALUES: list[object] = [None, True, False, 1, 1.0, 3, 12, "sync", "async", "none", "dns"]


@pytest.mark.parametrize("type_id", ["database", "stream", "object_storage", "cache"])
def test_remembered_cells_are_those_worked_out_afresh(library: Library, type_id: str) -> None:
    facts = TypeFacts(library)
    names = sorted(library.types[type_id].properties)
    components = [
        Component(id=f"store{i}", type=type_id, props={**base, name: value})
        for i, (name, value, base) in enumerate(
            itertools.product(names, VALUES, ({}, {"replicas": 4, "shards": 2}))
        )
    ]
    remembered = per_component(components, facts, library).cells
    afresh = [per_component([c], TypeFacts(library), library).cells[0] for c in components]
    assert len(remembered) > 100
    for component, kept, found in zip(components, remembered, afresh, strict=True):
        assert kept == found, component.props
        assert list(map(type, kept)) == list(map(type, found)), component.props


def test_roles_count_what_the_cells_say(library: Library) -> None:
    design = Design(
        archdraw=1,
        name="roles",
        components=[
            Component(id="db", type="database", props={"replicas": 4, "shards": 2}),
            Component(id="events", type="stream", props={"replication": "none"}),
            Component(id="api", type="service"),
        ],
    )
    roles = data_roles(design, library)
    db = roles.of("db")
    assert db is not None and (db.instances, db.shards, db.copies) == (4, 2, 2)
    events = roles.of("events")
    assert events is not None and events.copies == 1
    assert roles.of("api") is None  # stateless: no role
