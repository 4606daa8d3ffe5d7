"""The paths a client's requests take through a failure, and the work that waits behind a
hand-off: what `archdraw analyze --fail` lists under each client.

A path is a chain of sync calls from the client, ending at a leaf, at a queue or stream, or
over an async link (the sender does not wait for the receiver). A store's links out are its
change stream: only a call that writes goes on over them (`passes_on`).
"""

from __future__ import annotations

from dataclasses import dataclass

from archdraw.analysis.graph import TrafficGraph

PATH_LIMIT = 50


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
    # Each step: the path so far, whether it ends over an async link, and whether its
    # last call writes (only a write goes on over a store's change stream).
    stack: list[tuple[list[int], bool, bool]] = [
        ([client, edge.target], edge.kind == "async", edge.writes is True)
        for edge in reversed(graph.out_edges[client])
        if edge.calls > 0
    ]
    while stack:
        nodes, async_tail, write = stack.pop()
        last = nodes[-1]
        handoff = async_tail or graph.buffer[last]
        closes_cycle = last in nodes[:-1]
        stop = handoff or closes_cycle or graph.hands_off(last)
        stop = stop or not passes_on(graph, last, write)
        onward = [] if stop else [*graph.out_edges[last], *graph.back_out[last]]
        onward = [e for e in onward if e.calls > 0]
        if onward:
            for edge in reversed(onward):
                stack.append(([*nodes, edge.target], edge.kind == "async", edge.writes is True))
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
    back; the client's requests themselves complete. Only a write goes on over a store's
    change stream (`passes_on`): each step is a component and whether its call writes.
    """
    on_path: set[int] = {client}
    seen: set[tuple[int, bool]] = {(client, False)}
    later: list[tuple[int, bool]] = []
    stack = [(client, False)]
    while stack:
        node, write = stack.pop()
        if not passes_on(graph, node, write):
            continue
        if node != client and graph.hands_off(node):
            later.extend((edge.target, edge.writes is True) for edge in graph.out_edges[node])
            continue
        for edge in graph.out_edges[node]:
            if edge.calls <= 0:
                continue
            step = (edge.target, edge.writes is True)
            if edge.kind == "async":
                later.append(step)
            elif step not in seen:
                seen.add(step)
                on_path.add(edge.target)
                stack.append(step)
        for edge in graph.back_out[node]:  # the receiver answers; nothing past it
            if edge.calls <= 0:
                continue
            if edge.kind == "async":
                later.append((edge.target, edge.writes is True))
            else:
                on_path.add(edge.target)
    beyond: set[int] = set()
    reached: set[tuple[int, bool]] = set()
    while later:
        step = later.pop()
        if step in reached:
            continue
        reached.add(step)
        node, write = step
        beyond.add(node)
        if passes_on(graph, node, write):
            later.extend((edge.target, edge.writes is True) for edge in graph.out_edges[node])
    return [graph.ids[n] for n in sorted(beyond - on_path) if serving.get(n, 1.0) < 1.0]


def passes_on(graph: TrafficGraph, node: int, write: bool) -> bool:
    """Whether a call that reached `node` goes on over its links: a store's links out are its
    change stream (`archdraw.analysis.traffic`), which carries its writes, never its reads."""
    return write or not graph.change_stream[node]
