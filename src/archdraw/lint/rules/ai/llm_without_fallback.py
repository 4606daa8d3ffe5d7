"""AD502: an LLM endpoint on a request path has no fallback or second provider."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.design_view import ComponentView
from archdraw.lint.types import Issue, Severity, rule


def has_second_provider(ctx: LintContext, llm: ComponentView) -> bool:
    for link in ctx.sync_in(llm.id):
        siblings = (ctx.target(k) for k in ctx.sync_out(link.source))
        if any(s is not None and s.type == "llm" and s.id != llm.id for s in siblings):
            return True
    return False


@rule(
    code="AD502",
    name="llm-without-fallback",
    severity=Severity.WARNING,
    title="LLM on a request path without a fallback",
    why="""Hosted model APIs have outages, regional incidents and rate-limit storms several
    times a year, and a model version can be withdrawn. If a user's request needs the model and
    there is no alternative, the feature is down for as long as the provider is. A fallback
    (another provider, a smaller self-hosted model, a cached or rule-based answer) keeps a
    degraded answer flowing. An LLM whose `fallback` the design does not state has none only
    by the library's default (`fallback: false`): that is asked about, as info, saying so.""",
    fix="""Set `fallback: true` and build it: route to a second provider or model on errors and
    timeouts (a gateway such as LiteLLM does this), or draw the second LLM beside the first.
    Use `failover` if the endpoint itself is replicated across regions.""",
    references=(
        "AWS Well-Architected Framework, Reliability pillar: REL05 graceful degradation",
        "Google SRE book, ch. 22 (degraded responses)",
    ),
)
def llm_without_fallback(ctx: LintContext) -> Iterator[Issue]:
    for llm in ctx.of_type("llm"):
        if llm.id not in ctx.request_path_ids:
            continue
        if ctx.flag(llm, "fallback") or ctx.failover(llm) != "none":
            continue
        if has_second_provider(ctx, llm):
            continue
        # No fallback by the library's default, not the design's word: a question.
        assumed = ctx.assumed(llm, "fallback")
        yield Issue(
            f"users wait on the LLM '{llm.title}' and nothing answers when it is down{assumed}",
            component=llm.id,
            fix=ctx.fix(llm, "Fall back to a second provider", fallback=True),
            severity=Severity.INFO if assumed else None,
        )
