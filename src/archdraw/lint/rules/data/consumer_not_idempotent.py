"""AD402: an at-least-once consumer is not idempotent."""

from collections.abc import Iterator

from archdraw.lint.context import QUEUE_TYPES, LintContext
from archdraw.lint.rules.security.unstated import one_unknown
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
    exactly-once effect is made by the consumer. A queue stated `delivery: at-most-once`
    loses messages instead of repeating them (AD414). Consumers whose `idempotent` the design
    does not state are reported together, once, as info: the verdict rests on the library
    default.""",
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
    # Whether a type takes `idempotent` is decided once per type.
    by_type = ctx.by_type
    takes = {t for t, found in by_type.items() if ctx.has_prop(found[0], "idempotent")}
    checked: set[str] = set()  # a consumer's answer is the same for each queue it reads
    unstated: list[tuple[str, str]] = []
    prop = ctx.prop
    for queue in ctx.of_type(*QUEUE_TYPES):
        if ctx.prop(queue, "delivery") == "at-most-once":
            continue  # it loses messages instead of repeating them (AD414)
        for consumer in ctx.consumers(queue):
            consumer_id = consumer.id
            if consumer_id in checked or consumer.type not in takes:
                continue
            checked.add(consumer_id)
            if prop(consumer, "idempotent") is True:
                continue
            if not ctx.stated(consumer, "idempotent"):
                unstated.append((consumer_id, consumer.title))
                continue
            yield Issue(
                f"'{consumer.title}' consumes '{queue.title}', which delivers at least once, "
                "but is not idempotent (`idempotent: false`): a redelivered message is "
                "processed twice",
                component=consumer_id,
                fix=ctx.fix(consumer, "Mark idempotent (dedupe by message id)", idempotent=True),
            )
    if unstated:
        yield one_unknown(
            "`idempotent` not stated",
            sorted(unstated, key=lambda e: ctx.file_order[e[0]]),
            "these consume at-least-once queues or streams, and unless they deduplicate (the "
            "library default assumes not), a redelivered message is processed twice",
        )
