"""AD111: a component states fewer `replicas` than the `zones` it says it spans."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.types import Issue, Severity, rule
from archdraw.source.printable import plural


@rule(
    code="AD111",
    name="fewer-replicas-than-zones",
    severity=Severity.WARNING,
    title="Fewer replicas than zones",
    why="""An instance runs in one zone, so n instances cover at most n zones: `replicas: 2`
    with `zones: 3` leaves a zone with none, and one of the two numbers is wrong. A stated
    count is never overridden by an inference, so the analysis takes the stated `replicas`:
    2 instances over 2 zones, which is what AD106, AD209, the failure analysis and the cost
    estimate count. If the design meant three instances, one per zone, every one of those
    figures is a third short. A store's shards run on machines of their own, so a store with
    at least as many shards as zones is not reported. With `replicas` not stated, `zones: 3`
    means three instances, one per zone (derived, and said so where the count is shown).""",
    fix="""Say which is true: `replicas` at least `zones` (one instance per zone, more for
    headroom when a zone is lost), or `zones` no more than `replicas`.""",
    references=(
        "AWS Well-Architected Framework, Reliability pillar: REL10 deploy to multiple locations",
        "Kubernetes documentation: pod topology spread constraints (maxSkew across zones)",
    ),
)
def fewer_replicas_than_zones(ctx: LintContext) -> Iterator[Issue]:
    for component in ctx.with_prop("zones"):
        if "zones" not in component.props or "replicas" not in component.props:
            continue  # an unstated `replicas` is one per zone; an unstated `zones` claims nothing
        zones = int(ctx.number(component, "zones") or 1)
        found = ctx.instances(component)
        if found.total >= zones:
            continue
        running = plural(found.total, "instance")
        cover = "covers" if found.total == 1 else "cover"
        spanned = plural(found.zones, "zone")
        yield Issue(
            f"'{component.title}' states `replicas: {found.replicas}` over `zones: {zones}`: "
            f"{running} {cover} at most {spanned}, so {zones - found.zones} of the {zones} "
            f"would have none; the analysis counts {running} in {spanned}",
            component=component.id,
            fix=ctx.fix(component, f"Run {zones} replicas, one per zone", replicas=zones),
        )
