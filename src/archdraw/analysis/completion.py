"""Which requests still complete when some components serve less than all of theirs.

`serving[n]` is the share (0..1) of the requests reaching component n that n
itself still answers. A request *completes* when every component it reaches
over sync links answers it. Async links are not on the request's path: the
sender does not wait, so a receiver that is down (and everything behind it)
delays that work, it does not fail the request; such components are reported
as *delayed*. A queue or stream is a hand-off too, whatever the kind of the
link into it: a request sent to it over a sync link needs it to accept the
message, and nothing behind it.

Inside the system a component needs every sync call it makes to succeed
(`calls` of them per request: a share `calls` of requests make one call when
calls < 1); a cache needs its downstream only for misses; over a link that
closes a cycle it needs the receiver's own answer only; a component with
`fallback: true` (a second provider, a degraded answer) answers its callers
even when it or something behind it fails: their paths are degraded, not
failed. A client's links are separate kinds of requests (page assets from a
CDN, API calls to a gateway), so its lost share is the failed share of its
sync requests weighted by `calls`.
"""

from __future__ import annotations

from dataclasses import dataclass

from archdraw.analysis.graph import TrafficGraph

PATH_LIMIT = 50


def call_success(calls: float, share: float) -> float:
    """Share of a sender's requests whose `calls` calls to a receiver all succeed."""
    if calls <= 0 or share >= 1.0:
        return 1.0
    making = min(calls, 1.0)
    return (1.0 - making) + making * float(share ** max(calls, 1.0))


def complete_shares(graph: TrafficGraph, serving: dict[int, float]) -> dict[int, float]:
    """For each component that can reach a failed one: share of its requests that complete.

    Components missing from the answer complete everything. Only the ancestors
    of the failed components are visited, in reverse topological order.
    """
    if not serving:
        return {}
    affected = sorted(graph.ancestors(set(serving)), key=graph.position.__getitem__, reverse=True)
    complete: dict[int, float] = {}
    for node in affected:
        downstream = 1.0
        for edge in graph.out_edges[node]:
            if edge.kind == "sync":
                calls = edge.calls * graph.edge_miss(edge)
                downstream *= call_success(calls, complete.get(edge.target, 1.0))
        for edge in graph.back_out[node]:  # closing a cycle: the receiver's own answer
            if edge.kind == "sync":
                calls = edge.calls * graph.edge_miss(edge)
                downstream *= call_success(calls, serving.get(edge.target, 1.0))
        miss = 0.0 if graph.buffer[node] else graph.miss[node]
        share = serving.get(node, 1.0) * ((1.0 - miss) + miss * downstream)
        # A `fallback` (second provider, degraded answer) answers whatever failed.
        complete[node] = 1.0 if graph.fallback[node] else share
    return complete


def client_lost_share(
    graph: TrafficGraph, client: int, serving: dict[int, float], complete: dict[int, float]
) -> float:
    """Share (0..1) of the client's requests that can no longer complete."""
    total = 0.0
    completed = 0.0
    for edge in graph.out_edges[client]:
        if edge.kind == "sync":
            total += edge.calls
            completed += edge.calls * complete.get(edge.target, 1.0)
    own = serving.get(client, 1.0)
    done = own * (completed / total if total > 0 else 1.0)
    return min(1.0, max(0.0, 1.0 - done))


@dataclass(frozen=True)
class RequestPath:
    nodes: list[str]
    status: str  # "completes" | "degraded" | "fails"
    ends_in_handoff: bool  # ends at a queue or stream, or over an async link


def request_paths(
    graph: TrafficGraph, client: int, serving: dict[int, float], limit: int = PATH_LIMIT
) -> tuple[list[RequestPath], bool]:
    """The client's request paths (sync hops, ending at a leaf or an async hand-off).

    Returns at most `limit` paths and whether more exist.
    """
    paths: list[RequestPath] = []
    stack: list[tuple[list[int], bool]] = [
        ([client, edge.target], edge.kind == "async")
        for edge in reversed(graph.out_edges[client])
        if edge.calls > 0
    ]
    while stack:
        nodes, async_tail = stack.pop()
        last = nodes[-1]
        handoff = async_tail or graph.buffer[last]
        closes_cycle = last in nodes[:-1]
        stop = handoff or closes_cycle or graph.hands_off(last)
        onward = [] if stop else [*graph.out_edges[last], *graph.back_out[last]]
        onward = [e for e in onward if e.calls > 0]
        if onward:
            for edge in reversed(onward):
                stack.append(([*nodes, edge.target], edge.kind == "async"))
            continue
        if len(paths) == limit:
            return paths, True
        # Over an async link the receiver is not waited for: only the senders count.
        counted = nodes[:-1] if async_tail else nodes
        status = _path_status(graph, counted, serving)
        paths.append(RequestPath([graph.ids[n] for n in nodes], status, handoff))
    return paths, False


def _path_status(graph: TrafficGraph, nodes: list[int], serving: dict[int, float]) -> str:
    status = "completes"
    covered = False  # a fallback earlier on the path answers for what follows
    for node in nodes:
        covered = covered or graph.fallback[node]
        share = serving.get(node, 1.0)
        if share <= 0.0 and not covered:
            return "fails"
        if share < 1.0:
            status = "degraded"
    return status


def delayed_consumers(graph: TrafficGraph, client: int, serving: dict[int, float]) -> list[str]:
    """Components past an async hand-off of the client's requests that cannot keep up.

    Their work waits (in a queue, or for the sender's retries) until they are
    back; the client's requests themselves complete.
    """
    on_path: set[int] = {client}
    later: list[int] = []
    stack = [client]
    while stack:
        node = stack.pop()
        if node != client and graph.hands_off(node):
            later.extend(edge.target for edge in graph.out_edges[node])
            continue
        for edge in graph.out_edges[node]:
            if edge.calls <= 0:
                continue
            if edge.kind == "async":
                later.append(edge.target)
            elif edge.target not in on_path:
                on_path.add(edge.target)
                stack.append(edge.target)
        for edge in graph.back_out[node]:  # the receiver answers; nothing past it
            if edge.calls <= 0:
                continue
            if edge.kind == "async":
                later.append(edge.target)
            else:
                on_path.add(edge.target)
    beyond: set[int] = set()
    while later:
        node = later.pop()
        if node in beyond:
            continue
        beyond.add(node)
        later.extend(edge.target for edge in graph.out_edges[node])
    return [graph.ids[n] for n in sorted(beyond - on_path) if serving.get(n, 1.0) < 1.0]
