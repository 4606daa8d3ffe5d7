"""Arrival rates for the capacity rules, following the queueing contract of issue 8.

λ at a component is the sum over its incoming sync and async links of the
sender's rate times the link's `calls`, times (1 - hit_ratio) when the
sender is a cache, CDN or device cache. A client sends its `rps`. Kept
small and local so lint does not depend on `archdraw.analysis`.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

from archdraw.lint.elements import as_number

if TYPE_CHECKING:
    from archdraw.lint.context import LintContext

# Senders that pass on only their misses (re-exported by `LintContext` for the rules).
CACHING_TYPES = frozenset({"cache", "cdn", "device_cache"})


# The link property `arrival_rates` reads straight from the props (a lint session counts it
# as read by whoever uses the arrival rates); component properties go through the context.
ARRIVAL_LINK_PROPERTIES = frozenset({"calls"})


def arrival_rates(ctx: LintContext) -> dict[str, float]:
    # Components by position, lists instead of dicts keyed by id: this walk touches every
    # link and component, and list indexing is several times cheaper than hashing ids.
    ids = list(ctx.components)
    position = {cid: i for i, cid in enumerate(ids)}
    count = len(ids)
    arrival = [0.0] * count
    indegree = [0] * count
    outgoing: list[list[tuple[int, float]]] = [[] for _ in range(count)]
    default_calls = ctx.link_default_number("calls")
    usual_calls = 1.0 if default_calls is None else default_calls
    # Each sender's links in file order (what the flow index keeps).
    for source_id, links in ctx.flow_senders.items():
        source = position.get(source_id)
        if source is None:
            continue
        onward = outgoing[source]
        for link in links:
            target = position.get(link.target)
            if target is None:
                continue
            indegree[target] += 1
            props = link.props
            calls = usual_calls
            if "calls" in props:
                own = as_number(props["calls"])
                calls = 1.0 if own is None else own
            onward.append((target, calls))
    for client in ctx.clients:
        arrival[position[client.id]] += ctx.number(client, "rps") or 0.0
    # What a cache passes on: read here for the few caches, not per component in the walk.
    passed_on: list[float | None] = [None] * count
    for cache in ctx.of_types(CACHING_TYPES):
        hit_ratio = ctx.number(cache, "hit_ratio") or 0.0
        passed_on[position[cache.id]] = max(0.0, 1.0 - hit_ratio)
    # Kahn's order; components on a cycle are settled once, with what reached them.
    todo = deque(i for i in range(count) if indegree[i] == 0)
    done = [False] * count
    unsettled = 0  # the first component, in file order, that may not be settled yet
    remaining = count
    while remaining:
        if not todo:
            while done[unsettled]:
                unsettled += 1
            todo.append(unsettled)
        current = todo.popleft()
        if done[current]:
            continue
        done[current] = True
        remaining -= 1
        onward = outgoing[current]
        if not onward:
            continue  # sends nothing on (stores, workers and other sinks)
        sent = arrival[current]
        share = passed_on[current]
        if share is not None:
            sent *= share
        for target, calls in onward:
            arrival[target] += sent * calls
            left = indegree[target] - 1
            indegree[target] = left
            if left == 0 and not done[target]:
                todo.append(target)
    return dict(zip(ids, arrival, strict=True))
