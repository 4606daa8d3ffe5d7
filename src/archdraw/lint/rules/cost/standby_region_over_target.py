"""AD702: a standby region costs money the design's availability target does not ask for."""

from collections.abc import Iterator

from archdraw.analysis.availability import ZONE_AVAILABILITY
from archdraw.cost import money
from archdraw.lint.context import LintContext
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD702",
    name="standby-region-over-target",
    severity=Severity.INFO,
    title="A standby region the availability target does not need",
    why="""A second region that takes no traffic until the first one fails is insurance
    against losing a whole region, which archdraw assumes happens less than 0.01 % of the
    time (`--zone-availability`). When the design's own target (`cost.availability_target`)
    is lower than what one region already gives, the standby buys availability nobody asked
    for, and it is billed every hour: replicas, storage and copies run whether or not they
    serve.""",
    fix="""Make the standby cheaper (backups restored elsewhere, a pilot light with one small
    replica per store), or state the higher availability target the business needs.""",
    references=(
        "AWS Well-Architected: disaster recovery options (backup, pilot light, warm standby)",
    ),
)
def standby_region_over_target(ctx: LintContext) -> Iterator[Issue]:
    target = ctx.design.cost.availability_target
    if target is None or target > ZONE_AVAILABILITY["region"]:
        return
    rates = ctx.arrival_rps
    zones = {z.id: z for z in ctx.design.zones}
    regions: dict[str, list[str]] = {}
    for component in ctx.components.values():
        chain = ctx.zone_chain(component.zone)
        region = next((z for z in chain if z in zones and zones[z].kind == "region"), None)
        if region is not None:
            regions.setdefault(region, []).append(component.id)
    if len(regions) < 2:
        return
    estimate = None
    for region, members in regions.items():
        if any(rates.get(cid, 0.0) > 0 for cid in members):
            continue  # serves traffic: not a standby
        estimate = estimate or ctx.cost_estimate()
        monthly = sum(estimate.components[cid].total() for cid in members)
        if monthly <= 0:
            continue
        cur = estimate.book.currency
        yield Issue(
            f"the standby region '{region}' costs {money(monthly, cur)}/month but serves no "
            f"traffic, and the design's availability target {target:g} is met by one region "
            f"({ZONE_AVAILABILITY['region']:g} assumed)",
            zone=region,
        )
