"""Which requests still complete when some components serve less than all of theirs.

A failure is a `Scenario`: the share (0..1) of its requests each hurt component still
answers (`serving`; `writes` for requests over links marked `writes: true`, where a
store that lost a primary differs), and the caches' passed-on shares when a cache lost
nodes (`miss`: a cache misses, it does not fail).

A request *completes* when every call it makes succeeds. A link's `calls` is the
expected number of calls per request the sender receives (below 1: the share of
requests that make the call); a request fails when a call it makes fails and the
caller has no fallback for it. A client is no different: a client drawn with links to
a DNS, a CDN and a load balancer makes all three calls for each request (with their
`calls`), so losing any of them fails its share, never a third of it. A lookup a DNS
answered is cached for its TTL, so `calls` below 1 to a DNS are cached answers: once
they expire every request needs the DNS again, and its loss fails them all.

Async links are not on the request's path: the sender does not wait, so a receiver
that is down (and everything behind it) delays that work, it does not fail the
request; such components are reported as *delayed*. A queue or stream is a hand-off
too, whatever the kind of the link into it: a request sent to it over a sync link
needs it to accept the message, and nothing behind it. A cache needs its downstream
only for misses; a caller reading a store cache-aside reads it only on misses. A store's
links out are its change stream (`archdraw.analysis.traffic`): only a request that came
over a link marked `writes: true` goes on over them, so a read never waits on, or fails
with, what they reach (with no link stating `writes`, no request does). Over a
link that closes a cycle a sender needs the receiver's own answer only. A component
with `fallback: true` (a second provider, a degraded answer) answers its callers even
when it or something behind it fails: their paths are degraded, not failed. A caller
of a failover entry (a DNS with `failover: dns`, an entry with `active-standby`) that
has standbys behind `calls: 0` links gets the requests that failed elsewhere answered
by the standbys, when they are up, after a zone or region fails (DNS moves the traffic
when the primary site is gone; a single machine's failure does not move it).
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field

from archdraw.analysis.depended import Within
from archdraw.analysis.fanout import Routes
from archdraw.analysis.graph import Edge, TrafficGraph
from archdraw.analysis.overlap import Overlap, Part, Unstated, call_success, parts_success


@dataclass
class Scenario:
    serving: dict[int, float] = field(default_factory=dict)
    writes: dict[int, float] = field(default_factory=dict)
    miss: dict[int, float] = field(default_factory=dict)  # passed-on shares that changed
    missing: dict[int, float] = field(default_factory=dict)  # caches that lost nodes
    standbys: bool = False  # a zone or region failed: failover entries move to standbys

    def hurt(self) -> set[int]:
        return {*self.serving, *self.writes, *self.missing}

    def serves(self, node: int) -> float:
        return self.serving.get(node, 1.0)

    def worst(self) -> dict[int, float]:
        """Per hurt component, the least it serves of reads and writes (for path status)."""
        nodes = {*self.serving, *self.writes}
        return {n: min(self.serves(n), self.writes.get(n, 1.0)) for n in nodes}


@dataclass
class Figure:
    """What `complete_shares` leaves, when asked, for `split_shares`: the shares of requests
    that complete (`complete`; of writes, where they differ, `written`), the links each node
    read, and the senders whose routes led to what completes less (`fanned`)."""

    complete: dict[int, float] = field(default_factory=dict)
    written: dict[int, float] = field(default_factory=dict)
    read: dict[int, list[Edge]] = field(default_factory=dict)
    fanned: set[int] = field(default_factory=set)


@dataclass
class Reading:
    """How `complete_shares` reads what the design leaves unstated: the calls that name no
    `request` (`how`, and `unstated` gets those it took as independent requests) and the
    senders' `routes` (`archdraw.analysis.fanout`): every request calling each, or, with
    `split`, each request taking one of them, evenly; `figure`, when given, gets what
    `split_shares` reads."""

    how: Overlap = "independent"
    unstated: Unstated | None = None
    routes: Routes | None = None
    split: bool = False
    figure: Figure | None = None


def _needed(graph: TrafficGraph, edge: Edge, miss: dict[int, float]) -> float:
    """Calls per request that must succeed (the cache-aside reads only on misses)."""
    if edge.aside < 0:
        return edge.needed
    return edge.needed * miss.get(edge.aside, graph.miss[edge.aside])


def complete_shares(
    graph: TrafficGraph,
    scenario: Scenario,
    within: Within | None = None,
    unstated: Unstated | None = None,
    how: Overlap = "independent",
    routes: Routes | None = None,
    figure: Figure | None = None,
) -> dict[int, float]:
    """For each component that can reach a hurt one: share of its requests that complete.

    Components missing from the answer complete everything. Only the callers of what
    completes less are visited (a caller whose calls all complete completes too), latest
    in topological order first, and a caller reads only its links to what completes less
    (a client or a gateway calls hundreds of components, and a single failure reaches
    one or two of them). Requests over a link marked `writes: true` use the receiver's
    share of writes (`Scenario.writes`).

    `within` asks only for the shares that the shares of the sources in it read (it
    holds everything they read, as `archdraw.analysis.depended.Depended` does): components
    outside it are left out, and so is a hurt component whose every caller answers nothing
    (a region's failure takes down thousands of components, most of them called only by
    others in it).

    A sender's calls made by some of its requests combine as `archdraw.analysis.overlap`
    says; those that name no `request` are taken `how` says. `unstated`, when given, gets
    the calls the answer took as independent requests (`archdraw.analysis.resting.rests_on`
    says what that means).
    The senders' `routes` are taken as called by every request (`split_shares` takes them
    the other way, from what this answer leaves in `figure`).
    """
    reading = Reading(how, unstated, routes, False, figure)
    hurt = scenario.hurt()
    if within is not None:
        sources = set(graph.sources)
        hurt = {
            node
            for node in hurt
            if node in within and (node in sources or _read(graph, node, scenario, within))
        }
    if not hurt:
        return {}
    complete: dict[int, float] = {} if figure is None else figure.complete
    written: dict[int, float] = {} if figure is None else figure.written
    # Callers over a link that closes a cycle read the hurt receiver's own answer.
    todo = {*hurt, *(e.source for n in hurt for e in graph.back_in[n])}
    if within is not None:
        todo = {node for node in todo if node in within}
    _visit(graph, scenario, todo, within, complete, written, reading)
    return complete


def split_shares(
    graph: TrafficGraph,
    scenario: Scenario,
    within: Within | None,
    routes: Routes,
    figure: Figure,
) -> dict[int, float]:
    """`complete_shares` with each request taking one of its sender's `routes`, evenly, from
    what `complete_shares` left in `figure`: only the senders whose routes led to what
    completes less, and their callers, can answer otherwise (a request taking one route
    loses no more than one calling each), so only they are visited, each over the links it
    read then (what they call answers as before)."""
    complete, written = dict(figure.complete), dict(figure.written)
    reading = Reading(routes=routes, split=True)
    _visit(graph, scenario, set(figure.fanned), within, complete, written, reading, figure.read)
    return complete


def _visit(
    graph: TrafficGraph,
    scenario: Scenario,
    todo: set[int],
    within: Within | None,
    complete: dict[int, float],
    written: dict[int, float],
    reading: Reading,
    again: dict[int, list[Edge]] | None = None,
) -> None:
    """Enter in `complete` (and `written`) the shares of the nodes in `todo` and of their
    callers, latest in topological order first. `again`: the links each node read in an
    answer `complete` and `written` hold, to read again (a node that answered less then has
    its callers visited, whatever it answers now)."""
    position = graph.position
    # Per caller, its links to callees that complete less.
    into_failure: dict[int, list[Edge]] = {}
    heap = [(-position[n], n) for n in todo]
    heapq.heapify(heap)
    while heap:
        node = heapq.heappop(heap)[1]
        before = 1.0
        if again is not None:
            links = again[node]
            before = min(complete.get(node, 1.0), written.get(node, 1.0))
        else:
            links = into_failure.pop(node, [])
            # With several, read the whole row so the product is taken in the order of the
            # links (floating-point products depend on it), whichever callees were reached
            # first.
            if len(links) > 1:
                links = graph.out_edges[node]
            if reading.figure is not None:
                reading.figure.read[node] = links
        share = _complete(graph, node, links, scenario, complete, written, reading)
        if share >= 1.0 and written.get(node, 1.0) >= 1.0 and before >= 1.0:
            continue
        for edge in graph.in_edges[node]:
            if within is not None and edge.source not in within:
                continue
            into_failure.setdefault(edge.source, []).append(edge)
            if edge.source not in todo:
                todo.add(edge.source)
                heapq.heappush(heap, (-position[edge.source], edge.source))


def _read(graph: TrafficGraph, node: int, scenario: Scenario, within: Within) -> bool:
    """Whether a source's share can read the (non-source) node's: a caller within that
    still answers something calls it (what answers nothing reads none of its callees;
    with standbys it still reads its first hops, so every caller counts). A node with no
    callers is kept too (reached only over a link that closes a cycle)."""
    callers = graph.in_edges[node]
    for edge in callers:
        if edge.kind != "sync" or edge.source not in within:
            continue
        if scenario.standbys or _answers(scenario, edge.source):
            return True
    return not callers


def _answers(scenario: Scenario, node: int) -> bool:
    """Whether the node answers any of its requests (reads or writes)."""
    return scenario.serves(node) > 0.0 or scenario.writes.get(node, 0.0) > 0.0


def _complete(
    graph: TrafficGraph,
    node: int,
    links: list[Edge],
    scenario: Scenario,
    complete: dict[int, float],
    written: dict[int, float],
    reading: Reading,
) -> float:
    """The node's share of requests that complete, from its callees' (entered in `complete`
    and, for a node that lost writes, `written`) over `links` (every link of the node's to
    a callee that completes less; other links are not read)."""
    miss = scenario.miss
    downstream = 1.0
    # What answers nothing completes nothing, whatever its callees do (a region's failure
    # takes down thousands of components): their shares need not be read.
    if _answers(scenario, node):
        downstream = _downstream(graph, node, links, scenario, complete, written, reading)
    passed = 0.0 if graph.buffer[node] else miss.get(node, graph.miss[node])
    onward = (1.0 - passed) + passed * downstream
    cover = _standby_cover(graph, node, scenario, complete) if scenario.standbys else None
    if graph.change_stream[node]:
        # A store's links out are its change stream: its writes wait on them, its reads not.
        reads = _covered(scenario.serves(node), cover)
        takes = _covered(scenario.writes.get(node, scenario.serves(node)) * onward, cover)
        complete[node] = 1.0 if graph.fallback[node] else reads
        written[node] = 1.0 if graph.fallback[node] else takes
        return complete[node]
    reads = _covered(scenario.serves(node) * onward, cover)
    complete[node] = 1.0 if graph.fallback[node] else reads
    if node in scenario.writes:
        takes = _covered(scenario.writes[node] * onward, cover)
        written[node] = 1.0 if graph.fallback[node] else takes
    return complete[node]


def _downstream(
    graph: TrafficGraph,
    node: int,
    links: list[Edge],
    scenario: Scenario,
    complete: dict[int, float],
    written: dict[int, float],
    reading: Reading,
) -> float:
    """Share of the node's requests whose calls over `links` and its cycle-closing links
    all succeed: a call independent of the others multiplies it; the calls made by the same
    or by different requests (`archdraw.analysis.overlap`) combine first; the calls over
    the node's routes as `reading` says."""
    miss = scenario.miss
    downstream = 1.0
    parts: list[Part] = []  # calls made by some requests, or naming one: combined below
    routes = reading.routes.get(node) if reading.routes is not None else None
    routed = 0.0  # share of the requests lost on the routes, each request taking one
    for edge in links:
        if edge.kind != "sync":
            continue
        target = edge.target
        share = written[target] if edge.writes and target in written else None
        share = complete.get(target, 1.0) if share is None else share
        if share < 1.0:  # most links lead to what the failure does not reach
            needed = _needed(graph, edge, miss)
            if routes is not None and edge.key in routes:
                if reading.figure is not None:
                    reading.figure.fanned.add(node)
                if reading.split:
                    routed += (1.0 - call_success(needed, share)) / len(routes)
                    continue
            if edge.request is None and not 0.0 < edge.calls < 1.0:  # made by every request
                downstream *= call_success(needed, share)
            else:
                parts.append((edge, needed, share))
    for edge in graph.back_out[node]:  # closing a cycle: the receiver's own answer
        if edge.kind == "sync":
            share = scenario.writes.get(edge.target, 1.0) if edge.writes else 1.0
            share = min(share, scenario.serves(edge.target))
            needed = _needed(graph, edge, miss)
            if edge.request is None and not 0.0 < edge.calls < 1.0:
                downstream *= call_success(needed, share)
            else:
                parts.append((edge, needed, share))
    if parts:
        downstream *= parts_success(node, parts, reading.how, reading.unstated)
    return downstream * max(0.0, 1.0 - routed)


