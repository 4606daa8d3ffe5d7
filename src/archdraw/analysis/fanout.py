"""A sender's routes: the calls whose `calls` a figure of lost requests takes from the library.

A link that states no `calls` is taken as one call per request the sender receives. For a
sender with one link out that is what it does; for a gateway, a router or a service fanning
out to two or more different components it is a guess: each request may take one of the
routes (a gateway routes /api/customer to one service and /api/vet to another), or call each.
A share of requests lost behind such a sender rests on it, so the failure analysis says so,
and gives the share if each request takes one route, the routes splitting the requests
evenly (`Routes`, read by `archdraw.analysis.completion`).

Not routes: a client's links (a client drawn with a DNS, a CDN and a load balancer makes each
call for each request), a DNS lookup, a call to a store, a cache or a queue (reading or
writing its data, or handing off its work, is a step of the request the sender serves, not
another kind of request), a link naming its `request` or stating `calls: 0`, and the links
of a load balancer that spreads requests over copies of one pool (its receivers of one type,
each calling the same components): its members answer for each other, which is another
question than which route a request takes. A load balancer whose receivers differ routes
(by path or host), as a gateway does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol

from archdraw.analysis.graph import Edge, TrafficGraph

# Per sender, the keys of its links taken as routes (two or more).
Routes = dict[int, frozenset[str]]


class _Link(Protocol):
    @property
    def key(self) -> str: ...

    @property
    def props(self) -> dict[str, object]: ...


def stating_calls(links: Iterable[_Link]) -> set[str]:
    """The keys of the links that state `calls`."""
    return {link.key for link in links if "calls" in link.props}


def unstated_routes(graph: TrafficGraph, stated: set[str]) -> Routes:
    """Per sender, its routes (module docstring); `stated`: the keys of the links that state
    `calls` (`stating_calls`)."""
    sources = set(graph.sources)
    routes: Routes = {}
    for node, row in enumerate(graph.out_edges):
        if len(row) < 2 or node in sources:
            continue
        taken = [edge for edge in row if _route(graph, edge) and edge.key not in stated]
        if len(taken) < 2:
            continue
        if graph.components[node].type != "load_balancer" or not _one_pool(graph, taken):
            routes[node] = frozenset(edge.key for edge in taken)
    return routes


def _route(graph: TrafficGraph, edge: Edge) -> bool:
    if edge.kind != "sync" or edge.calls <= 0 or edge.request is not None:
        return False
    if edge.lookup or graph.buffer[edge.target]:
        return False
    return graph.roles.of(graph.ids[edge.target]) is None  # a store, a replica or a cache


def _one_pool(graph: TrafficGraph, edges: list[Edge]) -> bool:
    """Whether the receivers look like copies of one pool: one type, the same calls out."""
    kinds = {
        (
            graph.components[edge.target].type,
            frozenset((out.target, out.kind) for out in graph.out_edges[edge.target]),
        )
        for edge in edges
    }
    return len(kinds) == 1


def routes_text(
    routes: dict[str, list[str]],
    split: float | None,
    pct: Callable[[float], str],
    name: Callable[[str], str] = str,
) -> str:
    """What a figure resting on routes says: "`calls` not stated on gateway's 3 links to
    customers, vets and visits: taken as every request calling each; if each request calls
    only one of them, less: 33.3 % if they split the requests evenly"."""
    said = [
        f"{name(sender)}'s {len(targets)} links to {listed([name(t) for t in targets])}"
        for sender, targets in routes.items()
    ]
    text = (
        f"`calls` not stated on {' and on '.join(said)}: taken as every request calling each; "
        "if each request calls only one of them, less"
    )
    return text if split is None else f"{text}: {pct(split)} if they split the requests evenly"


def listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
