"""Which queues are dead-letter queues: shared by the rules that ask who feeds a queue
(AD212) and whether a queue keeps the messages that always fail (AD202)."""

from archdraw.lint.context import QUEUE_TYPES, LintContext


def dead_letters(ctx: LintContext, source: str, target: str) -> bool:
    """`target` is the dead-letter queue of `source`: a queue with `dead_letter` linked to
    another queue. Its failures feed the target, with no producer drawn; a link the other
    way is the redrive that sends them back."""
    queue, other = ctx.components.get(source), ctx.components.get(target)
    return (
        queue is not None
        and other is not None
        and queue.type in QUEUE_TYPES
        and other.type in QUEUE_TYPES
        and ctx.flag(queue, "dead_letter")
    )


def is_dead_letter_queue(ctx: LintContext, queue_id: str) -> bool:
    """The queue holds another queue's failures: linked, either way, to a queue with
    `dead_letter` (dead-lettering into it, or its redrive back)."""
    return any(dead_letters(ctx, k.source, queue_id) for k in ctx.flow_in(queue_id)) or any(
        dead_letters(ctx, k.target, queue_id) for k in ctx.flow_out(queue_id)
    )
