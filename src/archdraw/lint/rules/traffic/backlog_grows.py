"""AD213: consumers are slower than producers, so the backlog grows without bound."""

import math
from collections.abc import Iterator

from archdraw.lint.context import QUEUE_TYPES, LintContext
from archdraw.lint.design_view import ComponentView
from archdraw.lint.rules.traffic.saturation import rate
from archdraw.lint.types import Fix, Issue, Severity, rule


@rule(
    code="AD213",
    name="backlog-grows",
    severity=Severity.ERROR,
    title="Consumers slower than producers",
    why="""A queue absorbs bursts only if consumers catch up on average. When messages arrive
    faster than the consumers can process them, the backlog grows every second at peak: at 500
    messages/s in and 300 out, 200 more wait each second, 720,000 an hour, and each new message
    waits longer than the last until retention drops them. Computed from the producers' traffic
    and the consumers' `replicas` x `capacity_rps`. A queue gives each message to one consumer,
    so its consumers share the work; a stream gives every message to every consumer group, so
    each group must keep up on its own: three groups of 300/s do not drain a 500/s stream.
    A verdict resting on a consumer's default instance count or capacity (`replicas` or
    `capacity_rps` not stated) says so and is info.""",
    fix="""Add consumer replicas (autoscale on queue depth or age of the oldest message), make
    each consumer faster (batching), or shed or defer low-priority work
    (`priority_levels`). Check that the peak lasts only minutes if you rely on the backlog
    draining afterwards.""",
    references=(
        "Enterprise Integration Patterns: Competing Consumers",
        "Google SRE book, ch. 21 (handling overload)",
    ),
)
def backlog_grows(ctx: LintContext) -> Iterator[Issue]:
    for queue in ctx.each(ctx.of_type(*QUEUE_TYPES)):  # one queue at a time
        # The rate first: a queue nothing reaches needs no look-up of its consumers.
        arrival = ctx.arrival(queue.id)
        if arrival <= 0:
            continue
        consumers = ctx.consumers(queue)
        if not consumers:
            continue
        if queue.type == "stream":
            yield from _lagging_groups(ctx, queue, arrival, consumers)
        else:
            yield from _competing_consumers(ctx, queue, arrival, consumers)


def _competing_consumers(
    ctx: LintContext, queue: ComponentView, arrival: float, consumers: list[ComponentView]
) -> Iterator[Issue]:
    """A queue hands each message to one consumer: together they must keep up."""
    capacities = []
    for consumer in consumers:
        capacity = ctx.capacity(consumer)
        if capacity is None:
            return  # a consumer of unknown capacity may keep up on its own
        capacities.append(capacity)
    drain = sum(capacities)
    if drain < arrival:
        first = consumers[0]
        rests = _rests_on(ctx, consumers)
        yield Issue(
            f"'{queue.title}' receives {rate(arrival)} messages/s but its consumers process "
            f"{rate(drain)}/s: the backlog grows by {rate(arrival - drain)} every second{rests}",
            component=queue.id,
            fix=_more_replicas(ctx, first, arrival - drain),
            severity=Severity.INFO if rests else None,
        )


def _lagging_groups(
    ctx: LintContext, stream: ComponentView, arrival: float, consumers: list[ComponentView]
) -> Iterator[Issue]:
    """A stream hands every message to every consumer group: each must keep up on its own."""
    groups = {c.id: c for c in consumers}  # two links to one group are still one group
    for group in groups.values():
        drain = ctx.capacity(group)
        if drain is None or drain >= arrival:
            continue
        rests = _rests_on(ctx, [group])
        yield Issue(
            f"'{stream.title}' receives {rate(arrival)} messages/s and consumer group "
            f"'{group.title}' reads every one of them but processes {rate(drain)}/s: its lag "
            f"grows by {rate(arrival - drain)} every second{rests}",
            component=stream.id,
            fix=_more_replicas(ctx, group, arrival - drain),
            severity=Severity.INFO if rests else None,
        )


def _rests_on(ctx: LintContext, consumers: list[ComponentView]) -> str:
    """What of the consumers' drain rate is the library's default, not the design's ("" when
    the design states every count and capacity): a verdict resting on it is a question."""
    said = []
    for consumer in consumers:
        count = ctx.instances(consumer)
        parts = [count.rests_on()] if count.basis == "default" else []
        parts.append(ctx.assumed(consumer, "capacity_rps").strip()[1:-1])
        said += [f"'{consumer.title}': {part}" for part in parts if part]
    return f" ({'; '.join(said)})" if said else ""


def _more_replicas(ctx: LintContext, consumer: ComponentView, shortfall: float) -> Fix | None:
    per_replica = ctx.number(consumer, "capacity_rps") or 1.0
    needed = ctx.replicas(consumer) + math.ceil(shortfall / per_replica)
    return ctx.fix(consumer, f"Run {needed} consumer replicas", replicas=needed)
