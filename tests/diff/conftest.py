"""The shop pair: one pull request's worth of change (see tests/diff/data)."""

from __future__ import annotations

from pathlib import Path

import pytest

from archdraw.diff import FileDiff, Side, compare
from archdraw.io import load
from archdraw.library import Library

DATA = Path(__file__).parent / "data"
BEFORE = DATA / "shop-before.archdraw.yaml"
AFTER = DATA / "shop-after.archdraw.yaml"


@pytest.fixture(scope="session")
def shop(library: Library) -> FileDiff:
    return compare(
        "designs/shop.archdraw.yaml",
        Side("main:designs/shop.archdraw.yaml", load(BEFORE, library)),
        Side("designs/shop.archdraw.yaml", load(AFTER, library)),
        library,
    )
