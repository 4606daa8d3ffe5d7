"""AD602: the design draws monitoring links, but a critical component has none."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD602",
    name="component-not-monitored",
    severity=Severity.INFO,
    title="Critical component not linked to monitoring",
    why="""This design draws which components report to monitoring, and this one, on a
    request path or holding data, does not. Whatever breaks there will be seen only through its
    effects elsewhere, later and harder to diagnose. Designs that draw no monitoring links at
    all are assumed to monitor everything and are not flagged; if yours draws links only for
    some signals, ignore this rule for the design with that reason.""",
    fix="""Link the component to the monitoring component (metrics and logs flow from it) and
    give it the four golden signals: latency, traffic, errors, saturation; for stores, add
    replication lag and disk space.""",
    references=("Google SRE book, ch. 6 (monitoring distributed systems)",),
)
def component_not_monitored(ctx: LintContext) -> Iterator[Issue]:
    monitors = {m.id for m in ctx.of_type("monitoring")}
    watched = set()
    for link in ctx.design.links:
        if link.target in monitors:
            watched.add(link.source)
        if link.source in monitors:
            watched.add(link.target)
    critical = [
        c
        for c in ctx.design.components
        if (c.id in ctx.request_path_ids or ctx.is_store(c))
        and c.id not in monitors
        and ctx.category(c) != "external"
    ]
    if not watched:
        return
    for component in critical:
        if component.id not in watched:
            yield Issue(
                f"'{component.title}' is critical but sends nothing to monitoring",
                component=component.id,
            )
