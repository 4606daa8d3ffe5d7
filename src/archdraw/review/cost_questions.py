"""The review's money and assumptions sections: the cost estimate, and what figures rest on."""

from __future__ import annotations

from collections.abc import Sequence

from archdraw.analysis import TrafficGraph
from archdraw.analysis.kinds import provider_runs
from archdraw.cost import (
    NOT_MODELLED,
    ComponentCost,
    CostEstimate,
    cost_steps,
    money,
    money_range,
)
from archdraw.cost.estimate import TOKEN_TYPES
from archdraw.cost.lines import USAGE_KINDS
from archdraw.cost.report import coverage_note, prices_note
from archdraw.review.questions import Context, basis, findings_of
from archdraw.review.types import Item, Section
from archdraw.source.printable import plural


def _amount(cost: ComponentCost, currency: str) -> str:
    """Its monthly figure, with the range where an input is a default."""
    low = sum(line.low or 0.0 for line in cost.lines)
    high = sum(line.high or 0.0 for line in cost.lines)
    spread = money_range(low, high, currency)
    return money(cost.total(), currency) + (f" ({spread})" if spread else "")


# How the table's basis column reads each cost status.
STATUS = {"stated": "stated", "default": "partly library defaults", "not priced": "not priced"}


def _range(estimate: CostEstimate) -> str:
    spread = money_range(estimate.low, estimate.high, estimate.book.currency)
    return f"{spread} at {estimate.growth:g}x" if spread else ""


def traffic_stated(graph: TrafficGraph) -> bool:
    return any(graph.rps[s] > 0 for s in graph.sources)


def no_traffic(graph: TrafficGraph, today: CostEstimate, growth: float) -> str:
    """Why the grown figure is the 1x one when no source states its `rps`, or "".

    Without a stated rate every usage line is unknown (never $0) and replicas keep
    their drawn count (`cost.estimate`), so both figures are the baseline as drawn.
    """
    if growth == 1.0 or traffic_stated(graph):
        return ""
    silent = [graph.components[s].title for s in graph.sources if not graph.rate_known[s]]
    where = f" (set `rps` on {', '.join(silent[:3])})" if silent else ""
    usage = sum(1 for line in today.unknown if line.kind in USAGE_KINDS)
    lines = f" and pricing the {plural(usage, 'usage line')}" if usage else ""
    return (
        f" No client states its `rps`, so {growth:g}x traffic cannot be costed: both figures "
        f"are only the machines and storage as drawn; re-sizing replicas for the growth{lines} "
        f"need a stated rate{where}."
    )


def unsized(grown: CostEstimate, graph: TrafficGraph) -> str:
    """Which components' machines the grown figure keeps as drawn because what they can
    take is unknown, or "" (when no rate is stated, `no_traffic` says it for all)."""
    if grown.growth == 1.0 or not traffic_stated(graph):
        return ""
    names = [cost.title for cost in grown.components.values() if cost.unsized]
    if not names:
        return ""
    if len(names) > 4:
        shown = f"{', '.join(names[:4])} and {len(names) - 4} more"
    else:
        shown = " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
    return (
        f" At {grown.growth:g}x, {shown} keep{'s' if len(names) == 1 else ''} the machines "
        f"drawn: {'it states' if len(names) == 1 else 'they state'} no `capacity_rps`, so "
        f"what {grown.growth:g}x traffic needs of {'it' if len(names) == 1 else 'them'} is "
        f"unknown and the {grown.growth:g}x figure is a floor."
    )


def overloaded(today: CostEstimate, over: list[str]) -> str:
    """Why the 1x figure is a floor when machines drawn cannot carry today's load: the 1x
    estimate prices replicas as drawn and re-sizes them only for a growth."""
    names = [today.components[c].title for c in over if c in today.components]
    if not names:
        return ""
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    return (
        f" At 1x, {shown} cannot carry today's load as drawn (over capacity, see Grows): "
        "the 1x figure prices the machines drawn, not the ones the load needs, so it is a "
        "floor."
    )


