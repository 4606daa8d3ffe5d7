"""AD304: a data store accepts connections without authentication."""

from collections.abc import Iterator

from archdraw.lint.context import QUEUE_TYPES, LintContext
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
    queues = [q for q in ctx.of_type(*QUEUE_TYPES) if not ctx.is_store(q)]
    for component in ctx.stores + queues:
        if ctx.has_prop(component, "auth") and not ctx.flag(component, "auth"):
            yield Issue(
                f"'{component.title}' accepts connections without authentication: anyone who "
                "reaches it on the network can read and change its data",
                component=component.id,
                fix=ctx.fix(component, "Require authentication", auth=True),
            )
