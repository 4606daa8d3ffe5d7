"""AD305: an unencrypted link crosses zones or regions."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.design_view import LinkView
from archdraw.lint.rules.security.unstated import judge_encryption
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
    yield from judge_encryption(
        ctx,
        (k for k in ctx.links_between_zones if _zones_crossed(ctx, k) is not None),
        lambda source, target, link: (
            f"'{source.title}' talks to '{target.title}' unencrypted "
            f"across zones ({_zones_crossed(ctx, link)}): the traffic leaves the building in "
            "plaintext"
        ),
        "encryption across zones not stated",
        "say `tls: true` (or the protocol) on these links or their targets",
    )


def _zones_crossed(ctx: LintContext, link: LinkView) -> str | None:
    """ "'A' to 'B'" when the link leaves one zone for another, else None (a component in a
    region talking to one of its zones stays inside)."""
    source, target = ctx.source(link), ctx.target(link)
    if source is None or target is None:
        return None
    here, there = source.zone, target.zone
    if here is None or there is None or here == there:
        return None
    if here in ctx.zone_chain(there) or there in ctx.zone_chain(here):
        return None
    return f"'{ctx.zone_title(here)}' to '{ctx.zone_title(there)}'"
