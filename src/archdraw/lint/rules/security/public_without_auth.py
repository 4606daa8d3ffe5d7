"""AD302: a client-facing entry point has no authentication."""

from collections.abc import Iterator

from archdraw.lint.context import PASS_THROUGH_TYPES, LintContext
from archdraw.lint.design_view import ComponentView, LinkView
from archdraw.lint.types import Issue, Severity, rule


def authenticates(ctx: LintContext, component: ComponentView, arriving: LinkView) -> bool:
    if ctx.flag(component, "auth") or ctx.link_prop(arriving, "auth") is True:
        return True
    # Calling an identity provider is how a service checks who the user is.
    return any(
        (t := ctx.target(k)) is not None and t.type == "auth"
        for k in ctx.out_links.get(component.id, ())
    )


def first_application_hops(ctx: LintContext) -> list[tuple[ComponentView, LinkView]]:
    """Where client requests first reach something that could check identity."""
    found: dict[str, tuple[ComponentView, LinkView]] = {}
    components = ctx.components
    clients = {c.id for c in ctx.client_side}  # those `is_client` accepts
    todo = [k for k in ctx.entry_links if k.source in clients]
    seen: set[str] = set()
    checks: dict[str, bool] = {}  # whether a type takes `auth`, decided once per type
    while todo:
        link = todo.pop()
        target_id = link.target
        if target_id in seen:
            continue
        seen.add(target_id)
        target = components[target_id]
        type_id = target.type
        if type_id in PASS_THROUGH_TYPES:
            todo.extend(ctx.sync_out(target_id))
            continue
        takes_auth = checks.get(type_id)
        if takes_auth is None:
            takes_auth = checks[type_id] = ctx.has_prop(target, "auth")
        if takes_auth:
            found.setdefault(target_id, (target, link))
    order = ctx.file_order
    return sorted(found.values(), key=lambda hop: order[hop[0].id])


@rule(
    code="AD302",
    name="public-without-auth",
    severity=Severity.WARNING,
    title="Client-facing entry point without authentication",
    why="""Whatever a client can reach, anyone on the internet can reach: attackers scan the
    whole IPv4 space in minutes. An entry point that does not check who is calling serves
    every request to everybody, so any data or action behind it is public. Does not apply to
    deliberately public content (a landing page, public product catalogue): ignore it there
    with that reason.""",
    fix="""Authenticate at the edge: `auth: true` on the API gateway or service (verify a
    signed token such as a JWT from your identity provider on every request), or link the
    service to an identity provider. Then authorise each action, not only the login.""",
    references=(
        "OWASP API Security Top 10: API2 broken authentication",
        "AWS Well-Architected Framework, Security pillar: SEC02 manage identities",
    ),
)
def public_without_auth(ctx: LintContext) -> Iterator[Issue]:
    for component, arriving in first_application_hops(ctx):
        if not authenticates(ctx, component, arriving):
            yield Issue(
                f"clients reach '{component.title}' and nothing checks who they are: "
                "everything behind it is open to anyone",
                component=component.id,
                fix=ctx.fix(component, "Require authentication", auth=True),
            )
