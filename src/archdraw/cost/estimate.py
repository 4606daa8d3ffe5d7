"""The cost of a design per month: baseline (provisioned) apart from usage, at a growth factor.

Compute is billed per machine-hour for every machine the analysis counts
(`archdraw.analysis.instances`: stated `replicas`, the library default, one per zone, or
one per shard of a store; standbys and idle replicas too: they run), storage per GB-month
per copy (a store's copies of each shard, as its data role counts them), LLMs and
embedding models per token, and transfer per GB where a link states its `payload_kb` and
crosses to users, to an outside service or to another region. A service the provider runs
(`managed`, counted as one managed service) has no machines of ours: it is billed per
request received and per GB stored once (the provider's price covers its copies), or at
its own `price_per_hour`; never at the type's price per machine.
Usage follows the one traffic model (`archdraw.analysis.arrival_rates`); where a
client states no `rps`, the usage it causes is unknown and said so, never $0.
At a growth factor, request-driven lines scale with traffic and replicas are
re-sized as the growth analysis sizes them (enough to stay at or under its target
utilization, never fewer than drawn), so cost grows in steps. Storage is held at
its stated size. It is a planning estimate, not a quote.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from archdraw.analysis.capacity import TARGET_UTILIZATION
from archdraw.analysis.graph import TrafficGraph, build_graph
from archdraw.analysis.instances import Instances, component_instances, instance_counter
from archdraw.analysis.kinds import TypeFacts, provider_runs
from archdraw.analysis.traffic import arrival_rates
from archdraw.analysis.writes import StoreWork
from archdraw.cost.lines import (
    DEFAULT_AVERAGE_LOAD,
    CostLine,
    Usage,
    as_a_service,
    compute_line,
    request_line,
    service_line,
    storage_line,
    stored_copies,
    token_line,
)
from archdraw.cost.prices import Billing, PriceBook
from archdraw.cost.transfer import transfer_lines
from archdraw.library import Library
from archdraw.model import Component, Design

TOKEN_TYPES = frozenset({"llm", "embedding_model"})
NOT_MODELLED = (
    "discounts (savings plans, reserved or spot capacity, free tiers) and taxes",
    "transfer inside a region (between zones) and links without `payload_kb`",
    "load balancer capacity units, request charges of self-run servers, backups and snapshots",
    "a queue's receive and delete calls (one request is billed per message sent)",
    "licences, support plans, people and the tools around the system",
)


@dataclass
class ComponentCost:
    id: str
    title: str
    type: str
    status: str  # stated | default | not priced | not billed
    lines: list[CostLine] = field(default_factory=list)
    reason: str = ""
    # Priced by machine: the analysis's count of its instances, and the machines billed
    # (the same, or more where a growth re-sizes it).
    instances: Instances | None = None
    machines: int | None = None
    # At a growth: its machines are billed as drawn because it states no `capacity_rps`, so
    # what the growth needs of them is unknown (the figure is a floor).
    unsized: bool = False

    def total(self, baseline: bool | None = None) -> float:
        return sum(
            line.monthly
            for line in self.lines
            if line.monthly is not None and (baseline is None or line.baseline == baseline)
        )


@dataclass
class CostEstimate:
    growth: float
    book: PriceBook
    components: dict[str, ComponentCost]

    def lines(self) -> list[CostLine]:
        return [line for cost in self.components.values() for line in cost.lines]

    @property
    def baseline(self) -> float:
        return sum(c.total(baseline=True) for c in self.components.values())

    @property
    def usage(self) -> float:
        return sum(c.total(baseline=False) for c in self.components.values())

    @property
    def total(self) -> float:
        return self.baseline + self.usage

    @property
    def low(self) -> float:
        return sum(line.low or 0.0 for line in self.lines())

    @property
    def high(self) -> float:
        return sum(line.high or 0.0 for line in self.lines())

    @property
    def unknown(self) -> list[CostLine]:
        return [line for line in self.lines() if line.monthly is None]

    def unpriced(self) -> dict[str, list[str]]:
        """Each reason a cost cannot be worked out, with its components (`unpriced_reasons`)."""
        return unpriced_reasons(self.components.values())

    def coverage(self) -> dict[str, int]:
        counts = {"stated": 0, "default": 0, "not priced": 0, "not billed": 0}
        for cost in self.components.values():
            counts[cost.status] += 1
        return counts


def unpriced_reasons(costs: Iterable[ComponentCost]) -> dict[str, list[str]]:
    """Each reason a cost cannot be worked out, with the id of the component it holds for
    once per cost line: a line whose figure is unknown (storage size not stated), or a
    component with no line at all (no price for its type). The editor's note, the review
    and the cost sentence all count from here, so they give one number."""
    reasons: dict[str, list[str]] = {}
    for cost in costs:
        for line in cost.lines:
            if line.monthly is None:
                reasons.setdefault(line.unknown or "unknown", []).append(cost.id)
        if cost.status == "not priced" and not cost.lines:
            reasons.setdefault(cost.reason or "unknown", []).append(cost.id)
    return reasons


def estimate(
    design: Design,
    library: Library,
    book: PriceBook,
    growth: float = 1.0,
    *,
    graph: TrafficGraph | None = None,
) -> CostEstimate:
    """The monthly cost of `design` with every client's traffic times `growth`."""
    book = book.with_design_prices(design.cost.prices) if design.cost.prices else book
    graph = graph or build_graph(design, library)
    usage = usages(design, library, graph, growth)
    facts, counted = TypeFacts(library), instance_counter()
    work = StoreWork(graph) if growth != 1.0 else None  # machines are sized at a growth only
    components: dict[str, ComponentCost] = {}
    billed_as: dict[str, Billing] = {}  # how each is billed, for its transfer too
    for node, component in enumerate(graph.components):
        spec = library.get(component.type)
        cost = ComponentCost(component.id, component.title, component.type, "stated")
        components[component.id] = cost
        if spec is not None and spec.category == "client":
            cost.status, cost.reason = "not billed", "runs on users' devices"
            continue
        drawn = component_instances(component, facts, counted)  # as the analysis counts
        billing = book.types.get(component.type, Billing())
        if drawn.managed:
            billing = as_a_service(billing)
        elif billing.self_run is not None:
            # A provider's service sized in nodes (`replicas` stated) keeps the service's
            # prices; one we run ourselves is billed for its machines, not per request.
            values = facts.values(component)
            if not provider_runs(values.get("managed"), values.get("global")):
                billing = billing.self_run
        billed_as[component.id] = billing
        billed = _replicas(graph, node, drawn.total, usage[component.id], growth, work)
        compute = compute_line(component, book, billing, drawn, billed)
        if compute is not None:
            cost.instances, cost.machines = drawn, billed
            cost.unsized = _unsized(graph, node, usage[component.id], work)
        requests = request_line(component, book, billing, usage[component.id])
        found = [
            compute,
            storage_line(component, book, billing, stored_copies(component, facts, drawn, billed)),
            requests,
        ]
        if component.type in TOKEN_TYPES and "price_per_hour" not in component.props:
            found.append(token_line(component, library, book, usage[component.id]))
        elif drawn.managed and compute is None and requests is None:
            found.append(service_line(component, book))  # its use has a price we lack
        cost.lines = [line for line in found if line is not None]
    for line in transfer_lines(design, library, graph, book, usage, billed_as, growth):
        components[line.component].lines.append(line)
    for cost in components.values():
        if cost.status != "not billed":
            _judge(cost, book)
    return CostEstimate(growth, book, components)


