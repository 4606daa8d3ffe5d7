"""AD601: a design of more than a few components has no monitoring."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD601",
    name="missing-monitoring",
    severity=Severity.WARNING,
    title="No monitoring",
    why="""Without metrics, logs and alerts you learn about failures from your users, minutes
    to hours after they start, and then have nothing to diagnose them with. The Google SRE book
    asks for the four golden signals on every user-facing service: latency, traffic, errors and
    saturation. Every other reliability feature (failover, autoscaling, backups) needs
    monitoring to tell you it worked.""",
    fix="""Add a monitoring component (Prometheus and Grafana, Datadog, CloudWatch) that
    collects the four golden signals from each service and alerts on symptoms users feel (error
    rate, latency against an SLO). The threshold is `lint.options.monitoring_min_components`
    (default 5).""",
    references=(
        "Google SRE book, ch. 6 (monitoring distributed systems: the four golden signals)",
        "AWS Well-Architected Framework, Operational Excellence pillar: OPS08",
    ),
)
def missing_monitoring(ctx: LintContext) -> Iterator[Issue]:
    count = len(ctx.design.components)
    if count <= ctx.option("monitoring_min_components"):
        return
    if any(True for _ in ctx.of_type("monitoring")):
        return
    yield Issue(
        f"the design has {count} components and no monitoring: failures will be reported by users"
    )
