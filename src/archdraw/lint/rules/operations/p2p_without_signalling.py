"""AD604: peers with no signalling, tracker or relay to find and reach each other."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD604",
    name="p2p-without-signalling",
    severity=Severity.WARNING,
    title="Peer-to-peer without signalling or relay",
    why="""Peers cannot connect to each other out of nothing: they first need to learn who is
    online and at which address (a tracker, a DHT bootstrap node or a signalling server), and
    most sit behind NATs and firewalls that block incoming connections, so about 10 to 20 % of
    WebRTC sessions need a TURN relay to carry their traffic. A design of peers talking only to
    peers leaves out the parts that make it work.""",
    fix="""Add a signalling service (WebRTC), tracker or DHT bootstrap nodes that every peer
    links to, plus STUN/TURN relays for peers that cannot reach each other directly.""",
    references=(
        "RFC 8445 (ICE) and RFC 8656 (TURN)",
        "High Performance Browser Networking (Grigorik), ch. 18 (WebRTC)",
    ),
)
def p2p_without_signalling(ctx: LintContext) -> Iterator[Issue]:
    for peer in ctx.of_type("peer"):
        if not any(n.type != "peer" for n in ctx.neighbours(peer.id)):
            yield Issue(
                f"'{peer.title}' talks only to peers: nothing helps peers find each other or "
                "relays for those behind NATs",
                component=peer.id,
            )
