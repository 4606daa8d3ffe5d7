"""AD202: a queue or stream with consumers has no dead-letter handling."""

from collections.abc import Iterator

from archdraw.lint.context import QUEUE_TYPES, LintContext
from archdraw.lint.rules.traffic.dead_letter import is_dead_letter_queue
from archdraw.lint.types import Issue, Severity, rule
from archdraw.source.printable import plural


@rule(
    code="AD202",
    name="queue-without-dead-letter",
    severity=Severity.WARNING,
    title="Queue without dead-letter handling",
    why="""Sooner or later a message arrives that a consumer can never process: malformed
    input, a deleted record, a bug. Without a dead-letter queue it is retried forever (blocking
    an ordered queue behind it and burning consumer time) or dropped silently after the broker's
    retry limit. A dead-letter queue after 3 to 5 attempts keeps the line moving and keeps the
    message for a human to inspect and replay. A queue that is itself another queue's
    dead-letter queue (linked to a queue with `dead_letter`) is not asked for one, nor is a
    queue with `delivery: at-most-once`: it hands each message out once and never again, so
    nothing is retried and a failed message is simply lost (AD414 reports that). A queue
    whose `dead_letter` the design does not state has none only by the library's default
    (`dead_letter: false`): that is asked about, as info, saying so.""",
    fix="""Set `dead_letter: true`: configure a redrive policy (SQS maxReceiveCount, a RabbitMQ
    dead-letter exchange, a Kafka error topic), alert when it is not empty (`alarm: true` on
    the dead-letter queue), and keep a tool to replay its messages once fixed.""",
    references=(
        "AWS Well-Architected Framework, Reliability pillar: REL05 (make services resilient)",
        "Enterprise Integration Patterns: Dead Letter Channel",
    ),
)
def queue_without_dead_letter(ctx: LintContext) -> Iterator[Issue]:
    flag = ctx.flag
    for queue in ctx.of_type(*QUEUE_TYPES):
        # The flag first: most queues have one, and then their consumers need no look-up.
        if flag(queue, "dead_letter"):
            continue
        if ctx.prop(queue, "delivery") == "at-most-once":
            continue  # never handed out twice: nothing to retry, the loss is AD414's
        consumers = ctx.consumers(queue)
        # A dead-letter queue is where failures end; its consumer is the replay tool.
        if consumers and not is_dead_letter_queue(ctx, queue.id):
            # None by the library's default, not the design's word: a question.
            assumed = ctx.assumed(queue, "dead_letter")
            yield Issue(
                f"'{queue.title}' feeds {plural(len(consumers), 'consumer')} but has no "
                f"dead-letter queue{assumed}: a message that always fails is retried forever "
                "or lost",
                component=queue.id,
                fix=ctx.fix(queue, "Add a dead-letter queue", dead_letter=True),
                severity=Severity.INFO if assumed else None,
            )
