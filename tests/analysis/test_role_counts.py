"""A role's counts are remembered per distinct type and set of own values: every property
they read must be in the key, so a remembered answer is the one worked out afresh."""

from __future__ import annotations

import itertools

import pytest

from archdraw.analysis.kinds import TypeFacts
from archdraw.analysis.role_counts import RoleCounts
from archdraw.library import Library
from archdraw.model import Component

# Values that change some count of some store type, with 1, 1.0 and true apart.
VALUES: list[object] = [None, True, False, 1, 1.0, 3, 12, "sync", "async", "none", "dns"]


@pytest.mark.parametrize("type_id", ["database", "stream", "object_storage", "cache"])
def test_remembered_counts_are_those_worked_out_afresh(library: Library, type_id: str) -> None:
    facts = TypeFacts(library)
    remembered = RoleCounts(facts)
    names = sorted(library.types[type_id].properties)
    checked = 0
    for name, value in itertools.product(names, VALUES):
        for base in ({}, {"replicas": 4, "shards": 2}):
            props = {**base, name: value}
            component = Component(id="store", type=type_id, props=props)
            afresh = RoleCounts(facts)(component)
            assert remembered(component) == afresh, (name, value, base)
            checked += 1
    assert checked > 100
