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
    indegree = {cid: 0 for cid in components}
    for cid in components:
        for link in ctx.flow_out(cid):
            if link.target in indegree:
                indegree[link.target] += 1
    arrival = {cid: 0.0 for cid in components}
    for client in ctx.clients:
        rps = ctx.number(client, "rps")
        arrival[client.id] += rps or 0.0
    # Kahn's order; components on a cycle are settled once, with what reached them.
    todo = deque(cid for cid, n in indegree.items() if n == 0)
    done: set[str] = set()
    while len(done) < len(components):
        if not todo:
            todo.append(next(cid for cid in components if cid not in done))
        current = todo.popleft()
        if current in done:
            continue
        done.add(current)
        component = components[current]
        sent = arrival[current]
        if component.type in _CACHING:
            hit_ratio = ctx.number(component, "hit_ratio") or 0.0
            sent *= max(0.0, 1.0 - hit_ratio)
        for link in ctx.flow_out(current):
            if link.target not in arrival:
                continue
            calls = ctx.link_number(link, "calls")
            arrival[link.target] += sent * (1.0 if calls is None else calls)
            indegree[link.target] -= 1
            if indegree[link.target] == 0 and link.target not in done:
                todo.append(link.target)
    return arrival
