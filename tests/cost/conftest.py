"""Build small designs from compact YAML for the cost tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from archdraw.model import Design

HEADER = "archdraw: 1\nname: cost test\n"


@pytest.fixture
def design_of(load_text) -> Callable[[str], Design]:  # type: ignore[no-untyped-def]
    """A design from the YAML body (zones, components, links) without the header."""

    def build(body: str) -> Design:
        return load_text(HEADER + body).design  # type: ignore[no-any-return]

    return build
