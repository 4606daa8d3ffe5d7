"""AD206: retries multiply along a synchronous path beyond the limit."""

from collections import deque
from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD206",
    name="retry-amplification",
    severity=Severity.WARNING,
    title="Retries multiply along a call chain",
    why="""Retries at every layer multiply: if the client, the gateway and the service each
    try 4 times (3 retries), one failing request becomes 4 x 4 x 4 = 64 calls to the bottom
    service, arriving exactly when it is already struggling. That is how a brief overload turns
    into an outage that lasts until someone switches retries off. The limit is
    `lint.options.max_retry_amplification` (default 8).""",
    fix="""Retry at one layer only, usually the one closest to the user or the one that knows
    the operation is idempotent; elsewhere set `retries: 0`. Use exponential backoff with jitter
    and a retry budget (for example at most 10 % extra load), and stop retrying on overload
    errors (429, 503).""",
    references=(
        "Google SRE book, ch. 22 (addressing cascading failures: retries)",
        "AWS Builders' Library: timeouts, retries and backoff with jitter",
    ),
)
def retry_amplification(ctx: LintContext) -> Iterator[Issue]:
    limit = ctx.option("max_retry_amplification")
    best: dict[str, float] = {}
    reported: set[str] = set()
    todo: deque[tuple[str, float]] = deque((c.id, 1.0) for c in ctx.clients)
    callers_retries: dict[str, float] = {}  # a caller's own `retries`, read once
    calls, components = ctx.sync_callers, ctx.components  # read once: the walk is hot
    while todo:
        node, product = todo.popleft()
        links = calls.get(node)
        if not links:
            continue
        inherited = callers_retries.get(node)
        if inherited is None:
            caller = components.get(node)
            inherited = (ctx.number(caller, "retries") or 0.0) if caller is not None else 0.0
            callers_retries[node] = inherited
        for link in links:
            retries = (
                (ctx.link_number(link, "retries") or 0.0) if "retries" in link.props else inherited
            )
            total = product * (1.0 + max(0.0, retries))
            if total > limit:
                if product <= limit and link.key not in reported:
                    reported.add(link.key)
                    yield Issue(
                        f"one request may reach '{link.target}' {total:g} times through "
                        f"'{link.key}': retries along the path multiply (limit {limit:g})",
                        link=link.key,
                        fix=ctx.link_fix(link, "Do not retry on this hop", retries=0),
                    )
                continue
            if total > best.get(link.target, 0.0):
                best[link.target] = total
                todo.append((link.target, total))
