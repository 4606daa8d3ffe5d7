"""AD603: a realtime gateway with several replicas and no pub/sub backplane."""

from collections.abc import Iterator

from archdraw.lint.context import QUEUE_TYPES, LintContext
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD603",
    name="realtime-without-backplane",
    severity=Severity.ERROR,
    title="Realtime gateway replicas without a backplane",
    why="""Each realtime gateway instance holds its own set of open WebSocket connections.
    With 2 replicas, a message for a user connected to instance B that arrives at instance A
    has nowhere to go: half the messages are silently not delivered, and which half depends on
    where the load balancer happened to put each user. A gateway whose instance count rests on
    the library default (`replicas` not stated: 2) is reported as info, saying so: the design
    has not said it runs several; so is one whose `backplane` the design does not state.""",
    fix="""Connect the instances through a pub/sub backplane (`backplane: true`: Redis
    pub/sub, NATS, Kafka; draw the link to it) so every instance hears every message and
    delivers those for its own connections, or keep a registry of which instance holds which
    user and route to it.""",
    references=(
        "Socket.IO and SignalR documentation: scaling out with an adapter or backplane",
        "Designing Data-Intensive Applications, ch. 11 (messaging systems)",
    ),
)
def realtime_without_backplane(ctx: LintContext) -> Iterator[Issue]:
    for gateway in ctx.of_type("realtime_gateway"):
        found = ctx.instances(gateway)
        if found.total < 2 or ctx.flag(gateway, "backplane"):
            continue
        if any(n.type in QUEUE_TYPES | {"cache"} for n in ctx.neighbours(gateway.id)):
            continue
        assumed = ctx.assumed(gateway, "backplane")
        yield Issue(
            f"'{gateway.title}' runs {found.describe()} with no backplane{assumed}: a "
            "message reaching one instance never reaches users connected to another",
            component=gateway.id,
            fix=ctx.fix(gateway, "Share messages through a pub/sub backplane", backplane=True),
            # A count the design gives (`replicas`, or one instance per stated zone) and a
            # stated `backplane: false` are an error; the library's defaults are a question.
            severity=Severity.INFO if assumed or found.basis == "default" else None,
        )
