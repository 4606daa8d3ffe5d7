"""Fixtures every test package can use. Qt fixtures live in tests/gui/conftest.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from archdraw.io import LoadedDesign, loads
from archdraw.library import Library, builtin_library

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def library() -> Library:
    """The built-in component library (never the user's folder: tests must be reproducible)."""
    return builtin_library()


@pytest.fixture
def load_text(library: Library):  # type: ignore[no-untyped-def]
    """Load a design from YAML text, as if from a file called test.archdraw.yaml."""

    def load(text: str, filename: str = "test.archdraw.yaml") -> LoadedDesign:
        return loads(text, filename, library)

    return load
