"""AD205: a synchronous call between components with no timeout."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.types import Issue, Severity, rule

# Covered by their own rules (AD501, AD605), with advice specific to them.
_OWN_RULES = frozenset({"llm", "external_api"})


@rule(
    code="AD205",
    name="sync-call-without-timeout",
    severity=Severity.INFO,
    title="Synchronous call without a timeout",
    why="""Most client libraries wait forever (or for minutes) by default. When the callee
    becomes slow rather than dead, and slow is the common way to fail, every caller thread
    waits on it, the caller's pool runs dry, and the caller stops answering too: one slow
    dependency takes down everything above it. A timeout turns a slow dependency into a fast
    error you can handle.""",
    fix="""Set `timeout_ms` on the link (or on the caller for all its calls): a little above
    the callee's p99 latency, and shorter than the caller's own deadline. Propagate deadlines
    downstream (gRPC does) so nobody works on a request whose caller has given up.""",
    references=(
        "Google SRE book, ch. 22 (addressing cascading failures: deadlines)",
        "AWS Builders' Library: timeouts, retries and backoff with jitter",
    ),
)
def sync_call_without_timeout(ctx: LintContext) -> Iterator[Issue]:
    # By caller: whether the caller qualifies is decided once for all its calls.
    for caller, links in ctx.sync_callers.items():
        source = ctx.components.get(caller)
        if source is None or ctx.is_client(source):
            continue
        if ctx.category(source) not in ("compute", "ai"):
            continue
        if ctx.number(source, "timeout_ms") is not None:
            continue
        for link in links:
            if ctx.link_number(link, "timeout_ms") is not None:
                continue
            target = ctx.target(link)
            if target is None or ctx.is_client(target) or target.type in _OWN_RULES:
                continue
            yield Issue(
                f"'{source.title}' calls '{target.title}' with no timeout: if it turns slow, "
                f"'{source.title}' hangs with it",
                link=link.key,
                fix=ctx.link_fix(link, "Time out after 1 second", timeout_ms=1000),
            )
