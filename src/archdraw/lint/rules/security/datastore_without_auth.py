"""AD304: a data store accepts connections without authentication."""

from collections.abc import Iterator

from archdraw.lint.context import QUEUE_TYPES, LintContext
from archdraw.lint.design_view import ComponentView
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD304",
    name="datastore-without-auth",
    severity=Severity.WARNING,
    title="Data store without authentication",
    why="""A store that accepts any connection relies entirely on the network to keep people
    out, and networks leak: a misconfigured security group, a compromised pod, a developer VPN.
    Unauthenticated Redis, MongoDB and Elasticsearch instances are found and emptied (or held
    to ransom) within hours of being exposed. Authentication also tells you which service did
    what, and lets each have only the access it needs.""",
    fix="""Turn on authentication (`auth: true`): a password or IAM identity per service,
    least privilege (read-only where possible), credentials from a secret manager, and TLS so
    they cannot be sniffed.""",
    references=(
        "OWASP Top 10 2021: A07 identification and authentication failures",
        "AWS Well-Architected Framework, Security pillar: SEC03 manage permissions",
    ),
)
def datastore_without_auth(ctx: LintContext) -> Iterator[Issue]:
    # Being a store and taking `auth` go with the type: decide once per type. Stores come in
    # `ctx.stores` order (the library's), then queues that are not stores, in file order.
    by_type = ctx.by_type
    guarded: list[list[ComponentView]] = []
    queue_types = []
    for type_id in ctx.library.types:
        found = by_type.get(type_id)
        if not found or not ctx.has_prop(found[0], "auth"):
            continue
        if ctx.is_store(found[0]):
            guarded.append(found)
        elif type_id in QUEUE_TYPES:
            queue_types.append(type_id)
    if queue_types:
        guarded.append(ctx.of_type(*queue_types))
    prop, fix = ctx.prop, ctx.fix
    for components in guarded:
        for component in components:
            if prop(component, "auth") is not True:
                # Positional (message, component, link, zone, fix): keywords cost a third
                # more on thousands of findings.
                yield Issue(
                    f"'{component.title}' accepts connections without authentication: anyone who "
                    "reaches it on the network can read and change its data",
                    component.id,
                    None,
                    None,
                    fix(component, "Require authentication", auth=True),
                )
