"""A small valid design file the command tests share."""

from __future__ import annotations

from pathlib import Path

import pytest

GOOD = """\
archdraw: 1
name: Tiny
components:
  - {id: web, type: client, props: {rps: 10}}
  - {id: api, type: service}
links:
  - {from: web, to: api}
"""


@pytest.fixture
def good_file(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.archdraw.yaml"
    path.write_text(GOOD, encoding="utf-8")
    return path
