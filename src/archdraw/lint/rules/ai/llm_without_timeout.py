"""AD501: a synchronous call to an LLM endpoint has no timeout."""

from collections.abc import Iterator

from archdraw.analysis.kinds import provider_runs
from archdraw.lint.context import LintContext
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD501",
    name="llm-without-timeout",
    severity=Severity.ERROR,
    title="LLM call without a timeout",
    why="""An LLM response takes 1 to 60 seconds normally, and far longer when the model is
    overloaded: a provider in its busy hour, or a model you run yourself (`managed: false`)
    whose GPUs are all busy, where requests wait in the model server's queue. Calls then hang
    for minutes. Without a timeout each hanging call holds a thread, a connection and the
    user's patience; a few hundred of them exhaust the caller's pool and the whole service
    stops answering, including requests that never touch the model.""",
    fix="""Set `timeout_ms` on the link (or on the caller or the LLM component): for a chat
    answer 30 to 60 s with streaming, for a short classification 5 to 10 s. Pair it with
    `max_tokens`, a `fallback`, and a job queue for long generations.""",
    references=(
        "Google SRE book, ch. 22 (addressing cascading failures: timeouts)",
        "OWASP Top 10 for LLM Applications: LLM10 unbounded consumption",
    ),
)
def llm_without_timeout(ctx: LintContext) -> Iterator[Issue]:
    for llm in ctx.of_type("llm"):
        if ctx.number(llm, "timeout_ms") is not None:
            continue
        hosted = provider_runs(ctx.prop(llm, "managed"), ctx.prop(llm, "global"))
        slow = _SLOW_PROVIDER if hosted else _BUSY_GPUS
        for link in ctx.sync_in(llm.id):
            caller = ctx.source(link)
            if ctx.link_number(link, "timeout_ms") is not None:
                continue
            if caller is not None and ctx.number(caller, "timeout_ms") is not None:
                continue
            caller_name = caller.title if caller is not None else link.source
            yield Issue(
                f"'{caller_name}' calls the {'' if hosted else 'self-hosted '}LLM "
                f"'{llm.title}' synchronously with no timeout: {slow}",
                link=link.key,
                fix=ctx.link_fix(link, "Time out after 30 s", timeout_ms=30000),
            )


# Why the call hangs: a hosted model's provider is slow, a model we run queues on its GPUs.
_SLOW_PROVIDER = "a slow provider ties up its threads"
_BUSY_GPUS = (
    "when its GPUs are all busy, calls wait in the model server's queue, each holding one of "
    "the caller's threads"
)
