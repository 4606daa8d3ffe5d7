"""How a sender's calls to what fails combine into the share of its requests that fail.

A call made by some of the sender's requests (`calls` below 1) may be made by the same
requests as another such call, by different ones, or by either at random. The link's
`request` says which: the sender's calls that name the same request are parts of the same
requests, so they fail together: the requests that make the smaller share of calls are
among those that make the larger, and the share lost is the largest when one of them fails
(when several fail in part, each request that makes them fails with any). Calls naming
different requests are made by different requests: their lost shares add up (at most all
of them). A call that names none is taken as independent of every other (a request makes
it or not at random, whatever else it makes), which is exact for a call every request
makes; for two or more calls made by some requests each, it is an assumption, so the
figure says it rests on it (`Assumed`) and gives what it would be either way: the sender's
calls as parts of the same requests (the least lost) or as different ones (the most).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from archdraw.analysis.fanout import listed, routes_text
from archdraw.analysis.graph import Edge, TrafficGraph

# How the calls that name no request are taken: independent (the figure), parts of the same
# requests (its low end) or different requests (its high end).
Overlap = Literal["independent", "same", "different"]


def call_success(calls: float, share: float) -> float:
    """Share of a sender's requests whose `calls` calls to a receiver all succeed."""
    if calls <= 0 or share >= 1.0:
        return 1.0
    making = min(calls, 1.0)
    return (1.0 - making) + making * float(share ** max(calls, 1.0))


# A call to what fails: the link, the calls per request that must succeed, and the share of
# the receiver's requests that complete.
Part = tuple[Edge, float, float]


def parts_success(node: int, parts: list[Part], how: Overlap, unstated: Unstated | None) -> float:
    """Share of the node's requests whose `parts` all succeed: calls independent of the
    others multiply it; the calls of each group (the same requests) combine first, and the
    groups (different requests) add their losses. `unstated` gets the node's calls made by
    some requests that name none, when there are two or more."""
    success = 1.0
    groups: dict[str | int, list[tuple[float, float]]] = {}
    loose: list[int] = []  # the receivers of those calls
    for edge, needed, share in parts:
        part = fractional(edge, needed)
        group = group_of(edge, how) if part else edge.request
        if group is None:
            success *= call_success(needed, share)
        else:
            groups.setdefault(group, []).append((needed, share))
        if part and edge.request is None:
            loose.append(edge.target)
    if groups:
        success *= combined_success(groups)
    if unstated is not None and len(loose) > 1:
        unstated[node] = loose
    return success


def fractional(edge: Edge, needed: float) -> bool:
    """A call made by some of the sender's requests, not all: the ones a request kind makes.
    A read on a cache's misses is not one (a miss is chance, not a kind of request), nor a
    DNS lookup (needed again by every request once the cached answer expires)."""
    return 0.0 < edge.calls < 1.0 and needed < 1.0


def group_of(edge: Edge, how: Overlap) -> str | int | None:
    """The requests a call to what fails is made by: its `request`, or, for a call that
    names none, one group of all such calls (`same`) or one of its own (`different`);
    None: independent of every other call."""
    if edge.request is not None:
        return edge.request
    if how == "same":
        return -1
    return id(edge) if how == "different" else None


def combined_success(groups: dict[str | int, list[tuple[float, float]]]) -> float:
    """Share of the sender's requests whose calls in `groups` all succeed: per group (the
    same requests), its calls as (calls needed, share of the receiver's requests that
    complete); the groups are different requests."""
    if len(groups) == 1:
        return _same_requests(next(iter(groups.values())))
    lost = sum(1.0 - _same_requests(calls) for calls in groups.values())
    return max(0.0, 1.0 - lost)


def _same_requests(calls: list[tuple[float, float]]) -> float:
    """Share of the requests whose calls all succeed, when the requests that make a call
    are among those that make each call with a larger share (nested: tiers of requests,
    the innermost making every call)."""
    tiers = sorted(
        ((min(needed, 1.0), share ** max(needed, 1.0)) for needed, share in calls),
        key=lambda tier: -tier[0],
    )
    success = 1.0 - tiers[0][0]
    reached = 1.0  # share of a tier's requests whose calls so far all succeeded
    for rank, (making, succeeds) in enumerate(tiers):
        reached *= succeeds
        inner = tiers[rank + 1][0] if rank + 1 < len(tiers) else 0.0
        success += (making - inner) * reached
    return success


# What a share rests on, as `complete_shares` collects it: per sender, the receivers of its
# calls that are made by some of its requests, name no `request` and lead to what fails (two
# or more), taken as independent requests.
Unstated = dict[int, list[int]]


@dataclass(frozen=True)
class Assumed:
    """What a share of lost requests rests on: the calls taken as independent requests (by
    sender id, the receivers' ids) and the share if each sender's calls are parts of the
    same requests (`low`) or different ones (`high`); and the senders' routes whose `calls`
    it takes as one per request (`archdraw.analysis.fanout`; by sender id, the receivers'
    ids), with the share if each request takes one route (`split`, None: no routes)."""

    calls: dict[str, list[str]]
    low: float
    high: float
    routes: dict[str, list[str]] = field(default_factory=dict)
    split: float | None = None

    def wide(self) -> bool:
        """Whether the range is worth giving: its ends differ by more than 1 % of the most."""
        return self.high - self.low > 0.01 * self.high


def assumed(graph: TrafficGraph, unstated: Unstated, low: float, high: float) -> Assumed:
    calls = {
        graph.ids[sender]: sorted(graph.ids[target] for target in targets)
        for sender, targets in sorted(unstated.items(), key=lambda item: graph.ids[item[0]])
    }
    return Assumed(calls, low, high)


def assumption_text(
    rests: Assumed, pct: Callable[[float], str], name: Callable[[str], str] = str
) -> str:
    """The assumption in words, to follow the figure: "assuming the 2 calls from nginx (to
    media and text), each made by some of its requests, are independent requests (`request`
    not stated): 10 % if they are parts of the same requests, 20 % if different ones"
    (`name`: how to call a component, its id by default), then what it says of the routes
    (`archdraw.analysis.fanout.routes_text`)."""
    said = [_calls_text(rests, pct, name)] if rests.calls else []
    if rests.routes:
        said.append(routes_text(rests.routes, rests.split, pct, name))
    return "; ".join(said)


def _calls_text(rests: Assumed, pct: Callable[[float], str], name: Callable[[str], str]) -> str:
    senders = [
        f"{len(targets)} calls from {name(sender)} (to {listed([name(t) for t in targets])})"
        for sender, targets in rests.calls.items()
    ]
    text = (
        f"assuming the {' and the '.join(senders)}, each made by some of its requests, are "
        "independent requests (`request` not stated)"
    )
    if not rests.wide():
        return text
    same, different = pct(rests.low), pct(rests.high)
    return f"{text}: {same} if they are parts of the same requests, {different} if different ones"
