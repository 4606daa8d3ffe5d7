"""AD101: one instance whose loss fails client requests (what `analyze --weakest` marks)."""

from collections.abc import Callable, Iterator
from typing import NamedTuple

from archdraw.analysis.fanout import Routes
from archdraw.analysis.overlap import Assumed, assumption_text
from archdraw.analysis.weakest import single_points_of_failure
from archdraw.lint.context import LintContext
from archdraw.lint.design_view import ComponentView
from archdraw.lint.types import Fix, Issue, Severity, rule


@rule(
    code="AD101",
    name="single-point-of-failure",
    severity=Severity.ERROR,
    title="Single point of failure on a request path",
    why="""Client requests need this component, and it runs as one instance. One machine
    fails every few months to years, and it is restarted for every deploy and kernel patch:
    each time, every request that needs it fails. A `failover` setting does not help one
    instance (there is nothing to fail over to), whatever the type's default says. Two
    replicas of a 99.9 % instance give about 99.9999 % if either can serve alone. It is the
    same test as `archdraw analyze --weakest`: a component is reported when losing its one
    instance fails some client's requests, so not behind a queue (that delays work), a cache
    (that misses; unless the store behind cannot take the misses), a `fallback: true` (a
    second provider or a degraded answer answers) or a `calls: 0` standby link. Nor is a
    service the provider runs (`managed: true` with `replicas` not stated: SQS, API Gateway,
    DynamoDB, object storage and hosted models by default; it fails as a whole service), one
    marked `global` (it spans zones and regions on its own) or an in-process library.
    Components whose `replicas` the design does not state are asked about, as info, saying so
    (their one instance is only the library's default), together in one finding per design: at
    the first in file order, naming the others (each located), with each one's share of requests
    lost, most first. It offers a fix only when it asks about one component: a fix sets one
    component's properties, so with several, state `replicas` on each. A count that follows from
    a stated `zones` or `shards` is the design's. The share of requests lost counts a sender's
    calls that name the same `request` once; where two or more calls made by some of its
    requests name none, it takes them as independent requests and says so, with the share either
    other way. Where a front door that routes (an API gateway, a load balancer routing by path,
    a CDN with several origins) sends to two or more different components over links that do not
    state `calls`, it takes every request as calling each and says so, with the share if each
    request takes one of them.""",
    fix="""Run at least two replicas behind a load balancer (stateless components), or a
    primary with a standby promoted by `failover: active-standby` (stateful ones), ideally in
    different zones. A service the provider runs as a whole (SQS, Kinesis, API Gateway,
    DynamoDB): set `managed: true`. Where a second provider or a degraded answer (cached,
    default, smaller model) can stand in, set `fallback: true`.""",
    references=(
        "AWS Well-Architected Framework, Reliability pillar: REL10 use fault isolation",
        "Google SRE book, ch. 26 and 22 (addressing cascading failures)",
    ),
)
def single_point_of_failure(ctx: LintContext) -> Iterator[Issue]:
    assumed: dict[str, Assumed] = {}
    graph = ctx.traffic_graph
    routes = Routes(graph, ctx.out_links)
    shares = single_points_of_failure(graph, ctx.store_work, assumed, routes)
    unstated: list[_Unstated] = []
    for component in ctx.components_of(shares):
        lost = _share(shares[component.id])
        rests = assumed.get(component.id)
        # Calls taken as independent requests, or routes as called by every request: the
        # figure says so, with its range.
        resting = "" if rests is None else f", {assumption_text(rests, _share, _titled(ctx))}"
        # One instance the design does not state is the library's default, not the design's
        # (a hosted model's instances are the provider's): a question, not a verdict, asked
        # once for every such component of the design.
        if ctx.instances(component).basis == "default":
            unstated.append(_Unstated(component, shares[component.id], lost, resting))
            continue
        yield Issue(
            f"'{component.title}' runs as one instance and client requests need it: when "
            f"it dies, {lost} of client requests fail{resting}",
            component=component.id,
            fix=_fix(ctx, component),
        )
    if unstated:
        yield _asked(ctx, sorted(unstated, key=lambda u: ctx.file_order[u.component.id]))


class _Unstated(NamedTuple):
    """A component on a request path whose instance count the design does not state."""

    component: ComponentView
    share: float  # of client requests lost if it runs one instance
    lost: str  # the share in words
    resting: str  # what the share assumes, in words ("" when nothing)


def _asked(ctx: LintContext, unstated: list[_Unstated]) -> Issue:
    """One info finding for every component whose `replicas` the design does not state, at
    the first in file order, naming the others (each located): the same question asked of
    each is one cause. Figures go most requests lost first, components losing the same share
    on the same assumption together. One component keeps its fix; several get none (a fix
    sets one component's properties)."""
    first = unstated[0]
    if len(unstated) == 1:
        return Issue(
            f"'{first.component.title}' is on a client's request path and the design does not "
            "say how many instances it runs (`replicas` not stated): if it is one, "
            f"{first.lost} of client requests fail when it dies{first.resting}",
            component=first.component.id,
            fix=_fix(ctx, first.component),
            severity=Severity.INFO,
        )
    groups: dict[tuple[str, str], list[_Unstated]] = {}
    for asked in unstated:  # each group in file order
        groups.setdefault((asked.lost, asked.resting), []).append(asked)
    figures: list[str] = []
    # Most requests lost first; a group's members lose the same share.
    for group in sorted(groups.values(), key=lambda members: -members[0].share):
        head = group[0]
        names = _either([f"'{asked.component.title}'" for asked in group])
        # The first figure says what it is a share of; the others follow it.
        of_what = "" if figures else " of client requests fail"
        figures.append(f"{head.lost}{of_what} when {names} dies{head.resting}")
    return Issue(
        f"the design does not say how many instances {len(unstated)} components on a client's "
        "request path run (`replicas` not stated): if each runs one, " + "; ".join(figures),
        component=first.component.id,
        related=tuple(u.component.id for u in unstated[1:]),
        severity=Severity.INFO,
    )


def _fix(ctx: LintContext, component: ComponentView) -> Fix | None:
    if ctx.is_stateful(component):
        replication = ctx.prop(component, "replication")
        return ctx.fix(
            component,
            "Add a standby replica",
            replicas=2,
            failover="active-standby",
            replication="async" if replication in (None, "none") else replication,
        )
    return ctx.fix(component, "Run 2 replicas", replicas=2)


def _either(names: list[str]) -> str:
    """'a', 'b' or 'c': any one of them."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def _titled(ctx: LintContext) -> Callable[[str], str]:
    """How the figure's words name a component: its label, quoted, as the message does."""
    return lambda component_id: f"'{ctx.title(component_id)}'"


def _share(share: float) -> str:
    return f"{share * 100:.3g} %" if share >= 0.001 else "a few"
