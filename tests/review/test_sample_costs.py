"""Every sample's design document quotes its current estimated cost."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.samples.update_costs import sentence

from archdraw.io import load
from archdraw.io.samples import SAMPLE_SUFFIX, sample_dir
from archdraw.library import Library

SAMPLES = sorted(sample_dir().glob(f"*{SAMPLE_SUFFIX}"))


@pytest.mark.parametrize("path", SAMPLES, ids=[p.name for p in SAMPLES])
def test_sample_quotes_its_estimated_cost(path: Path, library: Library) -> None:
    quoted = load(path, library).design.doc.scaling_limits
    expected = sentence(path, library)
    assert expected in quoted, "stale: run python tests/samples/update_costs.py"
