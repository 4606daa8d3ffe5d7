"""AD301: a link from a client or an external party is not encrypted."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.design_view import LinkView
from archdraw.lint.types import Issue, Severity, rule

_ENCRYPTED_PROTOCOLS = ("https", "wss", "grpcs", "tls", "mtls", "quic", "http/3", "dtls", "srtp")


def encrypted(ctx: LintContext, link: LinkView) -> bool:
    protocol = str(ctx.link_prop(link, "protocol") or "").strip().lower()
    target = ctx.target(link)
    return (
        ctx.link_prop(link, "tls") is True
        or protocol.startswith(_ENCRYPTED_PROTOCOLS)
        or (target is not None and ctx.flag(target, "tls"))
    )


@rule(
    code="AD301",
    name="public-without-tls",
    severity=Severity.ERROR,
    title="Public traffic without TLS",
    why="""Traffic from clients and partners crosses networks you do not control: café Wi-Fi,
    ISPs, corporate proxies. Without TLS anyone on the path can read passwords, tokens and
    personal data, and change responses (inject scripts, swap payment details). Browsers mark
    such sites as not secure, and app stores and regulations (PCI DSS, GDPR) expect encryption
    in transit. Certificates are free and automatic today. (Links to DNS are not
    reported: name look-ups are not secret.)""",
    fix="""Terminate TLS at the entry point (`tls: true` on the load balancer, gateway or
    CDN) or mark the link `tls: true` / `protocol: HTTPS`; redirect plain HTTP and send HSTS.""",
    references=(
        "OWASP Top 10 2021: A02 cryptographic failures",
        "AWS Well-Architected Framework, Security pillar: SEC09 protect data in transit",
    ),
)
def public_without_tls(ctx: LintContext) -> Iterator[Issue]:
    for link in ctx.entry_links:
        if encrypted(ctx, link) or ctx.components[link.target].type == "dns":
            continue  # name look-ups are public data; DNSSEC and DoH are another matter
        source, target = ctx.components[link.source], ctx.components[link.target]
        yield Issue(
            f"'{source.title}' reaches '{target.title}' unencrypted: anyone on the network "
            "path can read and change the traffic",
            link=link.key,
            fix=ctx.link_fix(link, "Encrypt with TLS", tls=True),
        )
