"""AD203: retries are configured but there is no timeout."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.types import Fix, Issue, Severity, rule


@rule(
    code="AD203",
    name="retries-without-timeout",
    severity=Severity.WARNING,
    title="Retries without a timeout",
    why="""A retry only starts after the first attempt fails, and a call without a timeout
    may never fail: it hangs until the connection drops, often minutes later. So the retries
    you configured never happen when they are needed most (a slow, overloaded dependency),
    while threads and connections pile up waiting. Retries and timeouts only work as a pair.""",
    fix="""Set `timeout_ms` on the link or the caller, a little above the callee's normal p99
    latency (for example 3x the p99, say 300 ms for a 100 ms call), and keep the retries few
    (1 to 3) with exponential backoff and jitter.""",
    references=(
        "Google SRE book, ch. 22 (addressing cascading failures: timeouts and retries)",
        "AWS Builders' Library: timeouts, retries and backoff with jitter",
    ),
)
def retries_without_timeout(ctx: LintContext) -> Iterator[Issue]:
    number, link_number = ctx.number, ctx.link_number
    for component in ctx.with_prop("retries"):
        retries = number(component, "retries") or 0
        if retries > 0 and number(component, "timeout_ms") is None:
            yield Issue(
                f"'{component.title}' retries {_times(retries)} but has no `timeout_ms`: a "
                "call that hangs never fails, so it is never retried",
                component=component.id,
                fix=ctx.fix(component, "Time out after 1 second", timeout_ms=1000),
            )
    # With no retries by default, only links that set `retries` can retry.
    everywhere = (ctx.link_default_number("retries") or 0) > 0
    default_timeout = ctx.link_default_number("timeout_ms")
    components = ctx.components
    for link in ctx.design.links if everywhere else ctx.links_stating("retries"):
        # The timeout first: a link that sets retries usually sets one too, and one without
        # its own has the library's default (no look-up needed).
        timeout = default_timeout
        if "timeout_ms" in link.props:
            timeout = link_number(link, "timeout_ms")
        if timeout is not None:
            continue
        retries = link_number(link, "retries") or 0
        if retries <= 0:
            continue
        source = components.get(link.source)
        if source is not None and number(source, "timeout_ms") is not None:
            continue
        key = link.key
        yield Issue(
            f"the call '{key}' retries {_times(retries)} with no `timeout_ms`",
            link=key,
            fix=Fix("Time out after 1 second", None, key, {"timeout_ms": 1000}),
        )


def _times(retries: float) -> str:
    return f"{retries:g} {'time' if retries == 1 else 'times'}"
