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
    places = {z.id for z in ctx.design.zones if z.kind in ("region", "zone")}
    yield from judge_encryption(
        ctx,
        (k for k in ctx.links_between_zones if _zones_crossed(ctx, k, places) is not None),
        lambda source, target, link: (
            f"'{source.title}' talks to '{target.title}' unencrypted "
            f"across zones ({_zones_crossed(ctx, link, places)}): the traffic leaves the "
            "building in plaintext"
        ),
        "encryption across zones not stated",
        "say `tls: true` (or the protocol) on these links or their targets",
    )


def _zones_crossed(ctx: LintContext, link: LinkView, places: set[str]) -> str | None:
    """ "'A' to 'B'" when the link leaves one zone for another, else None (a component in a
    region talking to one of its zones stays inside). Networks and groups are not places:
    two of them in one region or availability zone (`places`), or with no place stated on
    either side (a Compose file's networks on one host), keep the traffic in one building."""
    source, target = ctx.source(link), ctx.target(link)
    if source is None or target is None:
        return None
    here, there = source.zone, target.zone
    if here is None or there is None or here == there:
        return None
    if here in ctx.zone_chain(there) or there in ctx.zone_chain(here):
        return None
    if _place(ctx, here, places) == _place(ctx, there, places):
        return None
    return f"'{ctx.zone_title(here)}' to '{ctx.zone_title(there)}'"


def _place(ctx: LintContext, zone: str, places: set[str]) -> str | None:
    """The innermost region or availability zone that holds `zone` (itself included)."""
    return next((z for z in ctx.zone_chain(zone) if z in places), None)
