"""Work handed off to queues, streams and async links that a failure keeps from completing.

A request that enqueues a job completes when the queue accepts it: the share of requests
lost (`archdraw.analysis.completion`) does not count the job. The job completes only when
its consumer's own calls do: when they fail (the image workers cannot write to the bucket),
the jobs pile up in the queue until the path is back (*stall*); when the queue or stream
itself is down, the jobs sent to it are refused (*lost*, unless the sender retries them;
what another queue or stream relays to it waits there instead). Work sent over an async
link straight to a component (no queue between) is lost with it unless its sender
retries; a store's changes wait in its change stream (a log, an outbox).

Each hand-off is read on the same traffic graph and the same completion shares as the
requests: a consumer's share of jobs that complete is its share in `complete_shares`, and
the jobs per second are the rates of `archdraw.analysis.traffic` with each component
passing on only the share it still serves (work whose requests fail upstream is counted
in the requests lost, not again here). Their basis says what they rest on: derived from
stated `rps`, a lower bound where a source states none, or unknown; and the links into the
queue that state no `calls` (taken as 1 per request) are named.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from itertools import pairwise

from archdraw.analysis.completion import Scenario
from archdraw.analysis.graph import Edge, TrafficGraph
from archdraw.analysis.paths import request_paths
from archdraw.analysis.text_table import rate as _rate
from archdraw.analysis.traffic import arrival_rates, partial_rates, sent_rates, store_changes
from archdraw.model import Link

__all__ = ["AsyncWork", "async_work", "async_work_sentence", "async_work_text"]

QUEUE_TYPES = frozenset({"queue"})  # what holds "jobs"; a stream holds "messages"


@dataclass(frozen=True)
class AsyncWork:
    """One hand-off whose work cannot (all) complete."""

    via: str  # the queue or stream holding the work, or the sender over an async link
    consumer: str  # the component that takes the work (the queue itself when it is down)
    senders: list[str]  # who hands the work over
    fate: str  # "stalls" (waits in the queue) | "lost" (refused, unless the sender retries)
    share: float  # of the work over this hand-off (0..1)
    rps: float  # work per second over this hand-off before the failure
    rate_basis: str  # "derived" (from stated rps) | "lower bound" | "unknown"
    noun: str  # "jobs" (a queue) | "messages" (a stream, an async link)
    blocked: list[tuple[str, str]]  # (how, component): ("write to", "results"), ("reach", ..)
    down: bool  # the consumer itself is down
    serving: float  # the share of its work the consumer itself still serves (0..1)
    role: str  # "worker" (a worker type) | "consumer"
    # The links the rate rests on that state no `calls` (each taken as 1 per request), by
    # sender: "api->queue".
    default_calls: list[str] = field(default_factory=list)

    @property
    def stuck_rps(self) -> float:
        """Work per second that cannot complete (waits in the queue, or is lost)."""
        return self.rps * self.share


def async_work(
    graph: TrafficGraph,
    scenario: Scenario,
    complete: dict[int, float],
    links: Iterable[Link] = (),
) -> list[AsyncWork]:
    """Every hand-off of work that the failure keeps from completing; `links` (the design's)
    say which of the links its rate rests on state no `calls`."""
    worst = scenario.worst()
    if not _reaches_async(graph, worst, complete):
        return []  # most failures hold up no hand-off: the rates need not be worked out
    partial = partial_rates(graph)
    # What still arrives: a component passes on only the share it serves, so work whose
    # requests fail upstream (counted in the requests lost) never reaches the hand-off.
    serves = [miss * worst.get(node, 1.0) for node, miss in enumerate(graph.miss)]
    rates = arrival_rates(graph, miss=serves)
    changes: dict[int, float] | None = None  # what each store's change stream carries
    found: list[AsyncWork] = []
    for node in range(len(graph)):
        if rates[node] <= 0 and not partial[node]:
            continue  # no work reaches it
        if graph.buffer[node]:
            found.extend(_from_buffer(graph, node, worst, complete, rates, partial))
        elif graph.change_stream[node]:  # a store's links out carry its writes: changes
            if changes is None:
                changes = store_changes(graph, sent_rates(graph, passed=serves), passed=serves)
            for edge in graph.out_edges[node]:
                if edge.calls > 0 and not graph.buffer[edge.target]:
                    carried = changes.get(node, 0.0) * edge.calls
                    found.extend(_handed(graph, node, edge, worst, complete, carried, partial))
        else:
            for edge in graph.out_edges[node]:
                if edge.kind == "async" and edge.calls > 0 and not graph.buffer[edge.target]:
                    carried = rates[node] * serves[node] * edge.calls
                    found.extend(_handed(graph, node, edge, worst, complete, carried, partial))
    if not found:
        return found
    wanted = {(sender, work.via) for work in found for sender in work.senders}
    wanted |= {(work.via, work.consumer) for work in found}
    unstated: dict[tuple[str, str], list[str]] = {}
    for link in links:
        if (link.source, link.target) in wanted and "calls" not in link.props:
            unstated.setdefault((link.source, link.target), []).append(link.key)
    return [replace(work, default_calls=_default_calls(work, unstated)) for work in found]


def _default_calls(work: AsyncWork, unstated: dict[tuple[str, str], list[str]]) -> list[str]:
    """The links into the queue (or, over an async link, to the consumer) stating no `calls`."""
    into = work.consumer if work.senders == [work.via] else work.via
    return [key for sender in work.senders for key in unstated.get((sender, into), [])]


def _reaches_async(
    graph: TrafficGraph, worst: dict[int, float], complete: dict[int, float]
) -> bool:
    """Whether a queue or stream serves less, or something that completes less takes work
    from one or over an async link (what `async_work` reads)."""
    less = {node for node, share in (*worst.items(), *complete.items()) if share < 1.0}
    for node in less:
        if graph.buffer[node]:
            return True
        for edge in graph.in_edges[node]:
            sender = edge.source
            handed = edge.kind == "async" or graph.change_stream[sender]
            if edge.calls > 0 and (graph.buffer[sender] or handed):
                return True
    return False


def _basis(rps: float, partial: bool) -> str:
    if not partial:
        return "derived"
    return "lower bound" if rps > 0 else "unknown"


def _from_buffer(
    graph: TrafficGraph,
    node: int,
    worst: dict[int, float],
    complete: dict[int, float],
    rates: list[float],
    partial: list[bool],
) -> list[AsyncWork]:
    noun = "jobs" if graph.components[node].type in QUEUE_TYPES else "messages"
    links = [e for e in graph.in_edges[node] if e.calls > 0]
    # What another queue or stream sends on waits there (it stalls, said at that one): only
    # what the others send is refused and lost.
    relayed = sum(
        rates[e.source] * graph.miss[e.source] * worst.get(e.source, 1.0) * e.calls
        for e in links
        if graph.buffer[e.source]
    )
    everyone = sorted({graph.ids[e.source] for e in links})
    senders = [sid for sid in everyone if not graph.buffer[graph.index[sid]]]
    accepted = worst.get(node, 1.0)
    basis = _basis(rates[node], partial[node])
    found = []
    sent = rates[node] - relayed
    if accepted < 1.0 and senders and (sent > 0 or partial[node]):
        found.append(
            AsyncWork(
                graph.ids[node], graph.ids[node], senders, "lost", 1.0 - accepted,
                max(0.0, sent), basis, noun, [], True, accepted, "consumer",
            )
        )  # fmt: skip
    passed = graph.miss[node] * accepted
    if passed <= 0.0:
        return found  # nothing reaches its consumers
    for edge in graph.out_edges[node]:
        if edge.calls <= 0:
            continue
        share = 1.0 - complete.get(edge.target, worst.get(edge.target, 1.0))
        if share > 0:
            found.append(
                AsyncWork(
                    graph.ids[node], graph.ids[edge.target], everyone, "stalls",
                    min(1.0, share), rates[node] * passed * edge.calls, basis, noun,
                    _blocked(graph, edge.target, worst), worst.get(edge.target, 1.0) <= 0,
                    worst.get(edge.target, 1.0), _role(graph, edge.target),
                )
            )  # fmt: skip
    return found


def _handed(
    graph: TrafficGraph,
    node: int,
    edge: Edge,
    worst: dict[int, float],
    complete: dict[int, float],
    carried: float,
    partial: list[bool],
) -> list[AsyncWork]:
    """Work over one link out of a component that is no queue: an async link (lost unless
    the sender retries), or a store's change stream (its changes wait in the store's log)."""
    target = edge.target
    share = 1.0 - complete.get(target, worst.get(target, 1.0))
    if share <= 0 or (carried <= 0 and not partial[node]):
        return []  # nothing held up, or nothing sent (a store nobody writes)
    store = graph.change_stream[node]
    return [
        AsyncWork(
            graph.ids[node], graph.ids[target], [graph.ids[node]],
            "stalls" if store else "lost", min(1.0, share), carried,
            _basis(carried, partial[node]), "changes" if store else "messages",
            _blocked(graph, target, worst), worst.get(target, 1.0) <= 0,
            worst.get(target, 1.0), _role(graph, target),
        )
    ]  # fmt: skip


def _role(graph: TrafficGraph, node: int) -> str:
    return "worker" if graph.components[node].type == "worker" else "consumer"


def _blocked(graph: TrafficGraph, consumer: int, worst: dict[int, float]) -> list[tuple[str, str]]:
    """What the consumer cannot do on its failing paths: the first component on each that
    answers nothing, with whether the call into it writes."""
    found: dict[tuple[str, str], None] = {}
    paths, _ = request_paths(graph, consumer, worst)
    for path in paths:
        if path.status == "completes":
            continue
        nodes = [graph.index[c] for c in path.nodes]
        for before, node in pairwise(nodes):
            if worst.get(node, 1.0) < 1.0:
                writes = any(
                    e.writes is True for e in graph.out_edges[before] if e.target == node
                ) or any(e.writes is True for e in graph.back_out[before] if e.target == node)
                found[("write to" if writes else "reach", graph.ids[node])] = None
                break
    return list(found)


def async_work_text(work: AsyncWork, titles: Mapping[str, str] | None = None) -> str:
    """One hand-off in plain words: "jobs from api stall in queue: their worker gpu cannot
    write to bucket (5/s at the stated rates)"; `titles` names components (ids if None)."""
    titles = titles or {}

    def name(cid: str) -> str:
        return titles.get(cid, cid)

    via, consumer = name(work.via), name(work.consumer)
    named = [name(s) for s in work.senders] or ["its senders"]
    senders = " and ".join([", ".join(named[:-1]), named[-1]] if len(named) > 1 else named)
    some = "" if work.share >= 1.0 else f"{work.share * 100:.1f} % of "
    if work.fate == "lost" and work.consumer == work.via:
        refuses = (
            "is down" if work.serving <= 0 else f"accepts only {work.serving * 100:.1f} % of them"
        )
        words = f"{some}{work.noun} from {senders} to {via} are lost: {via} {refuses}"
        retried = "; refused: lost unless the sender retries them"
    else:
        retried = ""
        parts: dict[str, list[str]] = {}
        for how, cid in work.blocked:
            parts.setdefault(how, []).append(name(cid))
        said = " or ".join(f"{how} {', '.join(ids)}" for how, ids in parts.items())
        why = f"their {work.role} {consumer} "
        reasons = [f"cannot {said}"] if said else []
        if 0 < work.serving < 1:  # overloaded, or short of instances: the rest waits
            reasons.insert(0, f"serves only {work.serving * 100:.1f} % of them")
        if work.down:
            why += "is down"
        else:
            why += " and ".join(reasons) or "completes only part of them"
        if work.fate == "stalls" and work.senders == [work.via]:  # a store's change stream
            words = f"{some}{work.noun} to {via} wait in its change stream: {why}"
        elif work.fate == "stalls":
            words = f"{some}{work.noun} from {senders} stall in {via}: {why}"
        else:
            words = (
                f"{some}{work.noun} {via} sends to {consumer} over an async link are lost "
                f"unless {via} retries them: {why}"
            )
    per_second = {
        "derived": f"{_rate(work.stuck_rps)}/s at the stated rates",
        "lower bound": f"at least {_rate(work.stuck_rps)}/s: a source states no rps",
        "unknown": "rate unknown: no source that reaches it states rps",
    }[work.rate_basis]
    if work.default_calls:
        links = ", ".join(work.default_calls)
        unit = "write" if work.noun == "changes" else "request"
        per_second += f"; `calls` not stated on {links}: taken as 1 per {unit}"
    return f"{words} ({per_second}{retried})"


def async_work_sentence(works: list[AsyncWork], titles: Mapping[str, str] | None = None) -> str:
    """The hand-offs as sentences for a note (the editor's), "" when there are none."""
    said = [async_work_text(work, titles) for work in works]
    return " ".join(f"{text[0].upper()}{text[1:]}." for text in said)
