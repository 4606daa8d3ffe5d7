"""AD306: a client calls an LLM or a paid third-party API directly."""

from collections.abc import Iterator

from archdraw.lint.audience import internal
from archdraw.lint.context import LintContext
from archdraw.lint.types import Issue, Severity, rule

_PAID = frozenset({"llm", "embedding_model", "external_api"})


@rule(
    code="AD306",
    name="client-holds-secret",
    severity=Severity.WARNING,
    title="Client calls a paid API directly",
    why="""To call an LLM provider or a paid API, the client must carry the API key, and
    anything shipped to a browser or a phone can be extracted in minutes (view source, unzip
    the app). Then anyone can spend your money, at your rate limits, and you cannot tell
    their calls from your users'. It also puts no server between users and the provider to
    enforce quotas, strip sensitive data or switch providers. Keys meant to be public
    (restricted browser keys for maps, publishable payment keys) are the exception: ignore the
    finding there with that reason. A client the design says is one of the organisation's own
    programs (`audience: internal`: a service or job on its own servers) keeps its key where
    any service keeps one and is not judged; an app shipped to staff (`audience: staff`) is.
    A call the design says is made with a short-lived token its backend obtained for it
    (`scoped_token: true` on the link: a payment provider's hosted page, a presigned URL, an
    ephemeral model session key) carries no secret and is not reported.""",
    fix="""Route the call through your backend (a service or API gateway) that holds the key,
    authenticates the user and applies rate limits and quotas; or issue short-lived, scoped
    tokens to the client and say so (`scoped_token: true` on the client's link).""",
    references=(
        "OWASP Mobile Top 10: M1 improper credential usage",
        "OWASP Top 10 for LLM Applications: LLM10 unbounded consumption",
    ),
)
def client_holds_secret(ctx: LintContext) -> Iterator[Issue]:
    for source in ctx.client_side:
        if internal(ctx, source):
            continue  # a program on the organisation's own servers: the key stays there
        for link in ctx.out_links.get(source.id, ()):
            target = ctx.target(link)
            if target is None or target.type not in _PAID:
                continue
            if ctx.link_prop(link, "scoped_token") is True:
                continue  # a token its backend obtained for this call, not the account's key
            yield Issue(
                f"'{source.title}' calls '{target.title}' directly, so it must ship the API "
                "key: anyone can extract it and spend on your account",
                link=link.key,
            )
