"""A box's type line is written whole: on two lines under a one-line title, a little smaller
under a two-line one ("Relational dat…" and "NoSQL databa…" were in most samples)."""

from __future__ import annotations

from itertools import pairwise

import pytest

from archdraw.drawing import ComponentLook, face
from archdraw.drawing.faces import TYPE_SIZE
from archdraw.drawing.text_metrics import text_width
from archdraw.library import Library
from archdraw.style import NODE_HEIGHT, NODE_WIDTH

TITLES = {"one title line": "Chats DB", "two title lines": "Trips (sharded)"}


@pytest.mark.parametrize("title", TITLES.values(), ids=TITLES.keys())
def test_every_library_type_is_written_whole_inside_the_box(library: Library, title: str):
    for spec in library.types.values():
        runs = face(ComponentLook(title, spec.label, spec.category, "x"), "full").texts
        types = [run for run in runs if run.role == "type"]
        assert " ".join(run.text for run in types) == spec.label
        for run in types:
            assert run.size >= 9.0  # readable at 100 %, beside 11 px elsewhere
            assert run.x + text_width(run.text, run.size) <= NODE_WIDTH - 4, run
            assert run.y + 3 <= NODE_HEIGHT - 4, run  # descenders clear of the bottom border


def test_a_type_that_fits_keeps_the_one_line_and_size(library: Library):
    for title in TITLES.values():
        runs = face(ComponentLook(title, "Service", "compute", "server"), "full").texts
        types = [run for run in runs if run.role == "type"]
        assert [(run.text, run.size) for run in types] == [("Service", TYPE_SIZE)]


def test_title_and_type_lines_do_not_overlap(library: Library):
    for title in TITLES.values():
        for label in ("Relational database", "Network file system", "Service"):
            runs = face(ComponentLook(title, label, "storage", "database"), "full").texts
            baselines = [run.y for run in runs if run.role in ("title", "type")]
            assert baselines == sorted(baselines)
            gaps = [b - a for a, b in pairwise(baselines)]
            assert min(gaps) >= 12.0
