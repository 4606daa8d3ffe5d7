"""AD503: clients reach an LLM with no rate limit or quota on the way."""

from collections.abc import Iterator

from archdraw.analysis.kinds import provider_runs
from archdraw.lint.context import LintContext
from archdraw.lint.design_view import ComponentView
from archdraw.lint.rules.traffic.missing_rate_limit import limits_rate
from archdraw.lint.types import Issue, Severity, rule


def bounded(ctx: LintContext, component: ComponentView) -> bool:
    return limits_rate(ctx, component) or ctx.number(component, "quota") is not None


def billed_per_token(ctx: LintContext, llm: ComponentView) -> bool:
    """The provider runs the model and bills its tokens: not a model on our own GPUs, nor a
    hosted endpoint billed by the hour (`price_per_hour`: provisioned throughput, a dedicated
    endpoint), whose bill no number of tokens moves."""
    managed = provider_runs(ctx.prop(llm, "managed"), ctx.prop(llm, "global"))
    return managed and not ctx.stated(llm, "price_per_hour")


@rule(
    code="AD503",
    name="llm-unbounded-cost",
    severity=Severity.WARNING,
    title="Clients reach an LLM with no rate limit or quota",
    why="""Every LLM call costs money per token, and a client can send as many as it likes: a
    loop in your own app, one heavy user, or someone who found your endpoint and uses it as a
    free model. At a few cents per long answer, 10 requests per second all night is thousands
    of dollars by morning ("denial of wallet"). A model you run yourself (`managed: false`)
    is paid by the GPU hour instead, so the flood costs capacity, not tokens: one client fills
    its replicas' GPUs and every other user's request waits or times out (or, if it scales
    out on load, the flood buys GPUs). The same holds for a hosted endpoint billed by the hour
    (`price_per_hour`: provisioned throughput, a dedicated endpoint): its bill is fixed and
    its capacity is what one client can take from the others.""",
    fix="""Put a rate limit and a per-user or per-tenant `quota` (tokens or money per day)
    between clients and the model: on the gateway, the service, or the LLM component; cap
    `max_tokens`, and alert on spend.""",
    references=(
        "OWASP Top 10 for LLM Applications: LLM10 unbounded consumption",
        "OWASP API Security Top 10: API4 unrestricted resource consumption",
    ),
)
def llm_unbounded_cost(ctx: LintContext) -> Iterator[Issue]:
    reported = unbounded_llms(ctx)
    for llm in ctx.of_type("llm"):
        if llm.id in reported:
            if billed_per_token(ctx, llm):
                model, harm = f"the LLM '{llm.title}'", "its cost is unbounded"
            elif provider_runs(ctx.prop(llm, "managed"), ctx.prop(llm, "global")):
                model = f"the LLM '{llm.title}'"
                harm = (
                    "it is billed by the hour (`price_per_hour`), so what is unbounded is not "
                    "its cost but its capacity: one client can fill it and every other request "
                    "waits behind it"
                )
            else:  # paid by the GPU hour: what runs out is our capacity
                model = f"the self-hosted LLM '{llm.title}'"
                harm = (
                    f"one client can fill the GPUs of its {ctx.instances(llm).describe()} "
                    "and every other request waits behind it"
                )
            yield Issue(
                f"clients reach {model} with no rate limit or quota on the way: {harm}",
                component=llm.id,
                fix=ctx.fix(llm, "Cap usage at 100,000 tokens per user per day", quota=100000),
            )


def unbounded_llms(ctx: LintContext) -> set[str]:
    """LLMs that clients reach with no rate limit or quota on the way (AD503, AD701)."""
    reported: set[str] = set()
    todo = [c for c in ctx.clients]
    seen = {c.id for c in todo}
    components, flow_out = ctx.components, ctx.flow_out
    while todo:
        current = todo.pop()
        if bounded(ctx, current):
            continue
        current_id = current.id
        if current.type == "llm":
            reported.add(current_id)
        for link in flow_out(current_id):
            target_id = link.target  # components are keyed by id
            if target_id not in seen and target_id in components:
                seen.add(target_id)
                todo.append(components[target_id])
    return reported
