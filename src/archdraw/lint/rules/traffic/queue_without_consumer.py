"""AD211: something produces into a queue or stream that nobody consumes."""

from collections.abc import Iterator

from archdraw.lint.context import QUEUE_TYPES, LintContext
from archdraw.lint.design_view import ComponentView
from archdraw.lint.rules.traffic.dead_letter import dead_letters, is_dead_letter_queue
from archdraw.lint.types import Issue, Severity, rule

# What a queue's links out reach that reads no messages of it: monitoring (its metrics), or
# another queue (a dead-letter queue's redrive; else the queue feeds it, asked below).
_NOT_CONSUMERS = QUEUE_TYPES | {"monitoring"}


@rule(
    code="AD211",
    name="queue-without-consumer",
    severity=Severity.WARNING,
    title="Queue with producers but no consumer",
    why="""Messages put on a queue that nobody reads pile up until the broker's retention or
    disk runs out, and the work they stand for (emails, charges, index updates) never happens,
    silently: the producer got its acknowledgement. In a diagram it usually means the consumer
    was forgotten, or the link was drawn the wrong way (archdraw reads links in the direction
    messages flow: producer -> queue -> consumer). A dead-letter queue (linked to a queue
    with `dead_letter`) has no consumer by design: people inspect it and a redrive sends its
    messages back once the fault is fixed. What it needs is someone who learns that it holds
    messages: it is reported, once, when nothing watches it (no `alarm: true`, no link to
    monitoring, no consumer draining it), since the work it holds then waits unseen until
    retention deletes it. A dead-letter queue whose `alarm` the design does not state is
    asked about, as info, saying so.""",
    fix="""Draw the consumer (a worker or service) with a link from the queue to it, or
    reverse a link drawn consumer -> queue. If the queue is consumed outside this design, say
    so with an ignore and a reason. For a dead-letter queue, alarm when it is not empty
    (`alarm: true`, or a link to monitoring) and keep a way to redrive its messages.""",
    references=(
        "Enterprise Integration Patterns: Message Channel, Competing Consumers, "
        "Dead Letter Channel",
        "AWS Well-Architected Framework, Reliability pillar: REL05",
    ),
)
def queue_without_consumer(ctx: LintContext) -> Iterator[Issue]:
    components, flow_in, flow_out = ctx.components, ctx.flow_in, ctx.flow_out
    for queue in ctx.of_type(*QUEUE_TYPES):
        queue_id = queue.id
        # Consumers first: most queues have one, and then nothing else needs a look-up. A
        # link to monitoring carries the queue's metrics, not its messages.
        out = flow_out(queue_id)
        if any(
            k.target in components and components[k.target].type not in _NOT_CONSUMERS for k in out
        ):
            continue
        if is_dead_letter_queue(ctx, queue_id):
            yield from _unwatched_dead_letters(ctx, queue)
            continue
        if any(k.target in components and components[k.target].type != "monitoring" for k in out):
            continue  # it feeds another queue
        for link in flow_in(queue_id):
            producer = components.get(link.source)
            if producer is not None:
                yield Issue(
                    f"'{producer.title}' puts messages on '{queue.title}' but nothing consumes "
                    "them: they pile up and the work never happens",
                    component=queue_id,
                )
                break


def _unwatched_dead_letters(ctx: LintContext, queue: ComponentView) -> Iterator[Issue]:
    """A dead-letter queue that nobody is told about: no alarm, no monitoring, no consumer
    draining it (its redrive back to the queue it serves is not one)."""
    if ctx.flag(queue, "alarm"):
        return
    queue_id = queue.id
    served = [k.source for k in ctx.flow_in(queue_id) if dead_letters(ctx, k.source, queue_id)]
    served += [k.target for k in ctx.flow_out(queue_id) if dead_letters(ctx, k.target, queue_id)]
    for link in [*ctx.flow_in(queue_id), *ctx.flow_out(queue_id)]:
        other = link.target if link.source == queue_id else link.source
        if other in served:
            continue  # dead-lettering into it, or its redrive back
        found = ctx.components.get(other)
        if found is None:
            continue
        if found.type == "monitoring" or link.source == queue_id:
            return  # its depth is watched, or a consumer drains it
    names = ", ".join(dict.fromkeys(f"'{ctx.title(q)}'" for q in served))
    # No alarm stated is unknown, not `false`: a question.
    assumed = ctx.assumed(queue, "alarm")
    yield Issue(
        f"'{queue.title}' is the dead-letter queue of {names}, but nothing watches it{assumed}: "
        "no alarm, no link to monitoring, no consumer; the messages that failed wait there "
        "unseen until retention deletes them",
        component=queue_id,
        severity=Severity.INFO if assumed else None,
        fix=ctx.fix(queue, "Alarm when it holds messages", alarm=True),
    )
