"""Which requests still complete when some components serve less than all of theirs.

`serving[n]` is the share (0..1) of the requests reaching component n that n
itself still answers. A request *completes* when every component it reaches
over sync links answers it, and every component it hands a message to over an
async link accepts it. Beyond an async link's receiver nothing is on the
request's path: a consumer that is down behind a queue delays the work, it
does not fail the request (those consumers are reported as *delayed*). A
queue or stream is such a hand-off whatever the kind of the link into it:
the request is done once the message is accepted.

Inside the system a component needs every sync call it makes to succeed
(`calls` of them per request: a share `calls` of requests make one call when
calls < 1); a cache needs its downstream only for misses. A client's links
are separate kinds of requests (page assets from a CDN, API calls to a
gateway), so its lost share is the failed share of them weighted by `calls`.
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
                share = complete.get(edge.target, 1.0)
            else:
                share = serving.get(edge.target, 1.0)
            downstream *= call_success(edge.calls, share)
        miss = 0.0 if graph.buffer[node] else graph.miss[node]
        complete[node] = serving.get(node, 1.0) * ((1.0 - miss) + miss * downstream)
    return complete


def client_lost_share(
    graph: TrafficGraph, client: int, serving: dict[int, float], complete: dict[int, float]
) -> float:
    """Share (0..1) of the client's requests that can no longer complete."""
    total = 0.0
    completed = 0.0
    for edge in graph.out_edges[client]:
        share = (
            complete.get(edge.target, 1.0) if edge.kind == "sync" else serving.get(edge.target, 1.0)
        )
        total += edge.calls
        completed += edge.calls * share
    own = serving.get(client, 1.0)
    done = own * (completed / total if total > 0 else 1.0)
    return min(1.0, max(0.0, 1.0 - done))


def lost_shares(graph: TrafficGraph, serving: dict[int, float]) -> dict[int, float]:
    complete = complete_shares(graph, serving)
    return {c: client_lost_share(graph, c, serving, complete) for c in graph.sources}


@dataclass(frozen=True)
class RequestPath:
    nodes: list[str]
    status: str  # "completes" | "degraded" | "fails"
    ends_in_handoff: bool  # the last hop is an async link: what follows is not waited for


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
        nodes, handoff = stack.pop()
        last = nodes[-1]
        handoff = handoff or graph.buffer[last]
        onward = [] if handoff or graph.hands_off(last) else graph.out_edges[last]
        onward = [e for e in onward if e.calls > 0]
        if onward:
            for edge in reversed(onward):
                stack.append(([*nodes, edge.target], edge.kind == "async"))
            continue
        if len(paths) == limit:
            return paths, True
        worst = min(serving.get(n, 1.0) for n in nodes)
        status = "completes" if worst >= 1.0 else "fails" if worst <= 0.0 else "degraded"
        paths.append(RequestPath([graph.ids[n] for n in nodes], status, handoff))
    return paths, False


def delayed_consumers(graph: TrafficGraph, client: int, serving: dict[int, float]) -> list[str]:
    """Components past an async hand-off of the client's requests that cannot keep up.

    Their work waits (in the queue) until they are back; the client's requests
    themselves complete.
    """
    on_path: set[int] = {client}
    handoffs: set[int] = set()
    stack = [client]
    while stack:
        node = stack.pop()
        if node != client and graph.hands_off(node):
            continue
        for edge in graph.out_edges[node]:
            if edge.calls <= 0:
                continue
            if edge.kind == "async" or graph.buffer[edge.target]:
                handoffs.add(edge.target)
            if edge.target not in on_path:
                on_path.add(edge.target)
                if edge.kind == "sync":
                    stack.append(edge.target)
    beyond: set[int] = set()
    stack = [e.target for h in handoffs for e in graph.out_edges[h]]
    while stack:
        node = stack.pop()
        if node in beyond:
            continue
        beyond.add(node)
        stack.extend(e.target for e in graph.out_edges[node])
    on_sync_path = on_path - handoffs
    return [
        graph.ids[n]
        for n in sorted(beyond - on_sync_path)
        if serving.get(n, 1.0) < 1.0 and n not in handoffs
    ]
