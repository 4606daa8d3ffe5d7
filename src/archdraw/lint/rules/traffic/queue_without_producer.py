"""AD212: a queue or stream has consumers but nothing produces into it."""

from collections.abc import Iterator

from archdraw.lint.context import QUEUE_TYPES, LintContext
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD212",
    name="queue-without-producer",
    severity=Severity.INFO,
    title="Queue with consumers but no producer",
    why="""Consumers of a queue nothing writes to wait forever: either a producer is missing
    from the design (so its load, its failure modes and its retries are not visible to the
    analysis) or a link was drawn the wrong way. archdraw reads links in the direction messages
    flow: producer -> queue -> consumer.""",
    fix="""Draw the producer with a link into the queue, or reverse a link drawn queue ->
    producer. If the messages come from outside this design, add that system as an external
    component or ignore the finding with a reason.""",
    references=("Enterprise Integration Patterns: Message Channel",),
)
def queue_without_producer(ctx: LintContext) -> Iterator[Issue]:
    for queue in ctx.of_type(*QUEUE_TYPES):
        consumers = ctx.consumers(queue)
        if consumers and not ctx.producers(queue):
            yield Issue(
                f"'{consumers[0].title}' consumes '{queue.title}', but nothing in the design "
                "produces into it",
                component=queue.id,
            )
