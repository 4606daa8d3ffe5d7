"""AD403: one request writes synchronously to two stores with nothing making it atomic."""

from collections.abc import Iterator

from archdraw.lint.context import QUEUE_TYPES, LintContext
from archdraw.lint.design_view import LinkView
from archdraw.lint.rules.data.shares import one_per_request
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD403",
    name="dual-write",
    severity=Severity.WARNING,
    title="Dual write to two stores",
    why="""When one request writes to a database and then to a second store (another
    database, a search index, a message broker), the process can die, time out or lose the
    network between the two writes. One store then has the change and the other never will:
    an order with no event, an event with no order. Retrying does not help either, because the
    first write may or may not have happened. It fails rarely and silently, which is why it is
    found late. A component whose writing calls each state their share of its requests
    (`calls`), adding up to at most one, is not reported: the design gives each request one
    of the stores (one kind of request writes the users table, another an id counter in Redis).
    A publish counts whatever the link's kind: a link into a queue or stream that says
    `kind: async` and `writes: true` hands the message to the broker in the request as surely
    as a synchronous one (a service writes its database, then publishes to Kafka; if it dies
    between, the event is lost). An asynchronous link that does not state `writes` is not
    taken as one: many are retries, or notifications the design can afford to lose. A
    consumer whose work all comes from queues or streams that deliver at least once is not
    reported: it acknowledges a message after its writes, so one that dies between them gets
    the message again and makes the second write then (whether doing the first one twice is
    safe is AD402's question).""",
    fix="""Write to one store only and derive the other: the transactional outbox (write the
    event into an outbox table in the same transaction; a relay publishes it), change data
    capture (Debezium reads the database's log), or an event log as the single source that both
    stores consume. Mark only the primary link `writes: true`.""",
    references=(
        "Designing Data-Intensive Applications, ch. 11 (keeping systems in sync; CDC)",
        "microservices.io: transactional outbox pattern",
    ),
)
def dual_write(ctx: LintContext) -> Iterator[Issue]:
    # Each caller's calls and publishes that write, in file order (the links that write are a
    # view the data rules share; a copy's replication link is the store's own, not a request's).
    writing_calls: dict[str, list[LinkView]] = {}
    for link in ctx.writing_links():
        if link.kind != "replication":
            writing_calls.setdefault(link.source, []).append(link)
    components = ctx.components
    for caller, writing in writing_calls.items():
        component = components.get(caller)
        if len(writing) < 2 or component is None:
            continue  # two writes at least, to two different stores
        if redelivered(ctx, caller):
            continue  # a crash between the writes gets the message again: AD402's question
        targets, into = [], []
        for link in writing:
            target = ctx.target(link)
            if target is not None and (ctx.is_store(target) or target.type in QUEUE_TYPES):
                targets.append(target)
                into.append(link)
        if len({t.id for t in targets}) >= 2 and not one_per_request(ctx, into):
            names = ", ".join(f"'{t.title}'" for t in targets)
            how = "synchronously " if all(k.kind == "sync" for k in into) else ""
            yield Issue(
                f"'{component.title}' writes {how}to {names} in one request: a crash "
                "between the writes leaves them inconsistent",
                component=component.id,
            )


def redelivered(ctx: LintContext, consumer: str) -> bool:
    """All the consumer's work comes from queues or streams that deliver at least once: a
    message is acknowledged after its writes, so one that dies between them is delivered
    again and the second write happens then."""
    feeding = ctx.in_links.get(consumer)
    if not feeding:
        return False
    for link in feeding:
        source = ctx.source(link)
        if source is None or source.type not in QUEUE_TYPES or link.kind != "async":
            return False
        if ctx.prop(source, "delivery") == "at-most-once":
            return False
    return True
