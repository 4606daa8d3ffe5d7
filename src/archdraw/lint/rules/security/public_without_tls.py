"""AD301: a link from a client or an external party is not encrypted."""

from collections.abc import Iterator

from archdraw.analysis.kinds import provider_runs
from archdraw.lint.context import LintContext
from archdraw.lint.design_view import LinkView
from archdraw.lint.rules.security.unstated import encrypted, judge_encryption
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD301",
    name="public-without-tls",
    severity=Severity.ERROR,
    title="Public traffic without TLS",
    why="""Traffic from clients and partners crosses networks you do not control: café Wi-Fi,
    ISPs, corporate proxies. Without TLS anyone on the path can read passwords, tokens and
    personal data, and change responses (inject scripts, swap payment details). Browsers mark
    such sites as not secure, and app stores and regulations (PCI DSS, GDPR) expect encryption
    in transit. The organisation's own staff and programs on its network (`audience: staff`
    or `audience: internal` on the client) are judged alike: a shop's Wi-Fi or an office
    network carries guests, and a compromised laptop reads it all. Certificates are free and
    automatic today. (Links to DNS are not
    reported: name look-ups are not secret.) A link whose encryption the design does not state
    (no `tls`, no protocol) is unknown: those are reported together, once, as info; except
    into an identity provider the provider runs (type `auth` with `managed` or `global`:
    Entra ID, Cognito, Auth0), whose sign-in endpoints OAuth 2.0 and OpenID Connect require
    to be TLS and which serve nothing else. A stated `tls: false` there is still reported.""",
    fix="""Terminate TLS at the entry point (`tls: true` on the load balancer, gateway or
    CDN) or mark the link `tls: true` / `protocol: HTTPS`; redirect plain HTTP and send HSTS.""",
    references=(
        "OWASP Top 10 2021: A02 cryptographic failures",
        "AWS Well-Architected Framework, Security pillar: SEC09 protect data in transit",
    ),
)
def public_without_tls(ctx: LintContext) -> Iterator[Issue]:
    entry_links = (
        k
        for k in ctx.entry_links
        if ctx.components[k.target].type != "dns" and not _hosted_sign_in(ctx, k)
    )
    yield from judge_encryption(
        ctx,
        entry_links,
        lambda source, target, _: (
            f"'{source.title}' reaches '{target.title}' unencrypted: "
            "anyone on the network path can read and change the traffic"
        ),
        "encryption not stated",
        "say `tls: true` or `protocol: HTTPS` on the entry links or their targets (a `label`"
        " is display text: it states nothing)",
    )


def _hosted_sign_in(ctx: LintContext, link: LinkView) -> bool:
    """A link into an identity provider the provider runs, its encryption not stated: OAuth 2.0
    and OpenID Connect endpoints are TLS only, and hosted providers serve nothing else."""
    target = ctx.components[link.target]
    if target.type != "auth" or encrypted(ctx, link) is not None:
        return False
    return provider_runs(ctx.prop(target, "managed"), ctx.prop(target, "global"))
