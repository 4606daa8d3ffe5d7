"""AD107: a multi-region design keeps a critical store in one region with no failover out."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.design_view import ComponentView
from archdraw.lint.types import Issue, Severity, rule

_SOURCES_OF_TRUTH = ("database", "nosql_database")


def replicated_elsewhere(ctx: LintContext, store: ComponentView) -> bool:
    store_id = store.id
    region_of = ctx.region_of
    home = region_of[store_id]
    for links in (ctx.out_links.get(store_id, ()), ctx.in_links.get(store_id, ())):
        for link in links:
            if link.kind != "replication":
                continue
            other = link.target if link.source == store_id else link.source
            if region_of.get(other) not in (None, home):
                return True
    return False


@rule(
    code="AD107",
    name="single-region-store",
    severity=Severity.INFO,
    title="Critical store confined to one region",
    why="""The design runs in several regions, but this source-of-truth store lives in one,
    with no replica in another region and no DNS or active-active failover. Regional outages are
    rare (a few per decade per provider) but long, and when that region goes, every region's
    services lose their data. Whether that risk is worth the cost and the consistency trade-offs
    of multi-region data is a business decision, hence info.""",
    fix="""Add a cross-region replica (a `replication` link to a store in another region,
    usually asynchronous) with a rehearsed promotion, or choose a store that is multi-region
    by design (`failover: active-active` with `conflict_resolution`).""",
    references=(
        "AWS Well-Architected Framework, Reliability pillar: REL13 plan for disaster recovery",
        "Designing Data-Intensive Applications, ch. 5 (multi-datacenter operation)",
    ),
)
def single_region_store(ctx: LintContext) -> Iterator[Issue]:
    if len(ctx.regions) < 2:
        return
    region_of, failover = ctx.region_of, ctx.failover
    for store in ctx.of_type(*_SOURCES_OF_TRUTH):
        store_id = store.id
        region = region_of[store_id]
        if region is None or failover(store) in ("dns", "active-active") or ctx.is_global(store):
            continue
        if not replicated_elsewhere(ctx, store):
            yield Issue(
                f"'{store.title}' keeps its data only in region '{ctx.zone_title(region)}'"
                f"{ctx.assumed(store, 'failover')}: a regional outage takes it away from every "
                "region",
                component=store_id,
            )
