"""A label with no free spot on its link goes beside it rather than over an earlier label."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest

from archdraw.drawing import Drawing
from archdraw.io import load
from archdraw.library import Library

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample_designs").glob("*.archdraw.yaml"))


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name.split(".")[0])
def test_no_label_covers_another_in_the_samples(library: Library, sample: Path):
    # Four pairs did (calendar, multi-agent, uber) when a crowded label fell back to the
    # middle of its link, over the label already there.
    design = load(sample, library).design
    positions = {c.id: c.position for c in design.components if c.position is not None}
    drawing = Drawing(design, library, positions)
    labels = {k: d.label.rect for k, d in drawing.links.items() if d.label is not None}
    covered = [(a, b) for (a, r), (b, s) in combinations(labels.items(), 2) if r.intersects(s)]
    assert not covered
