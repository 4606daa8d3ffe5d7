"""AD415: one request changes several services in sequence with no compensation."""

from collections.abc import Iterator

from archdraw.lint.context import QUEUE_TYPES, LintContext
from archdraw.lint.design_view import ComponentView, LinkView
from archdraw.lint.rules.data.shares import one_per_request
from archdraw.lint.rules.data.side_effects import keyed, retries
from archdraw.lint.types import Issue, Severity, rule

# Each request goes on to one backend: a gateway's routes are alternatives, not steps.
_ROUTERS = frozenset({"api_gateway", "load_balancer"})


@rule(
    code="AD415",
    name="multi-service-write",
    severity=Severity.WARNING,
    title="Several services changed in one request, no compensation",
    why="""A request that changes two services one after the other (charge the card, then
    create the shipment, then empty the cart) has no transaction around them. When it fails
    halfway (a timeout, a crash, a deploy), the first change stands and the second never
    happens: a customer is charged for an order that never ships. Retrying the whole request
    repeats the first change. The same holds for a component that writes its own store and
    then calls a service that writes (a post saved, then the fan-out called): a crash between
    the two loses the second change, which is what an outbox exists for. A call counts as a
    change when it says `writes: true`; when no call of the caller says so, a call to a
    service that writes and serves only this caller counts. A call with an outside side
    effect (`side_effect: true`: a card charged, an email sent) counts too, beside a write
    (charge the card, then record the order: a failure between leaves a charge with no
    order), unless it cannot be left standing alone: sent with an idempotency key (or to an
    idempotent callee) and retried, by the caller or, on a client's request path, by the user
    (AD416), it is repeated until it is done and takes effect once; and a
    caller whose every request is a message that its queue delivers again until it is
    acknowledged has the redelivery finish the work (AD402 asks whether repeating it is
    safe). Side effects with no write change none of the design's own data. A caller whose
    `compensation` the design does not state may recover in a way the drawing does not show:
    that is asked about, as info, saying so; `compensation: none` keeps the warning. An API
    gateway or load balancer is not asked: it sends each request on to one backend, so its
    routes to several services that write are alternatives, not steps of one request; nor
    is a client, whose calls are its user's separate actions (an order posted, then the
    card typed into the provider's payment page), each answered before the next; nor is any
    caller whose changing calls each state their share of its requests (`calls`) and
    add up to at most one (an Nginx front end proxying /api/<service>): the design leaves
    each request one of them.""",
    fix="""Say how the request recovers (`compensation` on the caller): a saga that undoes
    the completed steps (refund the charge), a transactional outbox that makes the later
    steps happen eventually, or one transaction where the changes share a store. A call
    with a side effect can instead be sent with an idempotency key and retried
    (`idempotency_key: true`, `retries`), so that it takes effect once however often it is
    repeated.""",
    references=(
        "Microservices Patterns (Richardson), ch. 4: sagas",
        "Designing Data-Intensive Applications, ch. 9 (atomic commit)",
    ),
)
def multi_service_write(ctx: LintContext) -> Iterator[Issue]:
    writes_out: dict[str, list[LinkView]] = {}
    for link in ctx.writing_links():
        target = ctx.target(link)
        # A cache holds copies (a session, a fan-out's timelines): writing it is not a
        # change a later failure must undo, and filling one changes no one else's state.
        if link.kind == "sync" and target is not None and target.type != "cache":
            writes_out.setdefault(link.source, []).append(link)
    # Side effects count with a write: alone they change none of this design's data.
    effects = _side_effects(ctx)
    found: dict[str, list[LinkView]] = {}
    for caller, written in writes_out.items():
        component = ctx.components.get(caller)
        if component is None or component.type in _ROUTERS or ctx.is_client(component):
            continue
        if ctx.prop(component, "compensation") not in (None, "none"):
            continue
        services = [k for k in written if _changes_a_service(ctx, k)]
        stated = {k.target for k in services}
        if not services:
            # No call is marked `writes`: a called service that writes, and that only this
            # caller calls, writes on this request (a fan-out service behind a write API).
            services = [
                k
                for k in ctx.sync_out(caller)
                if k.target in writes_out
                and _changes_a_service(ctx, k)
                and all(j.source == caller for j in ctx.sync_in(k.target))
            ]
        outside = effects.get(caller, [])
        changed = [k for k in written if k.target not in stated] + services + outside
        if (services or outside) and len(changed) >= 2 and not one_per_request(ctx, changed):
            found[caller] = changed
    # One finding per request: a callee's own halfway failure is part of its caller's.
    inner = {k.target for changed in found.values() for k in changed if k.target in found}
    for caller, changed in found.items():
        if caller in inner:
            continue
        component = ctx.components[caller]
        outside = effects.get(caller, [])
        names = ", ".join(
            f"'{ctx.components[k.target].title}'" + (" (a side effect)" if k in outside else "")
            for k in changed
        )
        nested = "".join(
            f"; '{ctx.components[k.target].title}' in turn changes "
            + ", ".join(f"'{ctx.components[j.target].title}'" for j in found[k.target])
            for k in changed
            if k.target in found
        )
        # No compensation stated at all is unknown, not `none`: a question.
        assumed = ctx.assumed(component, "compensation")
        yield Issue(
            f"'{component.title}' changes {names} one after the other with no compensation"
            f"{assumed}{nested}: a failure halfway leaves the first changes standing",
            component=component.id,
            severity=Severity.INFO if assumed else None,
            related=tuple(k.key for k in changed),
            fix=ctx.fix(component, "Compensate with a saga", compensation="saga"),
        )


def _changes_a_service(ctx: LintContext, link: LinkView) -> bool:
    """The target is a service, a third party or a sender of messages: not a store."""
    target = ctx.target(link)
    if target is None or ctx.is_stateful(target):
        return False
    return ctx.category(target) in ("compute", "external", "messaging")


def _side_effects(ctx: LintContext) -> dict[str, list[LinkView]]:
    """Per caller, its calls with an outside side effect (`side_effect: true`) that count as
    changes a failure halfway can leave standing: not a call that also says `writes` (it
    counts already), not one sent with an idempotency key (or to an idempotent callee) and
    retried (the caller or, on a client's request path, the user repeats it until it takes
    effect, once), and not the calls of a
    caller whose every request is a message a queue delivers again until it is
    acknowledged (the redelivery finishes the work; AD402 asks whether repeating it is
    safe)."""
    found: dict[str, list[LinkView]] = {}
    for link in ctx.links_stating("side_effect"):
        if link.kind != "sync" or ctx.link_prop(link, "side_effect") is not True:
            continue
        caller, callee = ctx.source(link), ctx.target(link)
        if caller is None or callee is None or ctx.writes(link):
            continue
        # A client's request is retried by its user (AD416): with the same key, once.
        if keyed(ctx, link, callee) and (
            retries(ctx, link, caller) > 0 or caller.id in ctx.request_path_ids
        ):
            continue
        if _redelivered(ctx, caller):
            continue
        found.setdefault(caller.id, []).append(link)
    return found


def _redelivered(ctx: LintContext, caller: ComponentView) -> bool:
    """Every request of the caller is a message from a queue or stream that hands it out
    again until it is acknowledged (not `delivery: at-most-once`), and it sends no traffic
    of its own (`rps`)."""
    arriving = ctx.flow_in(caller.id)
    if not arriving or ctx.stated(caller, "rps"):
        return False
    for link in arriving:
        queue = ctx.source(link)
        if link.kind != "async" or queue is None or queue.type not in QUEUE_TYPES:
            return False
        if ctx.prop(queue, "delivery") == "at-most-once":
            return False
    return True
