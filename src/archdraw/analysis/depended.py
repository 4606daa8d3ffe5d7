"""What the clients' requests wait for: the components a failure can fail them through.

A source's share of completed requests reads the shares of what it calls over sync links
(a link closing a cycle too), of what those call, and so on, and of a failover entry's
standbys (behind `calls: 0` links, whatever their kind): those components are *depended
on*. What lies only past an async link never fails a source's request: it delays work.
`archdraw.analysis.completion` reads only them, and `archdraw.analysis.weakest` fails only
them (and caches, whose misses load a store).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from archdraw.analysis.graph import TrafficGraph


class Within(Protocol):
    """The components a question is asked within (`in`): a set, or `Depended`."""

    def __contains__(self, node: int, /) -> bool: ...


class Depended:
    """Whether the sources depend on a component (`node in depended`), worked out when first
    asked, back from the component towards the sources: a single failure asks about the few
    components it reaches, not the thousands a design holds. A search back answers for the
    components it passed too: a source reaches those on the way it found, and none of them
    when it finds none."""

    def __init__(self, graph: TrafficGraph) -> None:
        self.graph = graph
        self.known: dict[int, bool] = dict.fromkeys(graph.sources, True)

    def __contains__(self, node: int, /) -> bool:
        known = self.known.get(node)
        return self._reached(node) if known is None else known

    def _reached(self, node: int) -> bool:
        known = self.known
        passed: dict[int, int | None] = {node: None}  # each one searched, from its callee
        stack = [node]
        while stack:
            callee = stack.pop()
            for caller in self._callers(callee):
                found = known.get(caller)
                if found:  # a source reaches it, and through it every one on the way here
                    on_the_way: int | None = callee
                    while on_the_way is not None:
                        known[on_the_way] = True
                        on_the_way = passed[on_the_way]
                    return True
                if found is None and caller not in passed:
                    passed[caller] = callee
                    stack.append(caller)
        known.update(dict.fromkeys(passed, False))
        return False

    def _callers(self, node: int) -> Iterator[int]:
        """Who the node's requests come from, as the sources' shares read them: the senders
        of its sync links (cycle-closing ones too), and the failover entry it stands by for."""
        graph = self.graph
        for edge in (*graph.in_edges[node], *graph.back_in[node]):
            if edge.kind == "sync" or edge in graph.standby_out[edge.source]:
                yield edge.source
