"""AD302: a client-facing entry point has no authentication."""

from collections.abc import Iterator
from typing import NamedTuple

from archdraw.lint.audience import on_own_network
from archdraw.lint.context import PASS_THROUGH_TYPES, LintContext
from archdraw.lint.design_view import ComponentView, LinkView
from archdraw.lint.types import Issue, Severity, rule


def authenticates(ctx: LintContext, component: ComponentView, arriving: LinkView) -> bool:
    if ctx.flag(component, "auth") or ctx.link_prop(arriving, "auth") is True:
        return True
    protocol = str(ctx.link_prop(arriving, "protocol") or "").strip().lower()
    if protocol.startswith(("ssh", "sftp", "mtls")):
        return True  # the protocol checks the caller's key
    # Calling an identity provider is how a service checks who the user is.
    return any(
        (t := ctx.target(k)) is not None and t.type == "auth"
        for k in ctx.out_links.get(component.id, ())
    )


class Hop(NamedTuple):
    """Where client requests first reach something that could check identity."""

    component: ComponentView
    arriving: LinkView  # the link the requests arrive over
    entries: list[LinkView]  # the clients' links whose requests get here


def first_application_hops(ctx: LintContext) -> list[Hop]:
    """Past pass-through hops (load balancers, CDNs, DNS, firewalls), in file order."""
    found: dict[str, Hop] = {}
    clients = {c.id for c in ctx.client_side}  # those `is_client` accepts
    for entry in (k for k in ctx.entry_links if k.source in clients):
        todo, seen = [entry], set()
        while todo:
            link = todo.pop()
            if link.target in seen:
                continue
            seen.add(link.target)
            target = ctx.components[link.target]
            if target.type in PASS_THROUGH_TYPES:
                todo.extend(ctx.sync_out(target.id))
            elif ctx.has_prop(target, "auth"):
                found.setdefault(target.id, Hop(target, link, [])).entries.append(entry)
    order = ctx.file_order
    return sorted(found.values(), key=lambda hop: order[hop.component.id])


def _anonymous_by_design(ctx: LintContext, hop: Hop) -> bool:
    """The design says the people reaching it are not signed in: `anonymous: true` on the
    component, or on every client (or client link) whose requests reach it."""
    if ctx.flag(hop.component, "anonymous"):
        return True
    return all(
        ctx.link_prop(k, "anonymous") is True or ctx.flag(ctx.components[k.source], "anonymous")
        for k in hop.entries
    )


@rule(
    code="AD302",
    name="public-without-auth",
    severity=Severity.WARNING,
    title="Client-facing entry point without authentication",
    why="""Whatever a client can reach, anyone on the internet can reach: attackers scan the
    whole IPv4 space in minutes. An entry point that does not check who is calling serves
    every request to everybody, so any data or action behind it is public. Does not apply to
    deliberately public content (a landing page, public product catalogue): ignore it there
    with that reason, or say so in the design: `anonymous: true` on the client (or its link)
    whose users are not signed in by design. Where every client reaching it is the
    organisation's own staff or programs on its network (`audience: staff` or `audience:
    internal`), it is open to everyone on that network instead: a guest on the Wi-Fi, a
    compromised laptop, any pod in the cluster. Still a finding: a network boundary is not
    an identity.""",
    fix="""Authenticate at the edge: `auth: true` on the API gateway or service (verify a
    signed token such as a JWT from your identity provider on every request), or link the
    service to an identity provider. Then authorise each action, not only the login.""",
    references=(
        "OWASP API Security Top 10: API2 broken authentication",
        "AWS Well-Architected Framework, Security pillar: SEC02 manage identities",
    ),
)
def public_without_auth(ctx: LintContext) -> Iterator[Issue]:
    for hop in first_application_hops(ctx):
        component, arriving = hop.component, hop.arriving
        if _anonymous_by_design(ctx, hop):
            continue
        if not authenticates(ctx, component, arriving):
            assumed = ctx.assumed(component, "auth")
            sources = (ctx.components[k.source] for k in hop.entries)
            anyone = (
                "anyone on the organisation's network" if on_own_network(ctx, sources) else "anyone"
            )
            yield Issue(
                f"clients reach '{component.title}' and nothing checks who they are{assumed}: "
                f"everything behind it is open to {anyone}",
                component=component.id,
                severity=Severity.INFO if assumed else None,
                fix=ctx.fix(component, "Require authentication", auth=True),
            )
