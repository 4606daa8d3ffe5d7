"""AD402: an at-least-once consumer is not idempotent."""

from collections.abc import Iterator

from archdraw.lint.context import QUEUE_TYPES, LintContext
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD402",
    name="consumer-not-idempotent",
    severity=Severity.WARNING,
    title="Queue consumer that is not idempotent",
    why="""Queues and streams deliver at least once: a consumer that crashes after doing the
    work but before acknowledging gets the same message again, and so does one whose
    acknowledgement is lost. If processing twice charges a card twice, sends two emails or
    counts a vote twice, users see duplicates. Exactly-once delivery does not exist end to end;
    exactly-once effect is made by the consumer.""",
    fix="""Make the consumer idempotent and set `idempotent: true`: carry an idempotency key
    (the message or order id), record processed keys in the same transaction as the effect,
    or use upserts and conditional writes so a repeat changes nothing.""",
    references=(
        "Designing Data-Intensive Applications, ch. 11 (idempotence, exactly-once semantics)",
        "AWS Well-Architected Framework, Reliability pillar: REL04 make mutating operations "
        "idempotent",
    ),
)
def consumer_not_idempotent(ctx: LintContext) -> Iterator[Issue]:
    reported: set[str] = set()
    for queue in ctx.of_type(*QUEUE_TYPES):
        for consumer in ctx.consumers(queue):
            if consumer.id in reported or not ctx.has_prop(consumer, "idempotent"):
                continue
            if not ctx.flag(consumer, "idempotent"):
                reported.add(consumer.id)
                yield Issue(
                    f"'{consumer.title}' consumes '{queue.title}', which delivers at least "
                    "once, but is not idempotent: a redelivered message is processed twice",
                    component=consumer.id,
                    fix=ctx.fix(
                        consumer, "Mark idempotent (dedupe by message id)", idempotent=True
                    ),
                )
