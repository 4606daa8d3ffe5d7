"""Peers a firewall rule lets in that the input does not hold: address blocks (a security
group's CIDR blocks, a NetworkPolicy's `ipBlock`) and namespaces picked by label.

Each is drawn as a client standing for whoever is there ("internet 0.0.0.0/0", "10.0.0.0/8
(VPC)", "namespace monitoring"), linked to the boxes the rule lets it reach. The rule says
who may connect, not who does, so box and links are `guessed`, with the rule as evidence,
and the links carry no requests (`calls: 0`) until someone states a rate:
the report lists them, the editor marks them and lint (AD607) asks to confirm them. The
whole internet is the client that stands for the users, not a second one.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from typing import Any

from archdraw.imports.builder import CLIENT_KEY, DesignBuilder

CONFIDENCE = "guessed"
# Ranges no one routes on the internet (RFC 1918, shared address space, unique local).
_PRIVATE = tuple(
    ipaddress.ip_network(n)
    for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7")
)


def _network(text: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network | None:
    try:
        return ipaddress.ip_network(text.strip(), strict=False)
    except ValueError:
        return None


def block_label(cidr: str, own_networks: Iterable[str] = ()) -> str | None:
    """How a block is named: the internet, the design's own network, a private or a public
    range; None for text that is no address block."""
    block = _network(cidr)
    if block is None:
        return None
    if block.prefixlen == 0:
        return f"internet {block}"
    for text in own_networks:
        own = _network(text)
        if own is not None and own.version == block.version and block.overlaps(own):
            return f"{block} (VPC)"
    private = any(block.version == p.version and block.subnet_of(p) for p in _PRIVATE)  # type: ignore[arg-type]
    return f"{block} (private network)" if private else f"{block} (outside addresses)"


def namespace_label(selector: Any) -> str:
    """The namespaces a `namespaceSelector` picks, in words: by name where it says one."""
    if not isinstance(selector, dict) or not selector:
        return "every namespace"
    labels = selector.get("matchLabels") or {}
    if isinstance(labels, dict):
        for key in ("kubernetes.io/metadata.name", "name"):
            if isinstance(labels.get(key), str):
                return f"namespace {labels[key]}"
        said = ", ".join(f"{k}={v}" for k, v in sorted(labels.items(), key=str))
        if said and not selector.get("matchExpressions"):
            return f"namespaces labelled {said}"
    return "namespaces picked by label expressions"


def outside_client(builder: DesignBuilder, label: str, source: str, rule: str) -> str:
    """The client standing for `label` (the users' client for the whole internet)."""
    if label.startswith("internet "):
        found = builder.id_of(CLIENT_KEY)
        if found is not None:
            return found
        return builder.add_component(
            CLIENT_KEY, "client", label, source, rule, CONFIDENCE, wanted_id="internet"
        )
    key = f"outside:{label}"
    return builder.id_of(key) or builder.add_component(
        key, "client", label, source, rule, CONFIDENCE, wanted_id=label.split(" (")[0]
    )


def let_in(
    builder: DesignBuilder, client: str, target: str, source: str, rule: str, evidence: str
) -> None:
    """A link from an outside peer to a box it may reach; a link already there (an entry
    from the users) only gains the evidence."""
    key = f"{client}->{target}"
    if key in builder.links:
        builder.evidence(key, evidence)
        return
    # May connect, not does: no requests of the analysis go this way until someone says so.
    builder.add_link(
        client, target, "sync", source, rule, CONFIDENCE, evidence=evidence, props={"calls": 0}
    )