def _judge(cost: ComponentCost, book: PriceBook) -> None:
    known = [line for line in cost.lines if line.monthly is not None]
    if not known:
        cost.status = "not priced"
        unknown = [line.unknown for line in cost.lines if line.unknown]
        cost.reason = "; ".join(unknown) or (
            f"no price for type '{cost.type}' in the {book.provider} table: "
            "set `price_per_hour` or `price_per_request`"
        )
    elif any(line.basis == "default" or line.monthly is None for line in cost.lines):
        cost.status = "default"
    else:
        cost.status = "stated"


def _replicas(
    graph: TrafficGraph,
    node: int,
    drawn: int,
    usage: Usage,
    growth: float,
    work: StoreWork | None,
) -> int:
    """Billed machines: as drawn at 1x; at a growth, enough for the target utilization.

    Where part of the traffic is unknown, replicas are sized for the known part (a floor).
    A service we do not run (a provider's, a third party's) takes no replicas of ours: its
    capacity grows with the provider, so its hourly price stays the one stated. A replicated
    store applies each write on every copy (`archdraw.analysis.writes`); when its writes
    alone fill each copy it needs shards, and the machines its work needs once sharded.
    """
    capacity = graph.capacity_rps[node]
    if work is None or capacity is None or usage.rps <= 0 or not graph.runs_replicas[node]:
        return drawn
    needed = work.replicas_needed(node, capacity, TARGET_UTILIZATION, growth)
    if needed is None:
        needed = math.ceil(work.work(node, growth) / (capacity * TARGET_UTILIZATION) - 1e-9)
    return max(needed, drawn)


