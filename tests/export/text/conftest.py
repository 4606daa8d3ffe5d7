"""Fixtures for the text-format tests: each design the exporters must survive."""

from __future__ import annotations

import pytest
from text_designs import DESIGN_NAMES, load_design

from archdraw.library import Library
from archdraw.model import Design


@pytest.fixture(params=DESIGN_NAMES)
def any_design(request: pytest.FixtureRequest, library: Library) -> Design:
    """Each test using this runs once per design in DESIGN_NAMES."""
    return load_design(str(request.param), library)


@pytest.fixture
def medium(library: Library) -> Design:
    return load_design("medium", library)


@pytest.fixture
def hostile(library: Library) -> Design:
    return load_design("hostile", library)
