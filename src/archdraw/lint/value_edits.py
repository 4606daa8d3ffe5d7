"""What a run of edits tells a `LintSession`: which elements' property values it may have
changed, when it changed nothing else the rules read.

An editor knows every change it made (each is an `Edit`). Handing the session the
elements those edits touched spares it comparing every element of the design with
its snapshot of the last run; the session still compares the touched ones, so an
edit that set a value back, or added or removed a property key, is seen as such.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from archdraw.model.edits import Batch, Edit, MoveComponents, SetLinkProperties, SetProperties


class ValueEdits(NamedTuple):
    """The components (ids) and links (keys) whose property values may have changed."""

    components: frozenset[str]
    links: frozenset[str]


def value_edits(edits: Iterable[Edit]) -> ValueEdits | None:
    """The elements whose property values `edits` may have changed, or None when they may
    have changed anything else the rules read (then the session compares everything).
    Moves change nothing the rules read."""
    components: set[str] = set()
    links: set[str] = set()
    pending = list(edits)
    while pending:
        edit = pending.pop()
        if isinstance(edit, SetProperties):
            components.add(edit.component_id)
        elif isinstance(edit, SetLinkProperties):
            links.add(edit.link_key)
        elif isinstance(edit, Batch):
            pending.extend(edit.edits)
        elif not isinstance(edit, MoveComponents):
            return None
    return ValueEdits(frozenset(components), frozenset(links))
