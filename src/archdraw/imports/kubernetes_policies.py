"""NetworkPolicies as network-reachability evidence for links between workloads.

A policy that lets the pods of one workload in to another's is evidence between explicit
wiring (a Service, an Ingress) and a plain reference: it backs a guessed link (which then
counts as inferred) or, when nothing else joins the two, becomes a link of its own. A
selector that takes every pod (`{}`) only backs links found otherwise, since it says
nothing about which pods talk to which. Peers by namespace label or IP block are not in
the input: each is drawn as a guessed client ("namespace monitoring", "10.0.0.0/8 (private
network)") linked to the pods the policy lets it reach (`archdraw.imports.outside`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from archdraw.imports.kubernetes_routes import selects
from archdraw.imports.outside import block_label, let_in, namespace_label, outside_client

if TYPE_CHECKING:
    from archdraw.imports.kubernetes import KubernetesImport, Resource, Workload

RULE = "network reachability: NetworkPolicy"


def _ports(rule: dict[str, Any]) -> str:
    ports = [str(p.get("port")) for p in rule.get("ports") or [] if isinstance(p, dict)]
    return f" on port {', '.join(ports)}" if ports else ""


class NetworkPolicies:
    def __init__(self, owner: KubernetesImport) -> None:
        self.owner, self.builder = owner, owner.builder

    def pods(self, namespace: str | None, selector: Any) -> list[Workload]:
        """The workloads a pod selector takes in a namespace (`{}`: all of them)."""
        return [
            w
            for w in self.owner.workloads
            if w.resource.namespace == namespace and (selector == {} or selects(selector, w.labels))
        ]

    def run(self, policies: list[Resource]) -> None:
        for policy in policies:
            spec = policy.body.get("spec") or {}
            types = spec.get("policyTypes") or ["Ingress"]
            if not isinstance(spec, dict) or "Ingress" not in types:
                continue
            selector = spec.get("podSelector")
            targets = self.pods(policy.namespace, selector if selector is not None else {})
            for rule in spec.get("ingress") or []:
                if isinstance(rule, dict):
                    self.rule(policy, rule, targets, broad=selector in (None, {}))

    def rule(
        self, policy: Resource, rule: dict[str, Any], targets: list[Workload], broad: bool
    ) -> None:
        for peer in rule.get("from") or []:
            if not isinstance(peer, dict):
                continue
            if "podSelector" not in peer or peer.get("namespaceSelector") not in (None, {}):
                self.outside(policy, rule, peer, targets)
                continue
            sources = self.pods(policy.namespace, peer["podSelector"])
            for source in sources:
                for target in targets:
                    if source is target:
                        continue
                    self.builder.reachable(
                        source.component,
                        target.component,
                        policy.source,
                        RULE,
                        f"NetworkPolicy {policy.name} lets {source.resource.name} in to "
                        f"{target.resource.name}{_ports(rule)}",
                        create=not broad and peer["podSelector"] != {},
                    )

    def outside(
        self, policy: Resource, rule: dict[str, Any], peer: dict[str, Any], targets: list[Workload]
    ) -> None:
        """A peer the input does not hold (pods of other namespaces, an address block)."""
        if "ipBlock" in peer:
            block = peer["ipBlock"]
            cidr = block.get("cidr") if isinstance(block, dict) else None
            label = block_label(cidr) if isinstance(cidr, str) else None
            what = f"{cidr}" if label else "an IP block"
        else:
            label = namespace_label(peer.get("namespaceSelector"))
            pods = peer.get("podSelector")
            what = label if pods in (None, {}) else f"pods {_selector(pods)} in {label}"
        if label is None or not targets:
            self.builder.unresolved(
                f"{policy.source}: lets in {what}, which the input cannot resolve (not drawn)"
            )
            return
        said = f"{RULE}: a peer outside the input"
        client = outside_client(self.builder, label, policy.source, said)
        for target in targets:
            let_in(
                self.builder,
                client,
                target.component,
                policy.source,
                said,
                f"NetworkPolicy {policy.name} lets {what} in to {target.resource.name}"
                f"{_ports(rule)}",
            )


def _selector(selector: Any) -> str:
    labels = selector.get("matchLabels") if isinstance(selector, dict) else None
    if isinstance(labels, dict) and labels:
        return ", ".join(f"{k}={v}" for k, v in sorted(labels.items(), key=str))
    return "picked by label expressions"
