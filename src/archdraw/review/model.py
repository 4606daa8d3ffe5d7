"""A design review as data: the design document with its gaps, the four questions, cost.

`build_review` asks the parts archdraw already has (lint, failure and growth
analysis, the cost estimate) and arranges their answers under the questions a
reviewer asks of every design: grows 10x? fails halfway? can someone plug in?
data out of order? Renderers (`markdown`, `html`) only lay the result out.
"""

from __future__ import annotations

from archdraw.analysis import GrowthResult, analyze_growth, build_graph
from archdraw.cost import PriceBook, estimate, money
from archdraw.library import Library
from archdraw.lint import lint_design
from archdraw.model import Design
from archdraw.review.cost_questions import STATUS, assumptions, cost_section
from archdraw.review.grows import grows
from archdraw.review.order import data_order
from archdraw.review.plug import plug_in
from archdraw.review.questions import document_gaps, fails_halfway, rate
from archdraw.review.types import DOC_FIELDS, Review


def build_review(design: Design, library: Library, book: PriceBook, growth: float = 10.0) -> Review:
    graph = build_graph(design, library)
    findings = lint_design(design, library)
    today = analyze_growth(design, library, 1.0, graph=graph)
    grown = analyze_growth(design, library, growth, graph=graph)
    costs = [estimate(design, library, book, 1.0, graph=graph)]
    costs.append(estimate(design, library, book, growth, graph=graph))
    context = (design, library, graph, findings)
    sections = [
        grows(context, today, grown),
        fails_halfway(context),
        plug_in(context),
        data_order(context),
        cost_section(context, costs, over_capacity(today)),
        assumptions(context, costs),
    ]
    doc = design.doc
    review = Review(
        name=design.name,
        description=design.description,
        doc={name: getattr(doc, name) for name, _ in DOC_FIELDS},
        gaps=document_gaps(design, sections),
        sections=sections,
        findings=findings,
        costs=costs,
        numbers={},
        titles={c.id: c.title for c in design.components},
        growth=growth,
    )
    review.numbers = component_numbers(review, today)
    return review


def over_capacity(today: GrowthResult) -> list[str]:
    """Components that saturate below 1x: today's load is more than the machines drawn."""
    return [
        cid
        for cid, load in today.components.items()
        if load.saturates_at is not None and load.saturates_at < 1
    ]


def component_numbers(review: Review, today: GrowthResult) -> dict[str, list[str]]:
    """What the diagram shows for a selected component: load, cost, findings."""
    numbers: dict[str, list[str]] = {cid: [] for cid in review.titles}
    for cid, load in today.components.items():
        if load.arrival_rps > 0:
            text = f"{rate(load.arrival_rps)} at 1x"
            if load.utilization is not None:
                text += f", {load.utilization:.0%} busy"
            if load.saturates_at is not None:
                text += f", saturates at {load.saturates_at:.3g}x"
            numbers[cid].append(text)
    cost = review.costs[0]
    for cid, item in cost.components.items():
        if item.status == "not billed":
            continue
        if item.status == "not priced":
            numbers[cid].append(f"cost: not priced ({item.reason})")
        else:
            numbers[cid].append(
                f"cost: {money(item.total(), cost.book.currency)}/month "
                f"({STATUS.get(item.status, item.status)})"
            )
    for finding in review.findings:
        if finding.component in numbers:
            numbers[finding.component].append(
                f"{finding.code} {finding.severity}: {finding.message}"
            )
    # An unpriced component's cost line above already gives its reason: the cost
    # section's item with that reason (listing the components it holds for) would repeat it.
    given = {
        cid: tuple(line.unknown for line in item.lines if line.unknown)
        for cid, item in cost.components.items()
        if item.status == "not priced"
    }
    for section in review.sections:
        if section.key == "assumptions":
            continue
        for entry in section.items:
            for element in entry.elements:
                if element not in numbers or entry.code:
                    continue
                if section.key == "cost" and entry.text.startswith(given.get(element, ())):
                    continue
                numbers[element].append(f"{section.title} {entry.text}")
    return numbers
