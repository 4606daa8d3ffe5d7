"""AD216: fan-out on write with no path for the heaviest senders."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.types import Issue, Severity, rule

# A mean of this many writes per request is a fan-out on write (one post to 10 timelines).
_FAN_OUT = 10


@rule(
    code="AD216",
    name="fan-out-on-write",
    severity=Severity.WARNING,
    title="Fan-out on write without a celebrity path",
    why="""A write copied to many places (a post into every follower's timeline) is sized
    by its mean `calls`, but follower counts have a heavy tail: a mean of 10 hides accounts
    with millions, and one of their posts is millions of writes that queue behind each other
    while everyone else's posts wait. `max_calls` on the link says how heavy the tail is. A
    sender whose `celebrity_path` the design does not state has none only by the library's
    default: that is asked about, as info, saying so.""",
    fix="""Handle heavy senders apart (`celebrity_path: true` on the sender): fan out on read
    for accounts above a threshold and merge their posts when a timeline is read, or cap and
    spread the fan-out through a queue.""",
    references=(
        "Designing Data-Intensive Applications, ch. 1 (describing load: Twitter's fan-out)",
    ),
)
def fan_out_on_write(ctx: LintContext) -> Iterator[Issue]:
    for link in ctx.writing_links():
        calls = ctx.link_number(link, "calls") or 0
        sender = ctx.source(link)
        if link.kind == "replication" or sender is None:
            continue
        if calls < _FAN_OUT or ctx.flag(sender, "celebrity_path"):
            continue
        heaviest = ctx.link_number(link, "max_calls")
        tail = (
            f"the heaviest sender makes {heaviest:g}"
            if heaviest is not None
            else "the mean hides the heaviest senders (`max_calls` not stated)"
        )
        target = ctx.target(link)
        # No celebrity path by the library's default, not the design's word: a question.
        assumed = ctx.assumed(sender, "celebrity_path")
        yield Issue(
            f"'{sender.title}' writes each request to '{target.title if target else link.target}'"
            f" {calls:g} times on average and {tail}, with no celebrity path{assumed}",
            link=link.key,
            fix=ctx.fix(sender, "Fan out heavy senders on read", celebrity_path=True),
            severity=Severity.INFO if assumed else None,
        )
