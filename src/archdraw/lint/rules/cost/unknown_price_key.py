"""AD703: the design's `cost.prices` names a price that does not exist."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD703",
    name="unknown-price-key",
    severity=Severity.WARNING,
    title="A design price override that changes nothing",
    why="""`cost.prices` replaces prices of the price table by key. A key the table does
    not have (a typo, a model written without `.input_per_mtok`) is ignored, so the estimate
    silently keeps the list price the override was meant to replace.""",
    fix="""Use a key `archdraw prices` lists, or MODEL.input_per_mtok and
    MODEL.output_per_mtok for a model's token prices (USD per million tokens).""",
    references=("archdraw README: Cost (the price book and its keys)",),
)
def unknown_price_key(ctx: LintContext) -> Iterator[Issue]:
    if not ctx.design.cost.prices:
        return
    for problem in ctx.cost_estimate().book.rejected:
        yield Issue(problem.removeprefix("design: "))
