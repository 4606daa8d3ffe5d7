"""Where each value of a read file sits: 1-based (line, column) by path in the data.

Each list or mapping keeps one array of packed positions, of its items or of
its keys in insertion order, found by the container's identity. Nothing is
stored per path: a path tuple per value would cost a few hundred bytes each
and grow with the nesting depth, where this costs 8 bytes a value.
"""

from __future__ import annotations

from array import array
from typing import Any

Path = tuple[str | int, ...]
Position = tuple[int, int]

_COLUMN_BITS = 32
_COLUMN_MASK = (1 << _COLUMN_BITS) - 1


def pack(position: Position) -> int:
    return (position[0] << _COLUMN_BITS) | position[1]


def unpack(packed: int) -> Position:
    return (packed >> _COLUMN_BITS, packed & _COLUMN_MASK)


class Locations:
    """Maps a value's path in the data to its 1-based (line, column) in the file.

    A mapping value's position is its key's. The containers of the data must not
    change after reading (they are looked up by identity), which the loaders keep to.
    """

    def __init__(self, root: Any = None) -> None:
        self.root = root
        self._positions: dict[int, array[int]] = {}
        # Custom tags the caller allowed (Compose's `!reset`), by the path of the tagged value.
        self.tags: dict[Path, str] = {}
        # Values a problem made unusable (read as None) when reading went on past it, by
        # path, with the position of the problem.
        self.unreadable: list[tuple[Path, Position]] = []

    def record(self, container: dict[Any, Any] | list[Any], positions: array[int]) -> None:
        """The packed positions of the items (or keys, in order) of `container`."""
        if positions:
            self._positions[id(container)] = positions

    def exact(self, path: Path) -> Position | None:
        if not path:
            return (1, 1)
        node = self.root
        for part in path[:-1]:
            node = _child(node, part)
            if node is None:
                return None
        positions = self._positions.get(id(node))
        if positions is None:
            return None
        index = _index(node, path[-1])
        return unpack(positions[index]) if 0 <= index < len(positions) else None

    def of(self, path: Path) -> Position:
        """The position of `path`, or of its nearest recorded ancestor."""
        for end in range(len(path), -1, -1):
            found = self.exact(path[:end])
            if found is not None:
                return found
        return (1, 1)


def _child(node: Any, part: str | int) -> Any:
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    if isinstance(node, dict) and not isinstance(part, list | dict) and part in node:
        return node[part]
    return None


def _index(node: Any, part: str | int) -> int:
    if isinstance(node, list):
        return part if isinstance(part, int) and not isinstance(part, bool) else -1
    if isinstance(node, dict):
        try:
            return list(node).index(part)
        except (ValueError, TypeError):
            return -1
    return -1


def within(text: str, position: Position) -> Position:
    """`position`, or the end of the last line when it lies past the end of the text (the
    parser reports the end of the stream on the line after a final line break)."""
    lines = text.splitlines()
    if position[0] <= len(lines) or not lines:
        return position
    return (len(lines), len(lines[-1]) + 1)
