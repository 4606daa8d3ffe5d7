"""AD213: consumers are slower than producers, so the backlog grows without bound."""

import math
from collections.abc import Iterator

from archdraw.lint.context import QUEUE_TYPES, LintContext
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD213",
    name="backlog-grows",
    severity=Severity.ERROR,
    title="Consumers slower than producers",
    why="""A queue absorbs bursts only if consumers catch up on average. When messages arrive
    faster than the consumers can process them, the backlog grows every second at peak: at 500
    messages/s in and 300 out, 200 more wait each second, 720,000 an hour, and each new message
    waits longer than the last until retention drops them. Computed from the producers' traffic
    and the consumers' `replicas` x `capacity_rps`.""",
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
    for queue in ctx.of_type(*QUEUE_TYPES):
        arrival = ctx.arrival_rps.get(queue.id, 0.0)
        consumers = ctx.consumers(queue)
        capacities = [ctx.capacity(c) for c in consumers]
        if arrival <= 0 or not consumers or any(c is None for c in capacities):
            continue
        drain = sum(c for c in capacities if c is not None)
        if drain < arrival:
            first = consumers[0]
            per_replica = ctx.number(first, "capacity_rps") or 1.0
            needed = ctx.replicas(first) + math.ceil((arrival - drain) / per_replica)
            yield Issue(
                f"'{queue.title}' receives {arrival:,.0f} messages/s but its consumers process "
                f"{drain:,.0f}/s: the backlog grows by {arrival - drain:,.0f} every second",
                component=queue.id,
                fix=ctx.fix(first, f"Run {needed} consumer replicas", replicas=needed),
            )
