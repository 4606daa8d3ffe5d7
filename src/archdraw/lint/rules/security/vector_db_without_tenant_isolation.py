"""AD307: a vector database without access control or tenant isolation."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.rules.security.datastore_without_auth import credentials_assumed
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD307",
    name="vector-db-without-tenant-isolation",
    severity=Severity.INFO,
    title="Vector database without tenant isolation",
    why="""In a RAG system, what the vector database returns is pasted into the model's prompt
    and can appear word for word in the answer. If one index holds every customer's documents
    and queries are not filtered by tenant, a question from customer A retrieves customer B's
    contracts: a data leak that no prompt engineering can undo. Does not apply to a
    single-tenant system or a public corpus.""",
    fix="""Enforce isolation on every query (`tenant_isolation: true`): a namespace or
    collection per tenant, or a mandatory tenant filter applied by the service, never by the
    model; and require authentication on the database itself.""",
    references=(
        "OWASP Top 10 for LLM Applications: LLM02 sensitive information disclosure, "
        "LLM08 vector and embedding weaknesses",
    ),
)
def vector_db_without_tenant_isolation(ctx: LintContext) -> Iterator[Issue]:
    for store in ctx.of_type("vector_db"):
        if ctx.flag(store, "tenant_isolation"):
            continue
        # A managed one (Pinecone, a hosted index) takes no query without the provider's key.
        authenticates = ctx.flag(store, "auth") or (
            ctx.prop(store, "auth") is None and credentials_assumed(ctx, store)
        )
        extra = "" if authenticates else ", and it accepts unauthenticated queries"
        # Info either way; it says which of this rests on values the design does not state.
        unstated = ("tenant_isolation",) if authenticates else ("tenant_isolation", "auth")
        yield Issue(
            f"'{store.title}' does not isolate tenants{extra}{ctx.assumed(store, *unstated)}: "
            "one customer's documents can land in another's answers",
            component=store.id,
            fix=ctx.fix(store, "Isolate tenants", tenant_isolation=True),
        )
