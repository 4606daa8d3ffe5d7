"""AD105: the design has several zones but a request-path component lives in one."""

from collections import defaultdict, deque
from collections.abc import Iterator

from archdraw.lint.context import CACHING_TYPES, LintContext
from archdraw.lint.design_view import ComponentView
from archdraw.lint.rules.traffic.saturation import rate
from archdraw.lint.rules.traffic.sync_call_without_timeout import never_called
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD105",
    name="single-zone",
    severity=Severity.WARNING,
    title="Request-path component confined to one zone",
    why="""An availability zone is one or more data centres with shared power, cooling and
    network; whole zones do go down (power events, fibre cuts, bad network changes). The design
    already uses several zones (zone boxes, or components that say `zones: 2` or more), but
    this component on a client's request path runs in only one, so losing that zone fails
    every request through it however many replicas it has. A component drawn in one zone
    box runs in one zone by the design's drawing; one whose `zones` the design does not state
    and that no zone box pins runs in one only by the library's default (`zones: 1`): that is
    asked about, as info, saying so.""",
    fix="""Spread its replicas over two or more zones (`zones: 2` or more, with `replicas` at
    least as many), so each zone keeps at least one. Not reported when the same kind of
    component on a request path also runs in another zone (a cell per zone, or a copy drawn
    per zone), nor for components pinned to one zone behind DNS failover, nor for a service
    the provider runs (`managed: true`) when neither `zones` nor a zone box says where (SQS
    and DynamoDB span a region's zones), except a managed relational database: RDS and Cloud
    SQL run in one zone unless Multi-AZ or HA is turned on, so that one is asked about, as
    info. Nor for a component reached only over calls no request makes (`calls: 0`: code or
    settings fetched when an instance starts): no request goes through it.""",
    references=(
        "AWS Well-Architected Framework, Reliability pillar: REL10 deploy to multiple locations",
    ),
)
def single_zone(ctx: LintContext) -> Iterator[Issue]:
    if len(ctx.availability_zones) < 2 and len(ctx.regions) < 2 and not _states_spread(ctx):
        return
    # Where each kind of request-path component runs: a copy in another zone is redundancy.
    request_path = _on_request_paths(ctx)
    zones_by_type: defaultdict[str, set[str | None]] = defaultdict(set)
    for component in request_path:
        zones_by_type[component.type].add(component.zone)
    spread = {t for t, zones in zones_by_type.items() if len(zones) > 1}
    # Whether a type takes `zones` is decided once per type.
    by_type = ctx.by_type
    zoned = {t for t in zones_by_type if ctx.has_prop(by_type[t][0], "zones")}
    for component in request_path:
        type_id = component.type
        if type_id not in zoned or (type_id in spread and component.zone is not None):
            continue
        if ctx.failover(component) == "dns" or ctx.is_global(component):
            continue  # DNS failover moves it; a global managed service spans zones itself
        if _provider_spreads(ctx, component):
            if type_id in _ONE_ZONE_UNLESS_HA:
                yield _which_zones(ctx, component)
            continue
        zones = ctx.number(component, "zones") or 1
        if zones >= 2:
            continue
        # One zone by the library's default, not by a zone box or a stated `zones`: a question.
        assumed = "" if _drawn_in_a_zone(ctx, component) else ctx.assumed(component, "zones")
        loss: str | None = "stops every request through it"
        if component.type in CACHING_TYPES:
            loss = _cache_loss(ctx, component)  # a cache misses, it does not fail
        if loss is None:
            continue
        yield Issue(
            f"'{component.title}' is on a request path but runs in one zone{assumed}: "
            f"losing that zone {loss}",
            component=component.id,
            severity=Severity.INFO if assumed else None,
            fix=ctx.fix(
                component,
                "Spread over 2 zones",
                zones=2,
                replicas=max(2, ctx.replicas(component)),
            ),
        )


