"""AD301: a link from a client or an external party is not encrypted."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.rules.security.unstated import judge_encryption
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
    (no `tls`, no protocol) is unknown: those are reported together, once, as info.""",
    fix="""Terminate TLS at the entry point (`tls: true` on the load balancer, gateway or
    CDN) or mark the link `tls: true` / `protocol: HTTPS`; redirect plain HTTP and send HSTS.""",
    references=(
        "OWASP Top 10 2021: A02 cryptographic failures",
        "AWS Well-Architected Framework, Security pillar: SEC09 protect data in transit",
    ),
)
def public_without_tls(ctx: LintContext) -> Iterator[Issue]:
    entry_links = (k for k in ctx.entry_links if ctx.components[k.target].type != "dns")
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
