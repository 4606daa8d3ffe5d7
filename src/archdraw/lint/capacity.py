"""Arrival rates for the capacity rules, following the queueing contract of issue 8.

λ at a component is the sum over its incoming sync and async links of the
sender's rate times the link's `calls`, times (1 - hit_ratio) when the
sender is a cache, CDN or device cache. A client sends its `rps`. Kept
small and local so lint does not depend on `archdraw.analysis`.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from archdraw.lint.context import LintContext

_CACHING = frozenset({"cache", "cdn", "device_cache"})


def arrival_rates(ctx: LintContext) -> dict[str, float]:
    components = ctx.components
    arrival = dict.fromkeys(components, 0.0)
    indegree = dict.fromkeys(components, 0)
    outgoing: dict[str, list[tuple[str, float]]] = {cid: [] for cid in components}
    link_number = ctx.link_number
    # One pass over the links in file order: each sender's list keeps its links' order.
    for link in ctx.design.links:
        source, target = link.source, link.target
        if link.kind == "replication" or source not in indegree or target not in indegree:
            continue
        indegree[target] += 1
        calls = link_number(link, "calls")
        outgoing[source].append((target, 1.0 if calls is None else calls))
    for client in ctx.clients:
        arrival[client.id] += ctx.number(client, "rps") or 0.0
    # Kahn's order; components on a cycle are settled once, with what reached them.
    todo = deque(cid for cid, n in indegree.items() if n == 0)
    unsettled = iter(components)
    done: set[str] = set()
    remaining = len(components)
    while remaining:
        if not todo:
            todo.append(next(cid for cid in unsettled if cid not in done))
        current = todo.popleft()
        if current in done:
            continue
        done.add(current)
        remaining -= 1
        sent = arrival[current]
        component = components[current]
        if component.type in _CACHING:
            sent *= max(0.0, 1.0 - (ctx.number(component, "hit_ratio") or 0.0))
        for target, calls in outgoing[current]:
            arrival[target] += sent * calls
            left = indegree[target] - 1
            indegree[target] = left
            if left == 0 and target not in done:
                todo.append(target)
    return arrival
