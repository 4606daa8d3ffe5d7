"""The pieces of opening a big design on the canvas a chunk per pass of the event loop.

Deleting thousands of items in one go (`QGraphicsScene.clear`) is as long a
pause as making them, so the items of the design before are kept as
`Leftovers` and deleted a chunk at a time too, the newest first (Qt unlinks
the last of its top-level items in constant time, the first in linear time).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from typing import TypeVar

import shiboken6
from PySide6.QtWidgets import QGraphicsItem

T = TypeVar("T")
Step = tuple[int, Callable[[], object]]  # how many things a step handles, and the step


def chunks(items: Sequence[T], size: int, run: Callable[[Sequence[T]], object]) -> list[Step]:
    """`run` over `items`, `size` at a time."""
    parts = (items[i : i + size] for i in range(0, len(items), size))
    return [(len(part), partial(run, part)) for part in parts]


def run_steps(
    steps: list[Step], total: int, pause: bool, stop: Callable[[], bool]
) -> Iterator[tuple[int, int]]:
    """Run `steps`; if `pause`, after each yield how many things of `total` are done, and
    end early once `stop()` says so."""
    done = 0
    for count, step in steps:
        step()
        done = min(total, done + count)
        if pause:
            yield done, total
            if stop():
                return


class Leftovers:
    """The items that showed the design before, until deleted a chunk a step."""

    def __init__(self) -> None:
        self._items: list[QGraphicsItem] = []

    def keep(self, items: Iterable[QGraphicsItem]) -> None:
        self._items.extend(items)

    def forget(self) -> None:
        """After `QGraphicsScene.clear`, which deleted the items already."""
        self._items = []

    def steps(self, size: int) -> list[Step]:
        return [(size, partial(self._delete, size)) for _ in range(0, len(self._items), size)]

    def __len__(self) -> int:
        return len(self._items)

    def _delete(self, count: int) -> None:
        for item in self._items[-count:]:
            if shiboken6.isValid(item):
                shiboken6.delete(item)
        del self._items[-count:]
