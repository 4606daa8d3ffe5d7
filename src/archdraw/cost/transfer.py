"""Transfer cost: GB per month over links that state `payload_kb` and leave the region.

A link from a user's device is billed to the component it reaches (the answer
goes out to the internet), at that type's `transfer` price (a CDN's) or internet
egress; a link to an outside service (or to a device) is billed to its sender as
internet egress; a link between two regions is billed to its sender at the
inter-region price. On a replication link between regions, `payload_kb` is what
is copied per write the source store applies (its own and those it passes on; reads
are not copied); on another link from a data store, its change stream, what is sent
per write it takes (`archdraw.analysis.traffic`); on a link into monitoring, per call it
states (telemetry is batched, not sent per request: with no `calls`, its volume is unknown).
Transfer inside one region is not modelled. 1 GB = 10^6 KB.
"""

from __future__ import annotations

from collections.abc import Iterator

from archdraw.analysis.graph import TrafficGraph
from archdraw.analysis.kinds import TELEMETRY_TYPES
from archdraw.analysis.traffic import sent_rates, store_changes
from archdraw.cost.lines import CostLine, Usage, money, per_second
from archdraw.cost.prices import Billing, PriceBook
from archdraw.library import Library
from archdraw.model import Component, Design

OUTSIDE = frozenset({"client", "external"})


def _region(design: Design, component: Component) -> str | None:
    zones = design.zone_index()
    zone_id, seen = component.zone, set()
    while zone_id is not None and zone_id in zones and zone_id not in seen:
        seen.add(zone_id)
        if zones[zone_id].kind == "region":
            return zone_id
        zone_id = zones[zone_id].parent
    return None


def _category(library: Library, component: Component) -> str | None:
    spec = library.get(component.type)
    return None if spec is None else spec.category


def transfer_lines(
    design: Design,
    library: Library,
    graph: TrafficGraph,
    book: PriceBook,
    usage: dict[str, Usage],
    billed_as: dict[str, Billing],
    growth: float = 1.0,
) -> Iterator[CostLine]:
    """The transfer lines at `growth`; `billed_as`: how each component is billed (a CDN the
    provider runs at its transfer price, one of our own at internet egress)."""
    changes: dict[int, float] | None = None  # what stores' change streams carry, once asked
    for link in design.links:
        size = link.props.get("payload_kb")
        if isinstance(size, bool) or not isinstance(size, int | float):
            continue
        if link.source not in graph.index or link.target not in graph.index:
            continue
        source = graph.components[graph.index[link.source]]
        target = graph.components[graph.index[link.target]]
        if _category(library, source) in OUTSIDE and _category(library, target) in OUTSIDE:
            continue
        if _category(library, source) in OUTSIDE:
            billed = target
            price_key = billed_as.get(target.id, Billing()).transfer or "egress.internet"
        elif _category(library, target) in OUTSIDE:
            billed, price_key = source, "egress.internet"
        elif _region(design, source) != _region(design, target) and None not in (
            _region(design, source),
            _region(design, target),
        ):
            billed, price_key = source, "egress.region"
        else:
            continue
        if target.type in TELEMETRY_TYPES and "calls" not in link.props:
            # As in the traffic model: telemetry is batched, not one message per request.
            yield CostLine(
                billed.id,
                "transfer",
                None,
                "default",
                f"{link.key}: telemetry x {float(size):g} KB",
                unknown=(
                    "telemetry is sampled and batched, not sent per request: state `calls` "
                    "(messages per request) on the link to monitoring to price its transfer"
                ),
            )
            continue
        sender = usage[source.id]
        node = graph.index[source.id]
        if link.kind == "replication":  # a copy of each write the store applies
            rps, what = sender.writes, "writes/s"
        else:
            rps, share, what = sender.rps, graph.miss[node], "calls/s"
            if graph.change_stream[node]:  # a store's links out carry its writes
                if changes is None:
                    changes = store_changes(graph, sent_rates(graph, growth), growth)
                rps, share, what = changes.get(node, 0.0), 1.0, "writes/s"
            calls = library.link_prop(link.props, "calls")
            number = isinstance(calls, int | float) and not isinstance(calls, bool)
            rps *= share * (float(calls) if number else 1.0)
        entry = book.prices[price_key]
        gb = rps * sender.average_load * float(size) / 1e6 * book.hours_per_month * 3600.0
        detail = (
            f"{link.key}: {per_second(rps)} {what} peak x {sender.average_load:g} average x "
            f"{float(size):g} KB = {gb:,.0f} GB/month x "
            f"{money(entry.price, book.currency)}/GB ({entry.what})"
        )
        if sender.unknown is not None:
            yield CostLine(billed.id, "transfer", None, "default", detail, unknown=sender.unknown)
        else:
            basis = "derived" if sender.average_stated else "default"
            yield CostLine(billed.id, "transfer", gb * entry.price, basis, detail)
