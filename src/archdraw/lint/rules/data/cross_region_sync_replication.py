"""AD401: synchronous replication across regions."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD401",
    name="cross-region-sync-replication",
    severity=Severity.WARNING,
    title="Synchronous replication across regions",
    why="""With synchronous replication, a write is acknowledged only after the other copy has
    it. Across regions that is a round trip of 60 to 150 ms on every write (Frankfurt to
    Virginia is about 90 ms), and during a network partition between the regions writes stop
    altogether: the CAP trade-off, choosing consistency over availability. Sometimes that is the
    right choice (money, inventory, with consensus as in Spanner); it should be a deliberate
    one. Where neither the link nor its source states `replication`, synchronous is only the
    library's default for the source's type (object storage, streams): that is asked about,
    as info, saying so.""",
    fix="""Replicate across regions asynchronously (`replication: async`) and accept losing
    the last seconds of writes on a regional failover, or keep synchronous replication inside a
    region (across zones, about 1 ms) and replicate asynchronously to the other region. A
    replication link can say its own mode (`replication: async` on the link), overriding the
    store's setting, so a database with an in-region synchronous standby and an asynchronous
    replica in another region is drawn as it runs.""",
    references=(
        "Designing Data-Intensive Applications, ch. 5 (synchronous vs asynchronous) and ch. 9",
        "AWS Well-Architected Framework, Reliability pillar: REL10 multi-region trade-offs",
    ),
)
def cross_region_sync_replication(ctx: LintContext) -> Iterator[Issue]:
    for link in ctx.replication_links:
        source, target = ctx.source(link), ctx.target(link)
        if source is None or target is None:
            continue
        here, there = ctx.region_of[source.id], ctx.region_of[target.id]
        if here is None or there is None or here == there:
            continue
        if ctx.replication_mode(link, source) == "sync":
            # Synchronous by the source type's default, not the design's word: a question.
            assumed = "" if "replication" in link.props else ctx.assumed(source, "replication")
            yield Issue(
                f"'{source.title}' replicates synchronously from region '{here}' to '{there}'"
                f"{assumed}: every write waits a cross-region round trip, and a partition "
                "stops writes",
                link=link.key,
                fix=ctx.link_fix(link, "Replicate asynchronously", replication="async"),
                severity=Severity.INFO if assumed else None,
            )