def _covered(share: float, cover: float | None) -> float:
    return share if cover is None else share + (1.0 - share) * cover


def _standby_cover(
    graph: TrafficGraph, node: int, scenario: Scenario, complete: dict[int, float]
) -> float | None:
    """Share of the node's failed requests its failover entries' standbys answer.

    DNS (or an active-standby entry) moves traffic when its health check sees the site
    down: when one of the node's own first hops is down, not when something deeper fails.
    """
    first_hops = [e.target for e in graph.out_edges[node] if e.kind == "sync" and e.calls > 0]
    if not any(scenario.serving.get(t, 1.0) <= 0.0 for t in first_hops):
        return None
    cover: float | None = None
    for entry in first_hops:
        standbys = graph.standby_out[entry]
        if not standbys:
            continue
        share = complete.get(entry, 1.0)
        for standby in standbys:
            share *= complete.get(standby.target, 1.0)
        cover = share if cover is None else cover * share
    return cover


def client_lost_share(client: int, complete: dict[int, float]) -> float:
    """Share (0..1) of the client's requests that can no longer complete."""
    return min(1.0, max(0.0, 1.0 - complete.get(client, 1.0)))


def clients_lost(graph: TrafficGraph, complete: dict[int, float]) -> dict[int, float]:
    """Per client that loses some of its requests, the share (0..1) it loses: the clients
    missing from `complete` complete everything, so only those in it are read."""
    lost = {}
    for client in graph.sources:
        if client in complete:
            share = client_lost_share(client, complete)
            if share > 0:
                lost[client] = share
    return lost


def design_share(graph: TrafficGraph, lost: dict[int, float]) -> float:
    """Share of all client requests lost (`lost`: per client, where it is more than 0):
    weighted by rate when every rate is stated, else each client counts the same (a share
    is still a share when rates are unknown)."""
    sources = graph.sources
    if not sources:
        return 0.0
    total = graph.stated_rps
    if total is not None and total > 0:
        return sum(graph.rps[c] * share for c, share in lost.items()) / total
    return sum(lost.values()) / len(sources)
