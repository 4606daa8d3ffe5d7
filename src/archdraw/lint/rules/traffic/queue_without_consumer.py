"""AD211: something produces into a queue or stream that nobody consumes."""

from collections.abc import Iterator

from archdraw.lint.context import QUEUE_TYPES, LintContext
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD211",
    name="queue-without-consumer",
    severity=Severity.WARNING,
    title="Queue with producers but no consumer",
    why="""Messages put on a queue that nobody reads pile up until the broker's retention or
    disk runs out, and the work they stand for (emails, charges, index updates) never happens,
    silently: the producer got its acknowledgement. In a diagram it usually means the consumer
    was forgotten, or the link was drawn the wrong way (archdraw reads links in the direction
    messages flow: producer -> queue -> consumer).""",
    fix="""Draw the consumer (a worker or service) with a link from the queue to it, or
    reverse a link drawn consumer -> queue. If the queue is consumed outside this design, say
    so with an ignore and a reason.""",
    references=(
        "Enterprise Integration Patterns: Message Channel, Competing Consumers",
        "AWS Well-Architected Framework, Reliability pillar: REL05",
    ),
)
def queue_without_consumer(ctx: LintContext) -> Iterator[Issue]:
    components, flow_in, flow_out = ctx.components, ctx.flow_in, ctx.flow_out
    for queue in ctx.of_type(*QUEUE_TYPES):
        queue_id = queue.id
        # Consumers first: most queues have one, and then the producers need no look-up. A
        # link to monitoring carries the queue's metrics, not its messages.
        if any(
            k.target in components and components[k.target].type != "monitoring"
            for k in flow_out(queue_id)
        ):
            continue
        for link in flow_in(queue_id):
            producer = components.get(link.source)
            if producer is not None:
                yield Issue(
                    f"'{producer.title}' puts messages on '{queue.title}' but nothing consumes "
                    "them: they pile up and the work never happens",
                    component=queue_id,
                )
                break
