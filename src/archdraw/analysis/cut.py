"""The cut of the traffic graph into a DAG (`archdraw.analysis.graph`): a depth-first search
from the traffic sources, then from every other component, in order of id, following each
component's edges in the order given (the graph sorts them by target id, then key). An edge
that points at a component still on the search stack closes a cycle: a back edge."""

from __future__ import annotations

from itertools import compress
from operator import not_
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from archdraw.analysis.graph import Edge


def cut_cycles(
    ids: list[str], edges: list[list[Edge]], sources: list[int]
) -> tuple[list[int], list[Edge]]:
    """Topological order of the DAG left after removing back edges, and the back edges.

    Iterative depth-first search (designs may be deep); starting at the sources
    means a cycle is cut at the link that points back towards the traffic. Starts
    and links are taken in order of id, so the answer does not depend on file order.
    """
    count = len(ids)
    state = [0] * count  # 0 unseen, 1 on the stack, 2 done
    postorder: list[int] = []
    back: list[Edge] = []

    def visit(start: int) -> None:
        state[start] = 1
        path = [start]  # the search stack: nodes whose links are being followed
        left = [iter(edges[start])]  # each one's links still to follow
        while left:
            for edge in left[-1]:
                target = edge.target
                seen = state[target]
                if seen == 0:
                    onward = edges[target]
                    if onward:
                        state[target] = 1
                        path.append(target)
                        left.append(iter(onward))
                        break
                    state[target] = 2  # it sends nothing: done as soon as it is reached
                    postorder.append(target)
                elif seen == 1:
                    back.append(edge)
            else:
                node = path.pop()
                left.pop()
                state[node] = 2
                postorder.append(node)

    for start in sources:
        if not state[start]:
            visit(start)
    # Then every other component by id: only those the sources did not reach need sorting.
    for start in sorted(compress(range(count), map(not_, state)), key=ids.__getitem__):
        if not state[start]:
            visit(start)
    postorder.reverse()
    back.sort(key=lambda e: (ids[e.source], ids[e.target], e.key))
    return postorder, back
