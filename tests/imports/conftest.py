from __future__ import annotations

from pathlib import Path

import pytest

from archdraw.library import Library, load_library

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def library() -> Library:
    return load_library()
