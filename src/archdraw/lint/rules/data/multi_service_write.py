"""AD415: one request changes several services in sequence with no compensation."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.design_view import LinkView
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD415",
    name="multi-service-write",
    severity=Severity.WARNING,
    title="Several services changed in one request, no compensation",
    why="""A request that changes two services one after the other (charge the card, then
    create the shipment, then empty the cart) has no transaction around them. When it fails
    halfway (a timeout, a crash, a deploy), the first change stands and the second never
    happens: a customer is charged for an order that never ships. Retrying the whole request
    repeats the first change.""",
    fix="""Say how the request recovers (`compensation` on the caller): a saga that undoes
    the completed steps (refund the charge), a transactional outbox that makes the later
    steps happen eventually, or one transaction where the changes share a store.""",
    references=(
        "Microservices Patterns (Richardson), ch. 4: sagas",
        "Designing Data-Intensive Applications, ch. 9 (atomic commit)",
    ),
)
def multi_service_write(ctx: LintContext) -> Iterator[Issue]:
    by_caller: dict[str, list[LinkView]] = {}
    for link in ctx.writing_links():
        if link.kind == "sync" and _changes_a_service(ctx, link):
            by_caller.setdefault(link.source, []).append(link)
    for caller, changed in by_caller.items():
        component = ctx.components.get(caller)
        if component is None or ctx.prop(component, "compensation") not in (None, "none"):
            continue
        if len(changed) < 2:
            continue
        names = ", ".join(f"'{ctx.components[k.target].title}'" for k in changed)
        yield Issue(
            f"'{component.title}' changes {names} one after the other with no compensation: "
            "a failure halfway leaves the first changes standing",
            component=component.id,
            related=tuple(k.key for k in changed),
            fix=ctx.fix(component, "Compensate with a saga", compensation="saga"),
        )


def _changes_a_service(ctx: LintContext, link: LinkView) -> bool:
    """The target is a service, a third party or a sender of messages: not a store."""
    target = ctx.target(link)
    if target is None or ctx.is_stateful(target):
        return False
    return ctx.category(target) in ("compute", "external", "messaging")
