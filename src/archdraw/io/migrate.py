"""Bringing older format versions up to the current one.

Version 1 is the first format, so there is nothing to migrate yet; when
version 2 arrives, add a `_from_1_to_2(data)` step here and register it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from archdraw import FORMAT_VERSION

Migration = Callable[[dict[str, Any]], dict[str, Any]]
MIGRATIONS: dict[int, Migration] = {}


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Apply each step from the file's version to the current one."""
    version = data.get("archdraw")
    while isinstance(version, int) and not isinstance(version, bool) and version < FORMAT_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            break
        data = step(data)
        version = data.get("archdraw")
    return data
