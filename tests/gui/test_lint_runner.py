"""The worker's snapshot of a design is the same design, and lints the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from archdraw.gui.lint_runner import rebuild
from archdraw.io import dumps, load
from archdraw.lint import lint_design

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample_designs").glob("*.archdraw.yaml"))


@pytest.mark.parametrize("path", SAMPLES[:8], ids=[p.name for p in SAMPLES[:8]])
def test_snapshot_rebuild_is_the_same_design(path, library):  # type: ignore[no-untyped-def]
    design = load(path, library).design
    copy = rebuild(design.model_dump())
    assert copy == design and dumps(copy) == dumps(design)
    assert copy.components[0] is not design.components[0]

    def seen(d):  # type: ignore[no-untyped-def]
        return [(f.code, f.element, f.message) for f in lint_design(d, library)]

    assert seen(copy) == seen(design)
