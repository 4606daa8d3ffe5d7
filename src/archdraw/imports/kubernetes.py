"""Kubernetes manifests: workloads to components typed by image; Services, routes, HPAs wire them.

Input is any number of multi-document files (`helm template`, `kubectl kustomize`,
`kubectl get -o yaml` lists). A Service is not drawn: it tells which workloads a name
reaches. Namespaces become groups; unknown kinds and custom resources are reported.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from archdraw.imports.builder import DesignBuilder
from archdraw.imports.hosts import host_references
from archdraw.imports.images import Typing, type_of
from archdraw.imports.inputs import YamlDocument
from archdraw.imports.kubernetes_policies import NetworkPolicies
from archdraw.imports.kubernetes_routes import Routes
from archdraw.imports.kubernetes_shape import check_shape
from archdraw.imports.mapping import MappingTables
from archdraw.imports.wiring import link_by_reference, resolve
from archdraw.source import Problem, SourceError

# Read by `kubernetes_routes`; listed so they are not reported as unknown kinds.
ROUTED_KINDS = {
    "Service",
    "Ingress",
    "Gateway",
    "HTTPRoute",
    "GRPCRoute",
    "TLSRoute",
    "HorizontalPodAutoscaler",
    "PodDisruptionBudget",
    "Namespace",
}


def dig(data: Any, path: str) -> Any:
    for part in [p for p in path.split(".") if p]:
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


@dataclass
class Resource:
    kind: str
    group: str
    name: str
    namespace: str | None
    body: dict[str, Any]
    source: str


@dataclass
class Workload:
    resource: Resource
    component: str
    labels: dict[str, str]
    template: dict[str, Any]
    texts: list[tuple[str | None, str]] = field(default_factory=list)
    # Variables a ConfigMap fills (`envFrom`, `configMapKeyRef`): name, value, ConfigMap.
    from_config: list[tuple[str, str, str]] = field(default_factory=list)


def resources(
    files: list[tuple[str, YamlDocument]],
    builder: DesignBuilder | None = None,
    read: Callable[[str], bool] = lambda kind: True,
) -> list[Resource]:
    """The objects in the documents; a document that is not one is reported to `builder`.
    Raise `SourceError` naming every field of the wrong shape in the objects whose kind
    the importer `read`s (the metadata of the others)."""
    found = []
    problems: list[Problem] = []
    for name, document in files:
        items: list[tuple[Any, tuple[Any, ...]]] = [(document.data, ())]
        if isinstance(document.data, dict) and str(document.data.get("kind", "")).endswith("List"):
            items = [
                (item, ("items", i)) for i, item in enumerate(document.data.get("items") or [])
            ]
        for body, path in items:
            if not isinstance(body, dict) or not isinstance(body.get("kind"), str):
                # An empty document (a stray `---`) is nothing; anything else is not silently
                # dropped: a Compose file forced through `-f kubernetes` would import as empty.
                if body is not None and builder is not None:
                    builder.unresolved(
                        f"{name}:{document.line(*path)}: not a Kubernetes object "
                        "(no 'kind'); left out"
                    )
                continue
            problems += check_shape(name, document, body, path, read(body["kind"]))
            meta: dict[str, Any] = body.get("metadata") or {}
            meta = meta if isinstance(meta, dict) else {}
            api = str(body.get("apiVersion", ""))
            title = f"{body['kind']}/{meta.get('name', '?')}"
            found.append(
                Resource(
                    body["kind"],
                    api.split("/")[0] if "/" in api else "",
                    str(meta.get("name", "?")),
                    meta.get("namespace"),
                    body,
                    f"{name}:{document.line(*path, 'kind')} {title}",
                )
            )
    if problems:
        raise SourceError(problems)
    return found


class KubernetesImport:
    def __init__(self, builder: DesignBuilder, mapping: MappingTables) -> None:
        self.builder, self.mapping = builder, mapping
        self.workloads: list[Workload] = []
        self.namespaces: dict[str, str] = {}
        # The string data of each ConfigMap by (namespace, name), read for the host names a
        # pod's environment takes from it. Secrets are never read.
        self.config_maps: dict[tuple[str | None, str], dict[str, str]] = {}

    def namespace(self, name: str | None, source: str) -> str | None:
        if name is None:
            return None
        if name not in self.namespaces:
            self.namespaces[name] = self.builder.add_zone(
                f"namespace:{name}", name, "group", source, "namespace: a group", "explicit"
            )
        return self.namespaces[name]

    def reads(self, kind: str) -> bool:
        """The importer reads objects of `kind` beyond their metadata."""
        known = kind in ROUTED_KINDS or kind == "NetworkPolicy"
        return known or self.mapping.first("kubernetes.workloads", kind) is not None

    def run(self, files: list[tuple[str, YamlDocument]]) -> None:
        found = resources(files, self.builder, self.reads)
        routes = Routes(self)
        for resource in found:
            data = resource.body.get("data") if resource.kind == "ConfigMap" else None
            if isinstance(data, dict):
                texts = {str(k): v for k, v in data.items() if isinstance(v, str)}
                self.config_maps[(resource.namespace, resource.name)] = texts
        for resource in found:
            if _helm_hook(resource):
                # A test pod or a migration Job runs when a release is installed or tested;
                # it is no part of the running system.
                self.builder.skip(f"{resource.kind} (Helm hook)")
                continue
            if resource.kind == "Namespace":
                self.namespace(resource.name, resource.source)
                continue
            kind_rule = self.mapping.first("kubernetes.workloads", resource.kind)
            if kind_rule is not None:
                self.workload(resource, dict(kind_rule.fields), kind_rule.name)
            elif resource.kind in ROUTED_KINDS or resource.kind == "NetworkPolicy":
                continue
            elif self.mapping.first("kubernetes.plumbing", resource.kind):
                self.builder.skip(resource.kind)
            else:
                self.custom(resource)
        routes.run([r for r in found if r.kind in ROUTED_KINDS])
        for workload in self.workloads:
            self.wire(workload, routes.hosts)
        NetworkPolicies(self).run([r for r in found if r.kind == "NetworkPolicy"])

    def workload(self, resource: Resource, rule: dict[str, Any], rule_name: str) -> None:
        template = dig(resource.body, rule.get("template", "spec.template"))
        template = template if isinstance(template, dict) else {}
        pod: dict[str, Any] = template["spec"] if isinstance(template.get("spec"), dict) else {}
        containers = [c for c in pod.get("containers") or [] if isinstance(c, dict)]
        typing = self.typing(resource, rule, rule_name, containers)
        zone = self.namespace(resource.namespace, resource.source)
        builder = self.builder
        cid = builder.add_component(
            f"{resource.namespace}/{resource.kind}/{resource.name}",
            typing.type,
            resource.name,
            resource.source,
            typing.rule,
            typing.confidence,
            zone=zone,
        )
        if typing.technology:
            builder.set_prop(cid, "technology", typing.technology, typing.confidence)
        # A type with no replicas (a load generator typed as a client) has nothing to set.
        replicas_path = rule.get("replicas") if builder.accepts(cid, "replicas") else None
        if replicas_path:
            self.replicas(cid, resource, replicas_path)
        elif rule.get("per_node") and builder.accepts(cid, "replicas"):
            builder.unknown(
                cid,
                "replicas",
                f"a {resource.kind} runs one per node; the node count is not in the manifests",
            )
        self.spreading(cid, pod)
        labels = dig(template, "metadata.labels") or {}
        workload = Workload(resource, cid, {str(k): str(v) for k, v in labels.items()}, template)
        for container in containers:
            for item in container.get("env") or []:
                if isinstance(item, dict) and isinstance(item.get("value"), str):
                    workload.texts.append((str(item.get("name")), item["value"]))
            self.configured_env(workload, container)
            for key in ("args", "command"):
                workload.texts += [
                    (None, str(a)) for a in container.get(key) or [] if isinstance(a, str)
                ]
        self.workloads.append(workload)

    def configured_env(self, workload: Workload, container: dict[str, Any]) -> None:
        """The variables a container takes from ConfigMaps in the input: every key of an
        `envFrom` ConfigMap (with its prefix), and each `configMapKeyRef`."""
        namespace = workload.resource.namespace
        for source in container.get("envFrom") or []:
            name = dig(source, "configMapRef.name")
            data = self.config_maps.get((namespace, str(name)))
            prefix = source.get("prefix") if isinstance(source, dict) else None
            for key, value in (data or {}).items():
                workload.from_config.append((f"{prefix or ''}{key}", value, str(name)))
        for item in container.get("env") or []:
            ref = dig(item, "valueFrom.configMapKeyRef")
            if not isinstance(ref, dict):
                continue
            data = self.config_maps.get((namespace, str(ref.get("name"))), {})
            if str(ref.get("key")) in data:
                text = data[str(ref.get("key"))]
                workload.from_config.append((str(item.get("name")), text, str(ref.get("name"))))

    def typing(
        self,
        resource: Resource,
        rule: dict[str, Any],
        rule_name: str,
        containers: list[dict[str, Any]],
    ) -> Typing:
        if rule.get("type"):
            return Typing(rule["type"], f"{rule_name} (kind {resource.kind})", "inferred")
        # The first container is the application by convention; later ones are sidecars (a
        # proxy, an exporter) and must not type the pod.
        image = str(containers[0].get("image", "")) if containers else None
        return type_of(self.mapping, image, resource.name)

    def spreading(self, cid: str, pod: dict[str, Any]) -> None:
        keys = [
            str(c.get("topologyKey", ""))
            for c in pod.get("topologySpreadConstraints") or []
            if isinstance(c, dict)
        ]
        anti = dig(pod, "affinity.podAntiAffinity") or {}
        for terms in anti.values() if isinstance(anti, dict) else []:
            for term in terms or []:
                term = term.get("podAffinityTerm", term) if isinstance(term, dict) else {}
                keys.append(str(term.get("topologyKey", "")))
        if any("zone" in key for key in keys):
            replicas = self.builder.components[cid].props.get("replicas", 1)
            if isinstance(replicas, int) and replicas >= 2:
                self.builder.set_prop(cid, "zones", 2, "inferred")
                self.builder.unknown(
                    cid,
                    "zones",
                    "spread across zones; how many zones the cluster has is not in the "
                    "manifests (2 assumed)",
                )

    def custom(self, resource: Resource) -> None:
        rule = self.mapping.first(
            "kubernetes.custom_resources", f"{resource.kind}.{resource.group}"
        )
        if rule is None:
            self.builder.skip(resource.kind)
            self.builder.unresolved(
                f"{resource.source}: kind {resource.kind} ({resource.group or 'core'}) "
                "is not known; "
                "map it under kubernetes.custom_resources in a mapping file"
            )
            return
        zone = self.namespace(resource.namespace, resource.source)
        cid = self.builder.add_component(
            f"{resource.namespace}/{resource.kind}/{resource.name}",
            rule.get("type"),
            resource.name,
            resource.source,
            rule.name,
            rule.confidence,
            zone=zone,
        )
        if rule.get("technology"):
            self.builder.set_prop(cid, "technology", rule.get("technology"), rule.confidence)
        if rule.get("replicas"):
            self.replicas(cid, resource, rule.get("replicas"))

    def replicas(self, cid: str, resource: Resource, path: str) -> None:
        """The replica count at `path`; absent, the library default; anything but a whole
        number (`2.5`, `1e300`) is said where it is, as the Compose importer says it, since
        Kubernetes itself would refuse the manifest."""
        replicas = dig(resource.body, path)
        if isinstance(replicas, int) and not isinstance(replicas, bool):
            self.builder.set_prop(cid, "replicas", replicas)
            return
        if replicas is not None:
            self.builder.unresolved(
                f"{resource.source} {path}: the replica count is not a whole number; "
                "the library default is kept"
            )
        self.builder.records[cid].properties["replicas"] = "defaulted"

    def wire(self, workload: Workload, hosts: dict[str, str]) -> None:
        here = f"{workload.resource.source} containers"
        found = [(variable, value, here) for variable, value in workload.texts]
        found += [(v, value, f"{here}, ConfigMap {c}") for v, value, c in workload.from_config]
        for variable, value, where in found:
            for reference in host_references(value, variable):
                target = resolve(self.builder, hosts, reference, where, cluster_dns=True)
                if target is not None and target != workload.component:
                    link_by_reference(self.builder, workload.component, target, reference, where)


def _helm_hook(resource: Resource) -> bool:
    annotations = dig(resource.body, "metadata.annotations")
    return isinstance(annotations, dict) and "helm.sh/hook" in annotations
