"""AD218: the hottest key alone is more than one machine can serve."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.rules.traffic.saturation import rate
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD218",
    name="hot-key",
    severity=Severity.WARNING,
    title="Hot key beyond one machine",
    why="""Sharding and replicas spread keys over machines, but one key lives on one shard:
    when a celebrity posts or a product goes viral, the share of traffic on the hottest key
    (`skew`) all lands on the machine that holds it. If that share alone is more than one
    machine serves (`capacity_rps`), that shard saturates while the others idle, and adding
    shards does not help. A verdict resting on the library's default `capacity_rps` says so
    and is info.""",
    fix="""Split the hot key (a suffix per writer, merged on read), cache it in front (a
    hot-key cache with a short `ttl_s`), or serve it from several read copies; handle heavy
    senders apart (`celebrity_path` on the writer).""",
    references=("Designing Data-Intensive Applications, ch. 6 (skewed workloads, hot spots)",),
)
def hot_key(ctx: LintContext) -> Iterator[Issue]:
    # Only a component with a `skew`, stated or its type's, has a hot key to judge; one at a
    # time, from its own values (`each`).
    for component in ctx.each(ctx.valued("skew")):
        skew = ctx.number(component, "skew")
        per_machine = ctx.number(component, "capacity_rps")
        arrival = ctx.arrival(component.id)
        if skew is None or per_machine is None or arrival <= 0:
            continue
        hottest = arrival * skew
        if hottest > per_machine:
            # A capacity the design does not give is the library's: a question.
            assumed = ctx.assumed(component, "capacity_rps")
            said = assumed or " (`capacity_rps`)"
            yield Issue(
                f"the hottest key of '{component.title}' takes {skew:.0%} of its "
                f"{rate(arrival)} req/s, {rate(hottest)} req/s on the one machine that holds "
                f"it, which serves {rate(per_machine)} req/s{said}",
                component=component.id,
                severity=Severity.INFO if assumed else None,
            )