def cost_answer(
    today: CostEstimate, grown: CostEstimate, graph: TrafficGraph, over: Sequence[str] = ()
) -> str:
    """The totals, why they are equal when no traffic is stated, their range, and what
    cannot be priced, each said once; `over`: components over capacity at 1x."""
    cur = today.book.currency
    text = (
        f"{money(today.total, cur)}/month at 1x and {money(grown.total, cur)}/month at "
        f"{grown.growth:g}x."
    )
    text += overloaded(today, list(over))
    text += no_traffic(graph, today, grown.growth)
    text += unsized(grown, graph)
    ranges = [r for r in (_range(today), _range(grown)) if r]
    if ranges:
        text += f" Some inputs are library defaults, so the range is {' and '.join(ranges)}."
    reasons = today.unpriced()
    count = sum(len(ids) for ids in reasons.values())
    if len(reasons) == 1:
        text += f" {plural(count, 'cost line')} cannot be priced — {next(iter(reasons))}."
    elif reasons:
        text += (
            f" {plural(count, 'cost line')} cannot be priced, for {len(reasons)} reasons listed "
        )
        text += "below the cost table."
    return text


def _passed(steps: list[tuple[float, float]], budget: float, currency: str, above: bool) -> str:
    """Where on the cost curve a budget met today is passed: growth is what a budget is for."""
    if above:
        return ""
    over = next(((factor, total) for factor, total in steps if total > budget), None)
    if over is None:
        return ""
    factor, total = over
    return f"; it is passed by {factor:g}x traffic ({money(total, currency)}/month)"


def cost_section(context: Context, costs: list[CostEstimate], over: Sequence[str] = ()) -> Section:
    """`over`: the components over capacity at 1x, whose machines drawn the 1x figure prices."""
    design, library, graph, findings = context
    today, grown = costs[0], costs[-1]
    cur = today.book.currency
    section = Section("cost", "What does it cost?", cost_answer(today, grown, graph, over))
    section.header = ("component", "1x / month", f"{grown.growth:g}x / month", "basis")
    ranked = sorted(today.components.values(), key=lambda c: -c.total())
    for item in ranked:
        if item.status == "not billed":
            continue
        later = grown.components[item.id]
        unpriced = item.status == "not priced"
        shown = STATUS.get(item.status, item.status)
        section.rows.append(
            (
                item.title,
                "unknown" if unpriced else _amount(item, cur),
                "unknown" if unpriced else _amount(later, cur),
                item.reason
                or shown
                + (
                    f"; machines as drawn at {grown.growth:g}x (no `capacity_rps`)"
                    if later.unsized and traffic_stated(graph)
                    else ""
                ),
            )
        )
    for reason, ids in today.unpriced().items():
        unique = tuple(dict.fromkeys(ids))
        names = ", ".join(today.components[i].title for i in unique)
        section.items.append(
            Item(f"{reason} — for {plural(len(unique), 'component')}: {names}", "info", unique)
        )
    factors = sorted({1.0, 2.0, 5.0, grown.growth})
    steps = cost_steps(design, library, today.book, factors, graph=graph)
    section.items.append(
        Item(
            "Cost curve: "
            + ", ".join(f"{factor:g}x {money(total, cur)}" for factor, total in steps)
            + (
                "; flat, since no `rps` is stated"
                if not traffic_stated(graph)
                else "; replicas come whole, so the baseline rises in steps"
            )
        )
    )
    budget = design.cost.budget_month
    if budget is not None:
        above = today.total > budget
        # Within budget only as drawn: the machines that cannot carry the load are not priced.
        floor = [today.components[c].title for c in over if c in today.components]
        section.items.append(
            Item(
                f"{money(today.total, cur)}/month is {'over' if above else 'within'} the "
                f"design's budget of {money(budget, cur)}"
                + (
                    f", but only as drawn: {', '.join(floor)} cannot carry today's load, "
                    "so the figure is a floor"
                    if floor and not above
                    else ""
                )
                + _passed(steps, budget, cur, above),
                "warning" if above or floor else "info",
            )
        )
    section.items.append(Item(f"Coverage: {coverage_note(today)}."))
    section.items += findings_of(findings, frozenset(f"AD7{n:02d}" for n in range(100)))
    return section


