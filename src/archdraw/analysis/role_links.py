"""The links the data roles follow (`archdraw.analysis.roles`): who sends requests to whom
over links with `calls` > 0, and the replication links, between known components."""

from __future__ import annotations

from collections.abc import Container, Iterable
from functools import lru_cache

from archdraw.analysis.kinds import TypeFacts, sends_requests
from archdraw.analysis.links import LinkRecord, LinkTable


class RoleLinks:
    """The links between known components that roles follow, read from the design's link
    table as they are asked for (a design has thousands of links and few caches, copies
    and standbys)."""

    def __init__(self, table: LinkTable, facts: TypeFacts, components: Container[str]) -> None:
        """`components`: the ids of the design's components."""
        self.table, self.facts, self.components = table, facts, components
        # Whether a link sends requests (`calls` > 0): most links state no `calls` and send
        # as the library default says; the few whose own value answers otherwise are listed,
        # in file order (a dict used as an ordered set).
        default = facts.link_default("calls")
        self._by_default = sends_requests(default)
        self._otherwise: dict[LinkRecord, None] = {}
        # Each distinct value judged once (thousands of links state the same few); typed: 1
        # and true apart.
        judged = lru_cache(maxsize=None, typed=True)(sends_requests)
        for link in table.stating.get("calls", ()):
            value = link.props.get("calls", default)
            try:
                sends = judged(value)
            except TypeError:  # an unhashable value (a list): nothing to remember it by
                sends = sends_requests(value)
            if sends != self._by_default:
                self._otherwise[link] = None
        self._calls: dict[str, list[str]] = {}

    def _known(self, link: LinkRecord) -> bool:
        return link.source in self.components and link.target in self.components

    def copies(self) -> list[tuple[str, str]]:
        """Replication links, (source, target)."""
        return [
            (k.source, k.target)
            for k in self.table.replication
            if k.source != k.target and self._known(k)
        ]

    def callers(self, target: str) -> list[str]:
        """Who sends requests to `target`, over links with any `calls`."""
        arriving, components = self.table.into.get(target, ()), self.components
        return [
            k.source
            for k in arriving
            if k.kind != "replication" and k.source in components and k.target in components
        ]

    def senders_to(self, targets: Iterable[str]) -> dict[str, set[str]]:
        """Who sends requests to any of `targets` (known components), over links with
        `calls` > 0: each sender with the targets it sends to."""
        components, otherwise, sends = self.components, self._otherwise, self._by_default
        into = self.table.into
        found: dict[str, set[str]] = {}
        for target in targets:
            for k in into.get(target, ()):
                if k.kind != "replication" and k.source in components and sends != (k in otherwise):
                    reached = found.get(k.source)
                    if reached is None:
                        found[k.source] = {target}
                    else:
                        reached.add(target)
        return found

    def calls(self, source: str) -> list[str]:
        """Where `source` (a known component) sends requests, over links with `calls` > 0."""
        found = self._calls.get(source)
        if found is None:
            components, otherwise, sends = self.components, self._otherwise, self._by_default
            found = self._calls[source] = [
                k.target
                for k in self.table.out.get(source, ())
                if k.kind != "replication" and k.target in components and sends != (k in otherwise)
            ]
        return found

    def idle_senders(self) -> list[str]:
        """Known components with a request link of `calls: 0`, in file order of those links."""
        if self._by_default:  # only links that state `calls` can be idle: the listed ones
            idle = (k.source for k in self._otherwise)
        else:
            idle = (k.source for k in self.table.links)
        return [source for source in dict.fromkeys(idle) if source in self.components]

    def idle(self, source: str) -> list[str]:
        """Where `source` links over request links with `calls: 0`."""
        otherwise, sends = self._otherwise, self._by_default
        return [
            k.target
            for k in self.table.out.get(source, ())
            if k.kind != "replication" and self._known(k) and sends == (k in otherwise)
        ]
