"""What routes traffic to workloads: Services (by selector), Ingress and Gateway API routes,
and what sizes them: HorizontalPodAutoscalers and PodDisruptionBudgets."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from archdraw.imports.images import type_of

if TYPE_CHECKING:
    from archdraw.imports.kubernetes import KubernetesImport, Resource, Workload

_PUBLIC_SERVICE_TYPES = ("LoadBalancer", "NodePort")


def selects(selector: Any, labels: dict[str, str]) -> bool:
    if not isinstance(selector, dict) or not selector:
        return False
    wanted = selector.get("matchLabels", selector) if "matchLabels" in selector else selector
    return isinstance(wanted, dict) and all(labels.get(str(k)) == str(v) for k, v in wanted.items())


class Routes:
    def __init__(self, owner: KubernetesImport) -> None:
        self.owner = owner
        self.builder = owner.builder
        self.hosts: dict[str, str] = {}
        self.services: dict[tuple[str | None, str], list[str]] = {}
        self.gateways: dict[str, str] = {}

    def run(self, found: list[Resource]) -> None:
        order = (
            "Service",
            "Gateway",
            "Ingress",
            "HTTPRoute",
            "GRPCRoute",
            "TLSRoute",
            "HorizontalPodAutoscaler",
            "PodDisruptionBudget",
        )
        for kind in order:
            for resource in (r for r in found if r.kind == kind):
                getattr(self, kind.lower(), self.route)(resource)

    def matching(self, resource: Resource, selector: Any) -> list[Workload]:
        return [
            w
            for w in self.owner.workloads
            if w.resource.namespace == resource.namespace and selects(selector, w.labels)
        ]

    def client(self, source: str) -> str:
        return self.builder.client(source, "exposed Service or Ingress: a client")

    def service(self, resource: Resource) -> None:
        spec = resource.body.get("spec") or {}
        if spec.get("type") == "ExternalName":
            self.external(resource)
            return
        targets = [w.component for w in self.matching(resource, spec.get("selector"))]
        self.builder.skip("Service (folded into links)")
        if not targets:
            self.builder.unresolved(f"{resource.source}: selects no workload in the input")
            return
        self.services[(resource.namespace, resource.name)] = targets
        for host in (
            resource.name,
            f"{resource.name}.{resource.namespace}" if resource.namespace else None,
        ):
            if host:
                self.hosts.setdefault(host.lower(), targets[0])
        if spec.get("type") in _PUBLIC_SERVICE_TYPES:
            client = self.client(resource.source)
            for target in targets:
                self.builder.add_link(
                    client,
                    target,
                    "sync",
                    resource.source,
                    f"Service type {spec['type']}",
                    "explicit",
                    evidence=f"exposed outside the cluster by Service {resource.name}",
                )

    def external(self, resource: Resource) -> None:
        """An ExternalName Service is a name in the cluster for a host outside it (a managed
        database, a partner's API): a box of its own that the pods naming it call."""
        typing = type_of(self.owner.mapping, None, resource.name)
        chosen = typing.type if typing.confidence != "defaulted" else "external_api"
        cid = self.builder.add_component(
            f"{resource.namespace}/{resource.kind}/{resource.name}",
            chosen,
            resource.name,
            resource.source,
            f"ExternalName Service: a host outside the cluster; {typing.rule}",
            "guessed",
            zone=None,
        )
        for host in (
            resource.name,
            f"{resource.name}.{resource.namespace}" if resource.namespace else None,
        ):
            if host:
                self.hosts.setdefault(host.lower(), cid)

    def backends(self, resource: Resource, names: list[str]) -> list[str]:
        found = []
        for name in names:
            targets = self.services.get((resource.namespace, name))
            if targets is None:
                self.builder.unresolved(
                    f"{resource.source}: backend Service {name} is not in the input"
                )
            found += targets or []
        return found

    def entry(self, resource: Resource, backends: list[str], tls: bool, rule: str) -> None:
        builder = self.builder
        zone = self.owner.namespace(resource.namespace, resource.source)
        # Charts name the Ingress after the Deployment it fronts: two boxes called `shop-api`
        # would make every message about them read "from 'shop-api' on to 'shop-api'".
        taken = any(c.label == resource.name for c in builder.components.values())
        cid = builder.add_component(
            f"{resource.namespace}/{resource.kind}/{resource.name}",
            "load_balancer",
            f"{resource.name} ({resource.kind})" if taken else resource.name,
            resource.source,
            rule,
            "explicit",
            zone=zone,
            wanted_id=f"{resource.name}-{resource.kind.lower()}" if taken else None,
        )
        builder.set_prop(cid, "tls", tls)
        builder.add_link(
            self.client(resource.source), cid, "sync", resource.source, rule, "explicit"
        )
        for target in backends:
            builder.add_link(
                cid, target, "sync", resource.source, f"{resource.kind} backend", "explicit"
            )
        if resource.kind == "Gateway":
            self.gateways[resource.name] = cid

    def ingress(self, resource: Resource) -> None:
        spec = resource.body.get("spec") or {}
        names = []
        for backend in [spec.get("defaultBackend") or spec.get("backend")] + [
            path.get("backend")
            for rule in spec.get("rules") or []
            if isinstance(rule, dict)
            for path in (rule.get("http") or {}).get("paths") or []
            if isinstance(path, dict)
        ]:
            if isinstance(backend, dict):
                name = (backend.get("service") or {}).get("name") or backend.get("serviceName")
                if name:
                    names.append(str(name))
        self.entry(
            resource,
            self.backends(resource, list(dict.fromkeys(names))),
            bool(spec.get("tls")),
            "Ingress: an entry",
        )

    def gateway(self, resource: Resource) -> None:
        listeners = (resource.body.get("spec") or {}).get("listeners") or []
        tls = any(
            isinstance(item, dict) and item.get("protocol") in ("HTTPS", "TLS")
            for item in listeners
        )
        self.entry(resource, [], tls, "Gateway: an entry")

    def route(self, resource: Resource) -> None:
        spec = resource.body.get("spec") or {}
        names = [
            str(ref.get("name"))
            for rule in spec.get("rules") or []
            if isinstance(rule, dict)
            for ref in rule.get("backendRefs") or []
            if isinstance(ref, dict) and ref.get("name")
        ]
        targets = self.backends(resource, list(dict.fromkeys(names)))
        parents = [str(p.get("name")) for p in spec.get("parentRefs") or [] if isinstance(p, dict)]
        for parent in parents:
            gateway = self.gateways.get(parent)
            if gateway is None:
                self.builder.unresolved(
                    f"{resource.source}: parent Gateway {parent} is not in the input"
                )
                continue
            for target in targets:
                self.builder.add_link(
                    gateway, target, "sync", resource.source, f"{resource.kind} backend", "explicit"
                )

    def target(self, resource: Resource, ref: Any) -> Workload | None:
        if not isinstance(ref, dict):
            return None
        found = next(
            (
                w
                for w in self.owner.workloads
                if w.resource.name == ref.get("name")
                and w.resource.kind == ref.get("kind")
                and w.resource.namespace == resource.namespace
            ),
            None,
        )
        if found is None:
            self.builder.unresolved(
                f"{resource.source}: target {ref.get('kind')}/{ref.get('name')} is not in the input"
            )
        return found

    def horizontalpodautoscaler(self, resource: Resource) -> None:
        spec = resource.body.get("spec") or {}
        workload = self.target(resource, spec.get("scaleTargetRef"))
        self.builder.skip("HorizontalPodAutoscaler (folded into replicas)")
        if workload is None:
            return
        low, high = spec.get("minReplicas", 1), spec.get("maxReplicas")
        self.builder.set_prop(workload.component, "replicas", low if isinstance(low, int) else 1)
        self.builder.evidence(
            workload.component, f"{resource.source}: scales between {low} and {high} replicas"
        )

    def poddisruptionbudget(self, resource: Resource) -> None:
        spec = resource.body.get("spec") or {}
        self.builder.skip("PodDisruptionBudget (an availability hint)")
        budget = ", ".join(
            f"{k} {spec[k]}" for k in ("minAvailable", "maxUnavailable") if k in spec
        )
        for workload in self.matching(resource, spec.get("selector")):
            self.builder.evidence(
                workload.component,
                f"{resource.source}: keeps {budget} during voluntary disruptions",
            )
