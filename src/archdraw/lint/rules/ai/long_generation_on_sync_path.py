"""AD504: a long-running generation on a client's synchronous path."""

from collections.abc import Iterator

from archdraw.analysis.text_table import rate
from archdraw.lint.context import LintContext
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD504",
    name="long-generation-on-sync-path",
    severity=Severity.WARNING,
    title="Long generation on a synchronous request",
    why="""Long generations (reports, documents, images, agent runs) take tens of seconds to
    minutes. Held on a user's synchronous request, they outlive load balancer and browser
    timeouts (often 30 to 60 s), pin a server connection per user, are lost on any deploy or
    network blip and then repaid in full, and make capacity planning impossible because
    concurrency equals rate times a long duration. Measured from the LLM's `latency_ms` (at least
    `lint.options.long_generation_ms`, default 10 s) or `max_tokens` (at least
    `lint.options.long_generation_tokens`, default 4000). A latency that is the library's
    default (`latency_ms` not stated) says so and is info.""",
    fix="""Make it a job: the request enqueues it and returns a job id at once (HTTP 202);
    workers call the model; the client follows progress by polling, server-sent events or a
    WebSocket, and the result is stored so a reconnect does not regenerate it. Stream tokens if
    the user should see the answer grow.""",
    references=(
        "Designing Data-Intensive Applications, ch. 11 (stream processing, async messaging)",
        "OWASP Top 10 for LLM Applications: LLM10 unbounded consumption",
    ),
)
def long_generation_on_sync_path(ctx: LintContext) -> Iterator[Issue]:
    slow_ms = ctx.option("long_generation_ms")
    many_tokens = ctx.option("long_generation_tokens")
    for llm in ctx.of_type("llm"):
        if llm.id not in ctx.request_path_ids:
            continue
        latency = ctx.number(llm, "latency_ms") or 0.0
        tokens = ctx.number(llm, "max_tokens") or 0.0
        if latency >= slow_ms or tokens >= many_tokens:
            # Written out as every figure is ("1,000,000,000 s", "up to 8,000 tokens"), never
            # an exponent such as "1e+09 s".
            what = (
                f"{rate(latency / 1000)} s"
                if latency >= slow_ms
                else f"up to {rate(tokens)} tokens"
            )
            # A latency the design does not give is the library's: alone, a question.
            assumed = ctx.assumed(llm, "latency_ms") if tokens < many_tokens else ""
            yield Issue(
                f"users wait synchronously on '{llm.title}' ({what}){assumed}: a generation "
                "this long belongs behind a job queue",
                component=llm.id,
                severity=Severity.INFO if assumed else None,
            )
