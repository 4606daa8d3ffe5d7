"""A design's links read once: each link's fields in a record, and the links by sender, by
receiver and by the property names they state. The data roles, the traffic graph and lint's
views all read this table rather than walking the design's links each.

Everything here follows from the design's structure (which links exist, their ends and kind,
the property names they state), never from property values: a lint session keeps one table
across property edits. A record shares its link's `props` dict, so it reads the values as
they are now (lint's `DesignView.follow_props` re-points the records at another copy of the
same design).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from archdraw.model import Design, Link


class LinkRecord:
    """One link's fields, copied from the model once (a pydantic model hooks every read)."""

    __slots__ = ("id", "key", "kind", "label", "props", "source", "target")

    def __init__(self, link: Link) -> None:
        fields = link.__dict__  # one hooked look-up instead of one per field
        self.id: str | None = fields["id"]
        self.source: str = fields["source"]
        self.target: str = fields["target"]
        self.kind: str = fields["kind"]  # "sync" | "async" | "replication"
        self.label: str | None = fields["label"]
        self.props: dict[str, Any] = fields["props"]
        # The ends and id never change while a record lives (a re-wired link is a new
        # structure, and a new table): its identity is worked out once.
        self.key: str = self.id if self.id is not None else f"{self.source}->{self.target}"
        """The link's identity: its explicit id, or "from->to"."""


class LinkTable:
    """The links of one design, in file order, and indexed by what their readers ask.

    Each index keeps file order; look up with `get` (a missing key means no such link)."""

    __slots__ = ("into", "links", "out", "replication", "stating", "sync_in", "sync_out")

    def __init__(self, design: Design) -> None:
        self.links = [LinkRecord(link) for link in design.links]
        index: tuple[defaultdict[str, list[LinkRecord]], ...] = tuple(
            defaultdict(list) for _ in range(5)
        )
        out, into, sync_out, sync_in, stating = index
        replication: list[LinkRecord] = []
        for link in self.links:
            source, target, kind = link.source, link.target, link.kind
            out[source].append(link)
            into[target].append(link)
            if kind == "sync":
                sync_out[source].append(link)
                sync_in[target].append(link)
            elif kind == "replication":
                replication.append(link)
            for name in link.props:
                stating[name].append(link)
        # Plain dicts again: a look-up of a missing key must not insert it.
        self.out = dict(out)
        """Every link by its sender (all kinds)."""
        self.into = dict(into)
        """Every link by its receiver (all kinds)."""
        self.sync_out = dict(sync_out)
        """Sync links by caller."""
        self.sync_in = dict(sync_in)
        """Sync links by callee."""
        self.replication = replication
        """The replication links."""
        self.stating = dict(stating)
        """Links by the property names they state (read the values from `props`)."""
