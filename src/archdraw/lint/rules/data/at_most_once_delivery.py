"""AD414: a queue or stream stated to deliver at most once."""

from collections.abc import Iterator

from archdraw.lint.context import QUEUE_TYPES, LintContext
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD414",
    name="at-most-once-delivery",
    severity=Severity.WARNING,
    title="Messages delivered at most once",
    why="""With `delivery: at-most-once` a message is removed when it is handed out (a Redis
    list popped with LPOP, auto-acknowledged consumers): a consumer that crashes or times out
    after taking it loses it, silently, and nothing retries. That is acceptable for metrics
    and presence pings, not for orders, payments or notifications a user waits for.""",
    fix="""Acknowledge after processing (`delivery: at-least-once`: RPOPLPUSH/LMOVE to a
    processing list, SQS visibility timeouts, manual acks) and make consumers idempotent; or
    say in an ignore why losing a message is acceptable here.""",
    references=("Enterprise Integration Patterns: guaranteed delivery",),
)
def at_most_once_delivery(ctx: LintContext) -> Iterator[Issue]:
    for queue in ctx.of_type(*QUEUE_TYPES):
        if ctx.prop(queue, "delivery") != "at-most-once" or not ctx.consumers(queue):
            continue
        yield Issue(
            f"'{queue.title}' delivers at most once: a message taken by a consumer that then "
            "crashes is lost, and nothing reports it",
            component=queue.id,
            fix=ctx.fix(queue, "Acknowledge after processing", delivery="at-least-once"),
        )
