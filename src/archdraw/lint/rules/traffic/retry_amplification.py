"""AD206: retries multiply along a synchronous path beyond the limit."""

from collections import deque
from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.types import Issue, Severity, rule
from archdraw.model import Link


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
    # only some routes, per link it arrived over.
    best: dict[str | int, float] = {}  # by component id, or by id(link) arrived over
    reported: set[int] = set()
    todo: deque[tuple[str, float, Link | None]] = deque((c.id, 1.0, None) for c in ctx.clients)
    callers, taken = ctx.sync_callers, routes.taken
    partial, calls = routes.partial, routes.calls
    while todo:
        node, product, entering = todo.popleft()
        links = callers.get(node)
        if not links:
            continue
        if entering is not None and id(entering) not in partial:
            entering = None
        for link in links:
            if entering is not None and not taken(entering, link):
                continue
            key = id(link)
            total = product * (1.0 + calls[key][1])
            if total > limit:
                if product <= limit and key not in reported:
                    reported.add(key)
                    yield Issue(
                        f"one request may reach '{link.target}' {total:g} times through "
                        f"'{link.key}': retries along the path multiply (limit {limit:g})",
                        link=link.key,
                        fix=ctx.link_fix(link, "Do not retry on this hop", retries=0),
                    )
                continue
            state: str | int = key if key in partial else link.target
            if total > best.get(state, 0.0):
                best[state] = total
                todo.append((link.target, total, link))
