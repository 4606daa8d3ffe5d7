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

from typing import Any

from archdraw.model import Design


class LinkRecord:
    """One link's fields, copied from the model once (a pydantic model hooks every read).

    `LinkTable` fills the fields in as it indexes the links; `key` is the link's identity:
    its explicit id, or "from->to" (the ends and id never change while a record lives: a
    re-wired link is a new structure, and a new table)."""

    __slots__ = ("id", "key", "kind", "label", "props", "source", "target")

    id: str | None
    key: str
    kind: str  # "sync" | "async" | "replication"
    label: str | None
    props: dict[str, Any]
    source: str
    target: str


class LinkTable:
    """The links of one design, in file order, and indexed by what their readers ask.

    Each index keeps file order; look up with `get` (a missing key means no such link)."""

    __slots__ = ("into", "links", "out", "replication", "stating", "sync_in", "sync_out")

    def __init__(self, design: Design) -> None:
        links: list[LinkRecord] = []
        out: dict[str, list[LinkRecord]] = {}
        into: dict[str, list[LinkRecord]] = {}
        sync_out: dict[str, list[LinkRecord]] = {}
        sync_in: dict[str, list[LinkRecord]] = {}
        stating: dict[str, list[LinkRecord]] = {}
        replication: list[LinkRecord] = []
        # One pass copies each link's fields and files it under every index. The records
        # are filled in here rather than by an `__init__`: a Python `__init__` enters a
        # fresh interpreter frame per link, and a design has thousands.
        for model in design.links:
            fields = model.__dict__  # one hooked look-up instead of one per field
            link = LinkRecord()
            link.id = link_id = fields["id"]
            link.source = source = fields["source"]
            link.target = target = fields["target"]
            link.kind = kind = fields["kind"]
            link.label = fields["label"]
            link.props = props = fields["props"]
            link.key = link_id if link_id is not None else f"{source}->{target}"
            links.append(link)
            out.setdefault(source, []).append(link)
            into.setdefault(target, []).append(link)
            if kind == "sync":
                sync_out.setdefault(source, []).append(link)
                sync_in.setdefault(target, []).append(link)
            elif kind == "replication":
                replication.append(link)
            for name in props:
                stating.setdefault(name, []).append(link)
        self.links = links
        self.out = out
        """Every link by its sender (all kinds)."""
        self.into = into
        """Every link by its receiver (all kinds)."""
        self.sync_out = sync_out
        """Sync links by caller."""
        self.sync_in = sync_in
        """Sync links by callee."""
        self.replication = replication
        """The replication links."""
        self.stating = stating
        """Links by the property names they state (read the values from `props`)."""