def assumptions(context: Context, costs: list[CostEstimate]) -> Section:
    design, library, _, _ = context
    section = Section("assumptions", "Assumptions", "")
    defaults: dict[str, list[str]] = {}
    for component in design.components:
        # A service the provider runs counts as one whole service, never by the `replicas`
        # default (AD101 and the analysis read it so): no default stands in for it.
        whole = provider_runs(library.prop(component, "managed"), library.prop(component, "global"))
        for name in ("capacity_rps", "replicas", "availability", "latency_ms"):
            if name == "replicas" and whole:
                continue
            if basis(library, component, name) == "library default":
                defaults.setdefault(name, []).append(component.id)
    for component in design.components:
        if component.type not in TOKEN_TYPES or "price_per_hour" in component.props:
            continue  # billed per token: its model and token counts are cost inputs
        for name in ("model", "tokens_in", "tokens_out"):
            if name == "tokens_out" and component.type != "llm":
                continue
            if name not in component.props:
                defaults.setdefault(name, []).append(component.id)
    titles = {c.id: c.title for c in design.components}
    # No `latency_ms` and no default for the type: the analysis takes 1 / capacity as the
    # service time, a figure neither stated nor a library default, so it is named apart.
    derived = [
        c
        for c in design.components
        if basis(library, c, "latency_ms") == "unknown"
        and (spec := library.get(c.type)) is not None
        and "latency_ms" in spec.properties
        and isinstance(library.prop(c, "capacity_rps"), int | float)
        and library.prop(c, "capacity_rps") > 0
    ]
    for name, ids in defaults.items():
        names = ", ".join(titles[i] for i in ids[:8])
        more = f" and {len(ids) - 8} more" if len(ids) > 8 else ""
        section.items.append(
            Item(
                f"`{name}` is not stated, so the library default is used, for "
                f"{plural(len(ids), 'component')}: {names}{more}",
                "info",
                tuple(ids),
            )
        )
    if derived:
        first = derived[0]
        capacity = float(library.prop(first, "capacity_rps"))
        names = ", ".join(c.title for c in derived[:8])
        more = f" and {len(derived) - 8} more" if len(derived) > 8 else ""
        section.items.append(
            Item(
                "`latency_ms` is not stated and the type has no default, so the response time "
                "is derived from capacity, 1 / `capacity_rps` before queueing "
                f"({first.title}: {1000 / capacity:.3g} ms at {capacity:,.0f} req/s), for "
                f"{plural(len(derived), 'component')}: {names}{more}",
                "info",
                tuple(c.id for c in derived),
            )
        )
    share = design.cost.average_load
    section.items.append(
        Item(
            "usage is billed at the average load, "
            + (
                f"{share:g} of the peak `rps`, stated"
                if share is not None
                else "0.4 of the peak `rps`, a default; set `cost.average_load` to state it"
            )
        )
    )
    section.items.append(Item(f"Prices: {prices_note(costs[0])}."))
    count = sum(len(ids) for ids in defaults.values())
    section.answer = (
        f"Library defaults stand in for {plural(count, 'figure')} the file does not state ("
        + ", ".join(f"`{name}`" for name in defaults)
        + "); prices are list prices."
        if count
        else "Every figure the analyses use is stated in the file; prices are list prices."
    )
    if derived:
        said = "1 latency is" if len(derived) == 1 else f"{len(derived)} latencies are"
        section.answer = section.answer.replace(
            "; prices are", f"; {said} derived from capacity; prices are"
        )
    section.items.append(Item("Not modelled: " + "; ".join(NOT_MODELLED) + "."))
    section.items.append(Item("Cost is a planning estimate from list prices, not a quote."))
    return section
