"""AD501: a synchronous call to an LLM endpoint has no timeout."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD501",
    name="llm-without-timeout",
    severity=Severity.ERROR,
    title="LLM call without a timeout",
    why="""An LLM response takes 1 to 60 seconds normally, and far longer when the provider is
    overloaded: requests then hang for minutes. Without a timeout each hanging call holds a
    thread, a connection and the user's patience; a few hundred of them exhaust the caller's
    pool and the whole service stops answering, including requests that never touch the
    model.""",
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
        for link in ctx.sync_in(llm.id):
            caller = ctx.source(link)
            if ctx.link_number(link, "timeout_ms") is not None:
                continue
            if caller is not None and ctx.number(caller, "timeout_ms") is not None:
                continue
            caller_name = caller.title if caller is not None else link.source
            yield Issue(
                f"'{caller_name}' calls the LLM '{llm.title}' synchronously with no timeout: a "
                "slow provider ties up its threads",
                link=link.key,
                fix=ctx.link_fix(link, "Time out after 30 s", timeout_ms=30000),
            )
