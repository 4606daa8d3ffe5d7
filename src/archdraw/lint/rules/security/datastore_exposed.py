"""AD303: a client talks to a data store directly."""

from collections.abc import Iterator

from archdraw.lint.audience import internal
from archdraw.lint.context import LintContext
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD303",
    name="datastore-exposed",
    severity=Severity.WARNING,
    title="Client talks to a data store directly",
    why="""A data store reached straight from clients must be open to the internet and must
    trust whatever queries they send: one leaked credential in an app bundle exposes every
    row, and there is no place to validate input, enforce business rules or change the schema
    without breaking shipped apps. Tens of thousands of databases are found open to the internet
    every year. Object storage with pre-signed URLs is the accepted exception (not flagged), and
    so are backends built for it (Firestore, Supabase with row-level security): ignore the
    finding there with that reason. A client the design says is the organisation's own staff
    (`audience: staff`: a desktop tool on the office network) is still judged: the store is
    then open to everyone on that network, and every laptop holds its credentials. One of the
    organisation's own programs (`audience: internal`: a batch job, another team's service) is
    not: it uses the store as any of the design's services does.""",
    fix="""Put a service (or an API gateway plus a service) between clients and the store,
    keep the store in a private network, and give the service the least privilege it needs.""",
    references=(
        "OWASP Top 10 2021: A01 broken access control",
        "AWS Well-Architected Framework, Security pillar: SEC05 protect networks",
    ),
)
def datastore_exposed(ctx: LintContext) -> Iterator[Issue]:
    for link in ctx.entry_links:
        source, target = ctx.components[link.source], ctx.components[link.target]
        if not ctx.is_client(source) or internal(ctx, source):
            continue
        if ctx.is_store(target) and target.type != "object_storage":
            yield Issue(
                f"'{source.title}' talks to the data store '{target.title}' directly: the "
                "store is open to every client of it, with no service in between to check "
                "what each may read or change",
                link=link.key,
            )
