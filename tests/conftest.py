"""Fixtures every test package can use. Qt fixtures live in tests/gui/conftest.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from archdraw.io import LoadedDesign, loads
from archdraw.library import Library, builtin_library

# Every hypothesis test runs under the project's profile (no deadline: this machine is shared
# and a slow example is not a failure), whichever folders a run collects.
from property import profiles  # noqa: F401

REPO = Path(__file__).resolve().parents[1]
# A module that loads Qt in the test process runs in the test command's
# one-process pytest run (scripts/run_tests.py): Qt can crash at interpreter
# exit, and a pytest-xdist worker that dies after reporting its results goes
# unnoticed.
QT_IMPORTS = ("PySide6", "archdraw.gui", "archdraw.export.raster", "pytestqt")


def _loads_qt(path: Path, seen: dict[Path, bool]) -> bool:
    if path not in seen:
        in_gui = "gui" in path.relative_to(REPO).parts
        seen[path] = in_gui or any(name in path.read_text("utf-8") for name in QT_IMPORTS)
    return seen[path]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    seen: dict[Path, bool] = {}
    for item in items:
        if item.path.suffix == ".py" and _loads_qt(item.path, seen):
            item.add_marker(pytest.mark.qt)


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
