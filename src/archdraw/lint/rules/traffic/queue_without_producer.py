"""AD212: a queue or stream has consumers but nothing produces into it."""

from collections.abc import Iterator

from archdraw.lint.context import QUEUE_TYPES, LintContext
from archdraw.lint.rules.traffic.dead_letter import dead_letters
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD212",
    name="queue-without-producer",
    severity=Severity.INFO,
    title="Queue with consumers but no producer",
    why="""Consumers of a queue nothing writes to wait forever: either a producer is missing
    from the design (so its load, its failure modes and its retries are not visible to the
    analysis) or a link was drawn the wrong way. archdraw reads links in the direction messages
    flow: producer -> queue -> consumer. A dead-letter queue is fed by the failures of the queue
    that has `dead_letter` (a link between the two, either way: dead-lettering or redrive), so
    neither that link nor a missing producer of the dead-letter queue is reported.""",
    fix="""Draw the producer with a link into the queue, or reverse a link drawn queue ->
    producer. If the messages come from outside this design, add that system as an external
    component or ignore the finding with a reason.""",
    references=("Enterprise Integration Patterns: Message Channel",),
)
def queue_without_producer(ctx: LintContext) -> Iterator[Issue]:
    components, flow_in, flow_out = ctx.components, ctx.flow_in, ctx.flow_out
    for queue in ctx.of_type(*QUEUE_TYPES):
        queue_id = queue.id
        # Producers first: most queues have one, and then the consumers need no look-up.
        if any(k.source in components for k in flow_in(queue_id)):
            continue
        out = flow_out(queue_id)
        if any(dead_letters(ctx, k.target, queue_id) for k in out):
            continue  # a dead-letter queue drawn with its redrive: its source's failures feed it
        for link in out:
            consumer = components.get(link.target)
            if consumer is not None and not dead_letters(ctx, queue_id, link.target):
                yield Issue(
                    f"'{consumer.title}' consumes '{queue.title}', but nothing in the design "
                    "produces into it",
                    component=queue_id,
                )
                break
