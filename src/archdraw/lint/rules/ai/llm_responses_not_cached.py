"""AD506: an LLM's answers are never cached."""

from collections.abc import Iterator

from archdraw.analysis.kinds import provider_runs
from archdraw.lint.context import LintContext
from archdraw.lint.design_view import ComponentView
from archdraw.lint.rules.ai.llm_unbounded_cost import billed_per_token
from archdraw.lint.types import Issue, Severity, rule


def cache_beside(ctx: LintContext, llm: ComponentView) -> bool:
    for link in ctx.in_links.get(llm.id, []):
        source = ctx.source(link)
        if source is None:
            continue
        if source.type == "cache" or ctx.flag(source, "cache_responses"):
            return True
        siblings = (ctx.target(k) for k in ctx.out_links.get(source.id, []))
        if any(s is not None and s.type == "cache" for s in siblings):
            return True
    return False


@rule(
    code="AD506",
    name="llm-responses-not-cached",
    severity=Severity.INFO,
    title="LLM answers never cached",
    why="""Many products send the same prompt again and again: the same FAQ question, the same
    document summary, the same classification of a popular item. Each repeat costs tokens and
    seconds of latency, where a cache hit costs a millisecond and nothing. On a model you run
    yourself (`managed: false`) a repeat costs GPU time instead of tokens: time the GPUs you
    pay for by the hour cannot give to other requests, which wait behind it; so it does on a
    hosted endpoint billed by the hour (`price_per_hour`). Exact-match
    caching of deterministic calls (temperature 0) is safe; semantic caching needs care. Does
    not apply when every prompt is unique (personal conversations).""",
    fix="""Cache responses keyed by a hash of model, parameters and prompt (`cache_responses:
    true`, or a cache beside the caller), with a TTL; use the provider's prompt caching for
    long shared prefixes (on a model you run, the model server's prefix caching, e.g.
    vLLM's).""",
    references=("OWASP Top 10 for LLM Applications: LLM10 unbounded consumption",),
)
def llm_responses_not_cached(ctx: LintContext) -> Iterator[Issue]:
    for llm in ctx.of_type("llm"):
        if ctx.flag(llm, "cache_responses") or not ctx.in_links.get(llm.id):
            continue
        if not cache_beside(ctx, llm):
            if billed_per_token(ctx, llm):
                model, repeats = f"'{llm.title}'", "pay full price and latency every time"
            elif provider_runs(ctx.prop(llm, "managed"), ctx.prop(llm, "global")):
                model = f"'{llm.title}'"  # billed by the hour: a repeat takes its capacity
                repeats = "take its capacity from other requests, and the latency, every time"
            else:  # paid by the GPU hour: a repeat takes GPU time from other requests
                model = f"the self-hosted LLM '{llm.title}'"
                repeats = "take its GPUs' time from other requests, and the latency, every time"
            yield Issue(
                f"answers from {model} are never cached"
                f"{ctx.assumed(llm, 'cache_responses')}: repeated prompts {repeats}",
                component=llm.id,
                fix=ctx.fix(llm, "Cache repeated answers", cache_responses=True),
            )
