"""AD217: the design's traffic exceeds a provider's stated quota."""

from collections.abc import Iterator

from archdraw.analysis.kinds import provider_runs
from archdraw.lint.context import LintContext
from archdraw.lint.design_view import ComponentView
from archdraw.lint.rules.traffic.saturation import rate
from archdraw.lint.types import Issue, Severity, rule

QUOTAS = ("rpm_limit", "tokens_per_minute")
# Third parties and models: someone else's limits apply to this design's account, unless we
# run the model ourselves (`managed: false`).
PROVIDER_TYPES = frozenset({"external_api", "llm", "embedding_model"})


@rule(
    code="AD217",
    name="outbound-limit-exceeded",
    severity=Severity.ERROR,
    title="Traffic above a provider's quota",
    why="""Third parties and LLM providers limit each account: requests per minute
    (`rpm_limit`) and, for models, tokens per minute (`tokens_per_minute`). Traffic above
    the quota is refused with 429s, not queued: at peak, the excess requests fail however
    many replicas the design runs. Tokens per minute count each request's `max_tokens`. A
    third party or model that receives traffic with no quota stated is reported as info:
    the limit exists, and the design does not say whether its traffic fits under it (a
    crawler's politeness limit per site, a bank's limit on an aggregator). A model we run
    ourselves (`managed: false`: a self-hosted LLM or embedding model) has no provider and no
    quota: its limit is its capacity (`capacity_rps`, `replicas`), which the saturation rules
    judge, so it is not asked for one.""",
    fix="""Raise the quota with the provider (or spread over several accounts or regions),
    cache answers, batch requests, or queue the calls and send them at the allowed rate.""",
    references=("Azure OpenAI quotas and limits; OpenAI rate limits",),
)
def outbound_limit(ctx: LintContext) -> Iterator[Issue]:
    # A quota is the provider's: only components whose type takes one can exceed it.
    takers = {c.id: c for name in QUOTAS for c in ctx.with_prop(name)}
    for component_id in ctx.each(takers):  # one at a time, from its own values
        component = takers[component_id]
        per_minute = ctx.arrival(component_id) * 60
        if per_minute > 0 and _runs_elsewhere(ctx, component):
            unknown = _quota_unstated(ctx, component)
            if unknown:
                yield unknown
        limit = ctx.number(component, "rpm_limit")
        if limit is not None and per_minute > limit:
            yield Issue(
                f"'{component.title}' receives {rate(per_minute)} requests a minute at peak, "
                f"above its quota of {rate(limit)} (`rpm_limit`): the excess is refused",
                component=component_id,
            )
        tokens, quota = (
            ctx.number(component, "max_tokens"),
            ctx.number(component, "tokens_per_minute"),
        )
        if tokens is not None and quota is not None and per_minute * tokens > quota:
            yield Issue(
                f"'{component.title}' may use {rate(per_minute * tokens)} tokens a minute at "
                f"peak ({rate(per_minute)} requests x {tokens:g} `max_tokens`), above its "
                f"quota of {rate(quota)} (`tokens_per_minute`): the excess is refused",
                component=component_id,
                severity=Severity.WARNING,
            )


def _runs_elsewhere(ctx: LintContext, component: ComponentView) -> bool:
    """A third party or a model someone else runs: a provider sets its quota. A type without
    `managed` (an external API) is never ours; a model is the provider's unless stated
    `managed: false` (hosted is its type's default)."""
    if component.type not in PROVIDER_TYPES:
        return False
    return not ctx.has_prop(component, "managed") or provider_runs(
        ctx.prop(component, "managed"), ctx.prop(component, "global")
    )


def _quota_unstated(ctx: LintContext, provider: ComponentView) -> Issue | None:
    """Info when the design sends the provider traffic and states none of its quotas."""
    if any(ctx.stated(provider, name) for name in QUOTAS):
        return None
    per_minute = ctx.arrival(provider.id) * 60
    return Issue(
        f"'{provider.title}' receives {rate(per_minute)} requests a minute at peak and the "
        "design does not state its quota (`rpm_limit`): whether that fits under the limit "
        "its owner sets is unknown, and calls above it are refused",
        component=provider.id,
        severity=Severity.INFO,
    )
