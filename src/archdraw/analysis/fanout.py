"""A sender's routes: the calls whose `calls` a figure of lost requests takes from the library.

A link that states no `calls` is taken as one call per request the sender receives. For a
sender with one link out that is what it does, and a service drawn calling two components is
taken to call both for each request it serves (an orchestrator: checkout charges the card
and ships the order). A front door whose job is to route (an API gateway, a load balancer
routing by path or host, a CDN with several origins, a real-time gateway) sends each request
to one of its receivers: a gateway routes /api/customer to one service and /api/vet to
another, and taking every request as calling each is a guess. A share of requests lost
behind such a sender rests on it, so the failure analysis says so, and gives the share if
each request takes one route, the routes splitting the requests evenly (`Routes`, read by
`archdraw.analysis.completion`). A failure reaches few senders: each one's routes are worked
out when the analysis first asks for them.

Not routes, even from a front door: a DNS lookup, a call to a store, a cache or a queue
(reading or writing its data, or handing off its work, is a step of the request the sender
serves, not another kind of request), a link naming its `request` or stating `calls: 0`, and
the links of a load balancer that spreads requests over copies of one pool (its receivers of
one type, each calling the same components): its members answer for each other, which is
another question than which route a request takes. A load balancer whose receivers differ
routes (by path or host), as a gateway does."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Protocol

from archdraw.analysis.graph import Edge, TrafficGraph

# The types whose job is to send each request on to one of their receivers.
ROUTING_TYPES = frozenset({"api_gateway", "load_balancer", "cdn", "realtime_gateway"})


class _Link(Protocol):
    @property
    def key(self) -> str: ...

    @property
    def source(self) -> str: ...

    @property
    def props(self) -> dict[str, object]: ...


def links_by_sender(links: Iterable[_Link]) -> dict[str, list[_Link]]:
    """The links by the id of their sender (`Routes` reads what they state)."""
    found: dict[str, list[_Link]] = {}
    for link in links:
        found.setdefault(link.source, []).append(link)
    return found


class Routes:
    """Per sender, the keys of its links taken as routes (module docstring), worked out when
    first asked; `links_out`: the design's links by sender id (what they state)."""

    def __init__(self, graph: TrafficGraph, links_out: Mapping[str, Iterable[_Link]]) -> None:
        self.graph = graph
        self.links_out = links_out
        self.found: dict[int, frozenset[str] | None] = {}

    def get(self, sender: int) -> frozenset[str] | None:
        """The sender's routes (two or more), None if it has none."""
        if sender in self.found:
            return self.found[sender]
        routes = self.found[sender] = self._routes(sender)
        return routes

    def _routes(self, sender: int) -> frozenset[str] | None:
        graph = self.graph
        row = graph.out_edges[sender]
        if len(row) < 2 or graph.components[sender].type not in ROUTING_TYPES:
            return None
        taken = [edge for edge in row if _route(graph, edge)]
        if len(taken) >= 2:
            links = self.links_out.get(graph.ids[sender], ())
            stated = {link.key for link in links if "calls" in link.props}
            taken = [edge for edge in taken if edge.key not in stated]
        if len(taken) < 2:
            return None
        if graph.components[sender].type == "load_balancer" and _one_pool(graph, taken):
            return None
        return frozenset(edge.key for edge in taken)


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
    """What a figure resting on routes says: "`calls` not stated on the 3 links from gateway
    to customers, vets and visits: taken as every request calling each; if each request calls
    only one of them, less: 33.3 % if they split the requests evenly"."""
    said = [
        f"the {len(targets)} links from {name(sender)} to {listed([name(t) for t in targets])}"
        for sender, targets in routes.items()
    ]
    text = (
        f"`calls` not stated on {' and on '.join(said)}: taken as every request calling each; "
        "if each request calls only one of them, less"
    )
    return text if split is None else f"{text}: {pct(split)} if they split the requests evenly"


def listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