def _on_request_paths(ctx: LintContext) -> list[ComponentView]:
    """The request path, less what only calls no request makes reach (`calls: 0`). Where
    no link states `calls: 0`, that is the whole request path."""
    if not any(never_called(ctx, link) for link in ctx.links_stating("calls")):
        return ctx.request_path
    requested = _reached_by_requests(ctx)
    return [c for c in ctx.request_path if c.id in requested]


def _reached_by_requests(ctx: LintContext) -> set[str]:
    """What clients' requests reach over sync links, leaving out calls no request makes
    (`calls: 0`): a store an instance reads its code from when it starts is not on a path."""
    seen = {c.id for c in ctx.clients}
    todo = deque(seen)
    while todo:
        for link in ctx.sync_out(todo.popleft()):
            if link.target not in seen and not never_called(ctx, link):
                seen.add(link.target)
                todo.append(link.target)
    return seen


def _cache_loss(ctx: LintContext, cache: ComponentView) -> str | None:
    """What losing a cache's zone does: its hits miss and go on to the store it fronts.
    None when that store's stated capacity takes the misses (nothing to report)."""
    store = ctx.components.get(ctx.fronts(cache) or "")
    if store is None:
        return "turns its hits into misses: its callers must do that work themselves"
    arrival = ctx.arrival_rps.get(cache.id, 0.0)
    today = ctx.arrival_rps.get(store.id, 0.0)
    cold = today + arrival * (ctx.number(cache, "hit_ratio") or 0.0)
    capacity = ctx.capacity(store)
    if capacity is not None and arrival > 0 and cold <= capacity:
        return None
    if arrival <= 0:
        return f"turns its hits into misses, which all go on to '{store.title}'"
    above = f", above its {rate(capacity)} req/s" if capacity is not None else ""
    # The figures say what they rest on: a hit ratio the design does not give is the library's.
    return (
        f"turns its hits into misses: '{store.title}' then gets {rate(cold)} req/s "
        f"instead of {rate(today)}{above}{ctx.assumed(cache, 'hit_ratio')}"
    )


# Managed types whose provider runs one zone unless high availability is turned on: RDS
# Single-AZ and zonal Cloud SQL are what the CLI, Terraform and gcloud create by default.
_ONE_ZONE_UNLESS_HA = frozenset({"database"})


def _which_zones(ctx: LintContext, database: ComponentView) -> Issue:
    """The question a reviewer asks of a managed relational database whose zones the design
    does not give: Multi-AZ (HA), or one zone?"""
    return Issue(
        f"'{database.title}' is a managed relational database on a request path and does not "
        "state `zones`: RDS and Cloud SQL run in one zone unless Multi-AZ or HA is on, and "
        "losing that zone stops every request through it; say `zones: 2` (Multi-AZ, HA) or "
        "`zones: 1`",
        component=database.id,
        severity=Severity.INFO,
        fix=ctx.fix(database, "Run it Multi-AZ (HA)", zones=2),
    )


def _provider_spreads(ctx: LintContext, component: ComponentView) -> bool:
    """A service the provider runs (`managed`), whose zones neither the design's `zones` nor
    a zone box gives: how far it spreads is the provider's (SQS and DynamoDB span a region's
    zones), not the library's `zones: 1`."""
    return (
        ctx.instances(component).managed
        and not ctx.stated(component, "zones")
        and not _drawn_in_a_zone(ctx, component)
    )


def _drawn_in_a_zone(ctx: LintContext, component: ComponentView) -> bool:
    """The component sits in an availability-zone box (the drawing says which one)."""
    zones = ctx.availability_zones
    return any(z in zones for z in ctx.zone_chain(component.zone))


def _states_spread(ctx: LintContext) -> bool:
    """Some component says in its own properties that it runs in two zones or more."""
    return any(
        "zones" in c.props and (ctx.number(c, "zones") or 1) >= 2 for c in ctx.with_prop("zones")
    )
