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
    some signals, ignore this rule for the design with that reason. The components are
    named together in one finding: one gap in what the drawing monitors, not one per
    component.""",
    fix="""Link the component to the monitoring component (metrics and logs flow from it) and
    give it the four golden signals: latency, traffic, errors, saturation; for stores, add
    replication lag and disk space.""",
    references=("Google SRE book, ch. 6 (monitoring distributed systems)",),
)
def component_not_monitored(ctx: LintContext) -> Iterator[Issue]:
    monitors = {m.id for m in ctx.of_type("monitoring")}
    watched: set[str] = set()
    for monitor in monitors:
        watched.update(link.source for link in ctx.in_links.get(monitor, ()))
        watched.update(link.target for link in ctx.out_links.get(monitor, ()))
    if not watched:
        return
    # A third party's monitoring is not ours to draw; the category goes with the type.
    outside = {t for t, found in ctx.by_type.items() if ctx.category(found[0]) == "external"}
    skip = watched | monitors
    prop = ctx.prop
    unwatched: list[tuple[str, str]] = []
    # Stores on a request path were already listed with it.
    for critical, skipped in ((ctx.request_path, skip), (ctx.stores, skip | ctx.request_path_ids)):
        for component in critical:
            component_id = component.id
            if component_id in skipped or component.type in outside:
                continue
            if prop(component, "in_process") is True or prop(component, "global") is True:
                continue  # watched with the process it runs in, or by its provider
            unwatched.append((component_id, component.title))
    if unwatched:
        names = ", ".join(f"'{title}'" for _, title in unwatched)
        verb = "is" if len(unwatched) == 1 else "are"
        sends = "sends" if len(unwatched) == 1 else "send"
        yield Issue(
            f"{names} {verb} critical but {sends} nothing to monitoring",
            component=unwatched[0][0],
            related=tuple(key for key, _ in unwatched[1:]),
        )
