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
    `lint.options.max_retry_amplification` (default 8). Each client's requests are followed
    over the routes they take: a slow route of a shared gateway that only another, more
    patient caller waits for (uploads) does not multiply the viewers' retries.""",
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
    routes = ctx.routes()
    # The walk follows each request over the routes it takes (see `Routes`). A request whose
    # caller waits long enough for every route is tracked per component; one that takes
    # only some routes, per link it arrived over, with how long its caller waits.
    best: dict[str | int, float] = {}  # by component id, or by id(link) arrived over
    reported: set[int] = set()
    todo: deque[tuple[str, float, float | None]] = deque((c.id, 1.0, None) for c in ctx.clients)
    calls, partial, longest = routes.calls, routes.partial, routes.longest
    while todo:
        node, product, waited = todo.popleft()
        rows = calls.get(node)
        if not rows:
            continue
        # A route that takes longer than the caller waited is another caller's, unless
        # nobody waits for it (then it is everyone's).
        patience = longest.get(node, 0.0)
        for link, target, waits, retries, spend in rows:
            if waited is not None and spend is not None and waited < spend <= patience:
                continue
            total = product * (1.0 + retries)
            key = id(link)
            if total > limit:
                if product <= limit and key not in reported:
                    reported.add(key)
                    yield Issue(
                        f"one request may reach '{ctx.title(target)}' {total:g} times through "
                        f"'{ctx.link_title(link)}': retries along the path multiply "
                        f"(limit {limit:g})",
                        link=link.key,
                        fix=ctx.link_fix(link, "Do not retry on this hop", retries=0),
                    )
                continue
            state: str | int = target
            onward = None
            if key in partial:
                state, onward = key, waits
            if total > best.get(state, 0.0):
                best[state] = total
                todo.append((target, total, onward))
