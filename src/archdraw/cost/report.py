"""Cost as text (CLI, review) and as JSON (`archdraw analyze --cost --format json`)."""

from __future__ import annotations

from typing import Any

from archdraw.cost.estimate import NOT_MODELLED, ComponentCost, CostEstimate
from archdraw.cost.lines import CostLine, money, money_range
from archdraw.source import printable_joined
from archdraw.source.printable import plural


def headline(estimate: CostEstimate) -> str:
    """One sentence: the total, its split, its range and what is unknown."""
    book = estimate.book
    cur = book.currency
    text = (
        f"{money(estimate.total, cur)}/month at {estimate.growth:g}x "
        f"(baseline {money(estimate.baseline, cur)} provisioned"
        f" + usage {money(estimate.usage, cur)})"
    )
    spread = money_range(estimate.low, estimate.high, cur, joined_by="and")
    if spread:
        text += f", between {spread} where inputs are defaults"
    unknown = estimate.unknown
    if unknown:
        text += f"; plus {plural(len(unknown), 'unknown line')} ({_reasons(unknown)})"
    return text


def _reasons(unknown: list[CostLine]) -> str:
    """Every reason the unknown lines give, each with how many give it when they differ."""
    counts: dict[str, int] = {}
    for line in unknown:
        counts[line.unknown or ""] = counts.get(line.unknown or "", 0) + 1
    if len(counts) == 1:
        return next(iter(counts))
    first, *rest = counts.items()
    return "; ".join(
        [f"{first[1]} of them: {first[0]}", *(f"{count}: {reason}" for reason, count in rest)]
    )


def cost_sentence(today: CostEstimate, grown: CostEstimate) -> str:
    """The line a design document quotes (the samples do; a test keeps them current)."""
    cur = today.book.currency
    text = (
        f"Estimated cost (archdraw review; a planning estimate from {today.book.provider} "
        f"list prices): {money(today.total, cur)}/month at the stated traffic, "
        f"{money(grown.total, cur)}/month at {grown.growth:g}x"
    )
    unknown = len({cid for ids in today.unpriced().values() for cid in ids})
    if unknown:
        text += (
            f", plus {plural(unknown, 'component')} whose cost depends on figures the design omits"
        )
    return text + "."


def prices_note(estimate: CostEstimate) -> str:
    book = estimate.book
    note = (
        f"{book.provider} {book.region} on-demand list prices in {book.currency}, taken "
        f"{book.taken}; LLM prices from {book.llm_source} (version {book.llm_version}, "
        f"{book.llm_licence} licence, taken {book.llm_taken})"
    )
    if book.overridden:
        note += f"; overridden: {', '.join(sorted(set(book.overridden)))}"
    return note


def coverage_note(estimate: CostEstimate) -> str:
    counts = estimate.coverage()
    return (
        f"{plural(counts['stated'], 'component')} priced from stated values, "
        f"{counts['default']} with "
        f"library defaults, {counts['not priced']} not priced, {counts['not billed']} not billed "
        "(users' devices)"
    )


def _line_text(line: CostLine, currency: str) -> str:
    if line.monthly is None:
        extra = f" (at least {money(line.at_least, currency)})" if line.at_least > 0 else ""
        return f"{line.kind}: {line.unknown}{extra}"
    return f"{line.kind}: {money(line.monthly, currency)} [{line.basis}] {line.detail}"


def render_cost_text(estimates: list[CostEstimate]) -> str:
    first = estimates[0]
    cur = first.book.currency
    out = ["Cost per month (a planning estimate, not a quote)"]
    out += [f"  {headline(e)}" for e in estimates]
    out.append("")
    for estimate in estimates:
        out.append(f"Per component at {estimate.growth:g}x:")
        for cost in estimate.components.values():
            if cost.status == "not billed":
                continue
            status = cost.status if not cost.reason else f"{cost.status}: {cost.reason}"
            if cost.unsized:
                status += (
                    "; machines as drawn: no `capacity_rps` says what the growth needs (a floor)"
                )
            name = cost.id if cost.title == cost.id else f"{cost.id} ({cost.title})"
            out.append(f"  {name} {money(cost.total(), cur)} - {status}")
            out += [f"      {_line_text(line, cur)}" for line in cost.lines]
        out.append("")
    out.append(f"Coverage: {coverage_note(first)}.")
    out.append("Not modelled: " + "; ".join(NOT_MODELLED) + ".")
    out.append(f"Prices: {prices_note(first)}.")
    return printable_joined(out) + "\n"  # titles are file text: escaped


def _line_json(line: CostLine) -> dict[str, Any]:
    return {
        "kind": line.kind,
        "monthly": line.monthly,
        "low": line.low,
        "high": line.high,
        "basis": line.basis,
        "baseline": line.baseline,
        "detail": line.detail,
        "unknown": line.unknown,
        "at_least": line.at_least,
    }


def _instances_json(cost: ComponentCost) -> dict[str, Any] | None:
    """The machines a component is billed for, counted as the analysis counts them."""
    if cost.instances is None:
        return None  # not priced by machine
    return {
        "count": cost.instances.total,
        "basis": cost.instances.basis,
        "rests_on": cost.instances.rests_on(),
        "billed": cost.machines,
        # At a growth: billed as drawn because no `capacity_rps` says what it can take.
        "as_drawn_unsized": cost.unsized,
    }


def estimate_json(estimate: CostEstimate) -> dict[str, Any]:
    return {
        "growth": estimate.growth,
        "total": estimate.total,
        "baseline": estimate.baseline,
        "usage": estimate.usage,
        "low": estimate.low,
        "high": estimate.high,
        "unknown": [
            {"component": line.component, "kind": line.kind, "reason": line.unknown}
            for line in estimate.unknown
        ],
        "components": {
            cost.id: {
                "status": cost.status,
                "reason": cost.reason,
                "total": cost.total(),
                "baseline": cost.total(baseline=True),
                "usage": cost.total(baseline=False),
                "lines": [_line_json(line) for line in cost.lines],
                "instances": _instances_json(cost),
            }
            for cost in estimate.components.values()
        },
    }


def cost_to_json(estimates: list[CostEstimate]) -> dict[str, Any]:
    book = estimates[0].book
    return {
        "planning_estimate": True,
        "currency": book.currency,
        "prices": {
            "provider": book.provider,
            "region": book.region,
            "taken": book.taken,
            "sources": book.sources,
            "hours_per_month": book.hours_per_month,
            "llm": {
                "source": book.llm_source,
                "version": book.llm_version,
                "licence": book.llm_licence,
                "taken": book.llm_taken,
            },
            "overridden": sorted(set(book.overridden)),
        },
        "coverage": estimates[0].coverage(),
        "not_modelled": list(NOT_MODELLED),
        "at": [estimate_json(e) for e in estimates],
    }