def _unsized(graph: TrafficGraph, node: int, usage: Usage, work: StoreWork | None) -> bool:
    """At a growth, machines of ours that carry traffic but cannot be re-sized (no
    `capacity_rps`): `_replicas` keeps them as drawn."""
    return (
        work is not None
        and usage.rps > 0
        and graph.runs_replicas[node]
        and graph.capacity_rps[node] is None
    )


def usages(
    design: Design, library: Library, graph: TrafficGraph, growth: float
) -> dict[str, Usage]:
    """Requests per second at each component (a drawn copy's replicated writes too), or which
    client's missing `rps` hides them."""
    # A source whose rate the file does not state adds nothing to the rates (traffic model).
    silent = [node for node in graph.sources if not graph.rate_known[node]]
    # A copy drawn behind a `replication` link is sent every write its sources take: work
    # billed as its requests are (`archdraw.analysis.writes`).
    work = StoreWork(graph)
    arriving = arrival_rates(graph, growth)
    rates = [rate + more * growth for rate, more in zip(arriving, work.replicated, strict=True)]
    applied = [work.applies(node) * growth for node in range(len(graph))]
    stated = design.cost.average_load
    share, known = (DEFAULT_AVERAGE_LOAD, False) if stated is None else (stated, True)
    silent_reach: dict[int, str] = {}
    for node in silent:
        component = graph.components[node]
        kind = "client" if _is_client(library, component) else component.type
        stack, seen = [node], {node}
        while stack:
            current = stack.pop()
            silent_reach.setdefault(current, f"{kind} '{component.id}'")
            for edge in (*graph.out_edges[current], *graph.back_out[current]):
                if edge.target not in seen:
                    seen.add(edge.target)
                    stack.append(edge.target)
    found: dict[str, Usage] = {}
    for node, component_id in enumerate(graph.ids):
        if node in silent_reach:
            client = silent_reach[node]
            found[component_id] = Usage(
                rates[node],
                f"depends on usage: set `rps` on {client}",
                share,
                known,
                applied[node],
            )
        elif rates[node] <= 0:
            found[component_id] = Usage(
                0.0,
                "no stated traffic reaches the component, so usage is unknown: set `rps` on "
                "the client or component that starts its work",
                share,
                known,
            )
        else:
            found[component_id] = Usage(rates[node], None, share, known, applied[node])
    return found


def _is_client(library: Library, component: Component) -> bool:
    spec = library.get(component.type)
    return spec is not None and spec.category == "client"


def cost_steps(
    design: Design,
    library: Library,
    book: PriceBook,
    factors: list[float],
    *,
    graph: TrafficGraph | None = None,
) -> list[tuple[float, float]]:
    """Total monthly cost at each growth factor: baseline is a step function (whole replicas)."""
    graph = graph or build_graph(design, library)
    return [(f, estimate(design, library, book, f, graph=graph).total) for f in factors]
