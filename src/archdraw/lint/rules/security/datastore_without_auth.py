"""AD304: a data store accepts connections without authentication."""

from collections.abc import Iterator

from archdraw.analysis.kinds import provider_runs
from archdraw.lint.context import QUEUE_TYPES, LintContext
from archdraw.lint.design_view import ComponentView
from archdraw.lint.rules.security.unstated import one_unknown
from archdraw.lint.types import Issue, Severity, rule

# Stores whose managed offerings still accept connections from the network alone until
# authentication is turned on: ElastiCache and Memorystore (Redis AUTH is off by default,
# Memcached has none), NFS file systems (EFS, Filestore: security groups only) and Neptune
# (IAM auth off by default). Other managed stores are reached through the provider's signed
# API (DynamoDB, S3, SQS, Kinesis, BigQuery) or an API key (Pinecone, Azure AI Search), or
# always get a login (RDS, Cloud SQL): no credentials, no connection.
OPEN_WHEN_MANAGED = frozenset({"cache", "file_system", "graph_database"})


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
    they cannot be sniffed. Links into the store that say `auth: true` count: the callers
    authenticate. Public files (`anonymous: true` on object storage: anyone may read them, by
    design) need it only on the links that write. A store whose `auth` the design does not
    state is unknown, not open: those are reported together, once, as info. A store the
    provider runs (`managed: true`: DynamoDB, S3, SQS, Kinesis, BigQuery, RDS, Cloud SQL, a
    hosted vector database) with `auth` not stated is not reported: it cannot be reached
    without the provider's credentials (IAM, an API key, the login it creates), so they are
    assumed; keep each service's identity least-privilege. Managed caches, NFS file systems
    and graph stores (ElastiCache, Memorystore, EFS, Neptune) accept connections from the
    network alone until authentication is turned on, so they are still asked; and any managed
    store stated `auth: false` (a bucket policy open to anyone, an open search domain) is
    reported.""",
    references=(
        "OWASP Top 10 2021: A07 identification and authentication failures",
        "AWS Well-Architected Framework, Security pillar: SEC03 manage permissions",
    ),
)
def datastore_without_auth(ctx: LintContext) -> Iterator[Issue]:
    unknown: list[tuple[str, str]] = []
    told = _told_auth(ctx)
    for component in _guarded(ctx):
        auth = ctx.prop(component, "auth")
        if auth is True or _every_caller_authenticates(ctx, component, told):
            continue
        if ctx.in_process(component):
            continue  # memory inside its caller: nothing else can connect to it
        if auth is None:
            if not credentials_assumed(ctx, component):
                unknown.append((component.id, component.title))
            continue
        yield Issue(
            f"'{component.title}' accepts connections without authentication (`auth: false`): "
            "anyone who reaches it on the network can read and change its data",
            component=component.id,
            fix=ctx.fix(component, "Require authentication", auth=True),
        )
    if unknown:
        unknown.sort(key=lambda element: ctx.file_order[element[0]])
        yield one_unknown(
            "`auth` not stated",
            unknown,
            "say how callers are checked (a password or identity per service, `auth: true` "
            "on the store or its links)",
        )


def _guarded(ctx: LintContext) -> list[ComponentView]:
    """Stores, then queues and streams, that take `auth`."""
    stores = [c for c in ctx.stores if ctx.has_prop(c, "auth")]
    queues = [c for c in ctx.of_type(*QUEUE_TYPES) if ctx.has_prop(c, "auth")]
    return stores + [c for c in queues if not ctx.is_store(c)]


def credentials_assumed(ctx: LintContext, store: ComponentView) -> bool:
    """A store the provider runs that no one reaches without the provider's credentials."""
    if store.type in OPEN_WHEN_MANAGED:
        return False
    return provider_runs(ctx.prop(store, "managed"), ctx.prop(store, "global"))


def _told_auth(ctx: LintContext) -> set[str] | None:
    """The components some link into states `auth`: only those links can say their caller
    authenticates, unless the library's default for links says so (then None: any link)."""
    if ctx.link_default("auth") is True:
        return None
    return {k.target for k in ctx.links_stating("auth")}


def _every_caller_authenticates(
    ctx: LintContext, store: ComponentView, told: set[str] | None
) -> bool:
    """Every link into the store says the caller authenticates (`auth: true`). A store that
    serves anonymous readers by design (`anonymous: true`: public files) asks it only of the
    links that write, and of none when nothing writes over a drawn link. `told`: the stores
    some link into states `auth` (`_told_auth`)."""
    if ctx.flag(store, "anonymous"):
        writers = [k for k in ctx.flow_in(store.id) if ctx.writes(k)]
        return all(ctx.link_prop(k, "auth") is True for k in writers)
    if told is not None and store.id not in told:
        return False  # no link into it says so
    arriving = ctx.flow_in(store.id)
    return bool(arriving) and all(ctx.link_prop(k, "auth") is True for k in arriving)
