"""AD101: one instance with no failover on a client's synchronous request path."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.rules.data.cache_without_source import backed
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD101",
    name="single-point-of-failure",
    severity=Severity.ERROR,
    title="Single point of failure on a request path",
    why="""Every request from a client passes through this component, and it runs as one
    instance with nothing to take over. One machine fails every few months to years, and it is
    restarted for every deploy and kernel patch: each time, every request that needs it fails.
    Two replicas of a 99.9 % instance give about 99.9999 % if either can serve alone. It does
    not apply when the component has `fallback: true`: a second provider or a degraded answer
    takes over when it fails, which survives its loss just as failover does. One instance is
    one instance: a failover mode the type assumes by default does not hide it, only one the
    design states. It does not apply to a copy of a store (its primary is judged), a cache
    that fronts a store (losing it means misses, which AD210 weighs), a service marked
    `global` (it spans zones and regions on its own) or an in-process library.""",
    fix="""Run at least two replicas behind a load balancer (stateless components), or a
    primary with a standby promoted by `failover: active-standby` (stateful ones), ideally in
    different zones. Managed services that replicate internally: set `failover` to say so.
    Where a second provider or a degraded answer (cached, default, smaller model) can stand in,
    set `fallback: true`.""",
    references=(
        "AWS Well-Architected Framework, Reliability pillar: REL10 use fault isolation",
        "Google SRE book, ch. 26 and 22 (addressing cascading failures)",
    ),
)
def single_point_of_failure(ctx: LintContext) -> Iterator[Issue]:
    # Third parties and DNS take no `replicas`: their redundancy is not ours to draw. Whether
    # a type takes it is decided once per type.
    ours = {t for t, found in ctx.by_type.items() if ctx.has_prop(found[0], "replicas")}
    for component in ctx.request_path:
        if component.type not in ours or ctx.instances(component) >= 2:
            continue
        if ctx.stated(component, "failover") and ctx.failover(component) != "none":
            continue
        if ctx.flag(component, "fallback") or ctx.is_global(component):
            continue
        if ctx.in_process(component) or ctx.is_copy(component):
            continue
        if component.type == "cache" and backed(ctx, component):
            continue  # losing a cache that fronts a store or a computation means misses
        if ctx.is_stateful(component):
            replication = ctx.prop(component, "replication")
            fix = ctx.fix(
                component,
                "Add a standby replica",
                replicas=2,
                failover="active-standby",
                replication="async" if replication in (None, "none") else replication,
            )
        else:
            fix = ctx.fix(component, "Run 2 replicas", replicas=2)
        # A hosted model's instances are the provider's: unstated, they are unknown.
        unknown = not ctx.stated(component, "replicas") and "replicas" not in component.defaults
        yield Issue(
            f"'{component.title}' is on a client's request path and the design does not say "
            "how many instances it runs (`replicas` not stated): if it is one, requests fail "
            "when it dies"
            if unknown
            else f"'{component.title}' is on a client's request path and runs as one instance "
            "with no failover: when it dies, those requests fail",
            component=component.id,
            fix=fix,
            severity=Severity.INFO if unknown else None,
        )
