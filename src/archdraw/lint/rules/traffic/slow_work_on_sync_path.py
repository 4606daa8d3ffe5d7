"""AD215: slow work (analytics queries, notifications) on a client's synchronous path."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.types import Issue, Severity, rule

SLOW = {
    "data_warehouse": "analytical queries take seconds to minutes",
    "notification": "push, email and SMS providers are slow and rate limited",
}


@rule(
    code="AD215",
    name="slow-work-on-sync-path",
    severity=Severity.WARNING,
    title="Slow work on a synchronous request path",
    why="""Some work is slow by nature: a warehouse query scans billions of rows in seconds to
    minutes, a push or email provider answers in hundreds of milliseconds and throttles bursts.
    A user's request that waits on it is slow, ties up a server thread the whole time, and fails
    whenever the slow system does, although the user rarely needs the result before the
    response.""",
    fix="""Put the work behind a queue (async link) and answer the user at once; send the
    result later (a notification, polling, a WebSocket). For dashboards, precompute results
    into a fast store the request reads.""",
    references=(
        "Designing Data-Intensive Applications, ch. 3 (OLTP vs OLAP) and ch. 11",
        "Google SRE book, ch. 22 (addressing cascading failures)",
    ),
)
def slow_work_on_sync_path(ctx: LintContext) -> Iterator[Issue]:
    for component in ctx.of_type(*SLOW):
        reason = SLOW[component.type]
        if component.id in ctx.request_path_ids:
            yield Issue(
                f"users wait synchronously on '{component.title}': {reason}",
                component=component.id,
            )
