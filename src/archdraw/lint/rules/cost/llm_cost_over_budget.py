"""AD701: an LLM on a request path, with no token budget, costs more than the design's budget."""

from collections.abc import Iterator

from archdraw.cost import money
from archdraw.lint.context import LintContext
from archdraw.lint.rules.ai.llm_unbounded_cost import unbounded_llms
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD701",
    name="llm-cost-over-budget",
    severity=Severity.WARNING,
    title="An uncapped LLM costs more than the design's budget",
    why="""An LLM bills every token, and a request path carries whatever users send. At the
    traffic the design states, this model alone costs more per month than the whole design
    may spend (`cost.budget_month`), and nothing caps it: no `max_tokens` on the model and
    no rate limit or `quota` on the way. A longer prompt or a chattier model moves the bill
    at once, and so does every extra user.""",
    fix="""Cap tokens (`max_tokens`, and a per-user `quota` on the gateway or the service),
    cache repeated answers, route easy questions to a smaller `model`, or raise the budget
    if this spend is intended.""",
    references=("OWASP Top 10 for LLM Applications: LLM10 unbounded consumption",),
)
def llm_cost_over_budget(ctx: LintContext) -> Iterator[Issue]:
    budget = ctx.design.cost.budget_month
    if budget is None:
        return
    on_path = ctx.request_path_ids
    unbounded = unbounded_llms(ctx)
    estimate = None
    for llm in ctx.of_type("llm"):
        if llm.id not in on_path or llm.id not in unbounded:
            continue
        if ctx.number(llm, "max_tokens") is not None:
            continue
        estimate = estimate or ctx.cost_estimate()
        monthly = estimate.components[llm.id].total()
        if monthly > budget:
            cur = estimate.book.currency
            yield Issue(
                f"'{llm.title}' costs {money(monthly, cur)}/month at the stated traffic, over "
                f"the design's budget of {money(budget, cur)}, and nothing caps its tokens",
                component=llm.id,
                fix=ctx.fix(llm, "Cap answers at 500 tokens", max_tokens=500),
            )
