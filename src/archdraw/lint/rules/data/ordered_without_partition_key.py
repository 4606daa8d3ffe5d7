"""AD407: an ordered queue consumed in parallel without a partition key."""

from collections.abc import Iterator

from archdraw.lint.context import QUEUE_TYPES, LintContext
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD407",
    name="ordered-without-partition-key",
    severity=Severity.WARNING,
    title="Ordered messages consumed in parallel without a partition key",
    why="""Order survives only within one partition read by one consumer at a time. Once
    several consumer replicas read the same queue, "deposit 100" and "withdraw 80" for the same
    account can be processed in either order, unless messages that must stay in order share a
    partition key (the account id), so they always land in the same partition and the same
    consumer. Without a key, ordered processing and scaling out contradict each other.""",
    fix="""Set `partition_key` (a user, account or order id) on the queue or stream and route
    messages by it (Kafka keys, SQS FIFO message group ids); then consumers scale up to the
    number of partitions while each key stays in order.""",
    references=(
        "Designing Data-Intensive Applications, ch. 11 (partitioned logs, ordering)",
        "Kafka documentation: partitions and consumer groups",
    ),
)
def ordered_without_partition_key(ctx: LintContext) -> Iterator[Issue]:
    # A link keeps order only when it says so, unless the library makes it the default:
    # testing for the key first spares the look-up on most links.
    spec = ctx.library.link_properties.get("ordered")
    implied = spec is not None and spec.default is True
    flag, link_prop = ctx.flag, ctx.link_prop
    for queue in ctx.of_type(*QUEUE_TYPES):
        ordered = flag(queue, "ordered")
        if not ordered:
            for link in ctx.out_links.get(queue.id, ()):
                if (implied or "ordered" in link.props) and link_prop(link, "ordered") is True:
                    ordered = True
                    break
        if not ordered or ctx.prop(queue, "partition_key"):
            continue
        consumers = ctx.consumers(queue)
        parallel = sum(ctx.replicas(c) for c in consumers)
        if parallel >= 2 and not any(ctx.prop(c, "partition_key") for c in consumers):
            yield Issue(
                f"'{queue.title}' must keep order but {parallel} consumer instances read it "
                "with no partition key: related messages are processed out of order",
                component=queue.id,
            )
