"""AD701: an LLM on a request path, with no token budget, costs more than the design's budget."""

from collections.abc import Iterator

from archdraw.cost import money
from archdraw.cost.lines import DEFAULT_AVERAGE_LOAD, DEFAULT_TOKENS_IN, DEFAULT_TOKENS_OUT
from archdraw.cost.prices import PriceBook
from archdraw.lint.context import LintContext
from archdraw.lint.design_view import ComponentView
from archdraw.lint.elements import assumed_words
from archdraw.lint.rules.ai.llm_unbounded_cost import billed_per_token, unbounded_llms
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
    at once, and so does every extra user. A cost that rests on the estimate's library
    defaults (the `model`, `tokens_in` or `tokens_out` not stated on the model, or
    `cost.average_load` not stated) says which and is info. A model you run yourself
    (`managed: false`) is not reported: it is paid by the GPU hour (its `price_per_hour`
    times its replicas), busy or idle, so no cap on tokens lowers its bill and no flood
    raises it (the flood queues on its GPUs: AD503); the review's cost section compares it,
    with every other machine, with the budget. Nor is a hosted endpoint billed by the hour
    (`price_per_hour`: provisioned throughput, a dedicated endpoint): it has no bill per token,
    so a token cap lowers nothing; what a flood takes from it is capacity (AD503).""",
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
        if not billed_per_token(ctx, llm):
            continue  # our own GPUs or an hourly endpoint: no bill per token (why)
        if ctx.number(llm, "max_tokens") is not None:
            continue
        estimate = estimate or ctx.cost_estimate()
        monthly = estimate.components[llm.id].total()
        if monthly > budget:
            cur = estimate.book.currency
            rests = _rests_on(ctx, llm, estimate.book)
            yield Issue(
                f"'{llm.title}' costs {money(monthly, cur)}/month at the stated traffic{rests}, "
                f"over the design's budget of {money(budget, cur)}, and nothing caps its tokens",
                component=llm.id,
                fix=ctx.fix(llm, "Cap answers at 500 tokens", max_tokens=500),
                severity=Severity.INFO if rests else None,
            )


def _rests_on(ctx: LintContext, llm: ComponentView, book: PriceBook) -> str:
    """The library defaults the estimate's figure for the model rests on ("" when the design
    states them all): a cost resting on them is a question, not a verdict."""
    defaults: dict[str, object] = {
        "model": book.default_models.get(llm.type),
        "tokens_in": DEFAULT_TOKENS_IN.get(llm.type),
        "tokens_out": DEFAULT_TOKENS_OUT,
    }
    unstated = [(name, value) for name, value in defaults.items() if not ctx.stated(llm, name)]
    if ctx.design.cost.average_load is None:
        unstated.append(("cost.average_load", DEFAULT_AVERAGE_LOAD))
    return assumed_words(unstated)
