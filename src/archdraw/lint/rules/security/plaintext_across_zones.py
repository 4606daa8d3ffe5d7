"""AD305: an unencrypted link crosses zones or regions."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.rules.security.public_without_tls import encrypted
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD305",
    name="plaintext-across-zones",
    severity=Severity.WARNING,
    title="Plaintext traffic between zones or regions",
    why="""Traffic between zones and regions leaves the building: it crosses provider backbones
    and leased fibre you do not control. "Inside the private network" stopped being a safe
    assumption once attackers showed they tap inter-datacenter links; a zero-trust design
    encrypts every hop. It is usually cheap: TLS or mTLS from a service mesh adds well under a
    millisecond on a warm connection.""",
    fix="""Encrypt the link (`tls: true`, or mTLS through a service mesh such as Istio or
    Linkerd), or set `tls: true` on the target so every connection to it is encrypted.""",
    references=(
        "AWS Well-Architected Framework, Security pillar: SEC09 protect data in transit",
        "NIST SP 800-207, Zero Trust Architecture",
    ),
)
def plaintext_across_zones(ctx: LintContext) -> Iterator[Issue]:
    zone_of = {c.id: c.zone for c in ctx.design.components}
    zone = zone_of.get
    for link in ctx.design.links:
        here = zone(link.source)
        if here is None:
            continue
        there = zone(link.target)
        if there is None or here == there or encrypted(ctx, link):
            continue
        if here in ctx.zone_chain(there) or there in ctx.zone_chain(here):
            continue  # a component in a region talking to one of its zones stays inside
        yield Issue(
            f"'{link.source}' talks to '{link.target}' unencrypted across zones ('{here}' to "
            f"'{there}'): the traffic leaves the building in plaintext",
            link=link.key,
            fix=ctx.link_fix(link, "Encrypt with TLS", tls=True),
        )
