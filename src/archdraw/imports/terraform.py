"""Terraform `show -json` (a plan or a state): resources to components by mapping data.

Values a plan leaves unknown until apply are reported as unknown, never guessed. Links
come from the wiring the mapping names (an integration, an event source mapping, a
target group); any other reference is start-up order, kept apart from the links.
"""

from __future__ import annotations

import json
from typing import Any

from archdraw.imports.builder import DesignBuilder
from archdraw.imports.inputs import fail
from archdraw.imports.mapping import MappingTables, Rule
from archdraw.imports.terraform_evidence import apply_settings, reachability, value_of
from archdraw.imports.terraform_refs import References, at, base_address, configured, unknown_at
from archdraw.imports.terraform_shape import check_shape

_FORMAT_MAJORS = ("0", "1")


def _resources(module: Any) -> list[dict[str, Any]]:
    if not isinstance(module, dict):
        return []
    found = [
        r
        for r in module.get("resources") or []
        if isinstance(r, dict) and isinstance(r.get("address"), str)
    ]
    for child in module.get("child_modules") or []:
        found += _resources(child)
    return found


def _spelt(value: Any) -> str:
    """A plan's value as Terraform's JSON writes it (`false`, not Python's `False`)."""
    return json.dumps(value) if isinstance(value, bool) or value is None else str(value)


class TerraformImport:
    def __init__(self, builder: DesignBuilder, mapping: MappingTables, filename: str) -> None:
        self.builder, self.mapping, self.filename = builder, mapping, filename
        self.components: dict[str, str] = {}
        self.zones: dict[str, str] = {}  # by the address of each instance (`aws_subnet.a[0]`)
        self.instances: dict[str, list[str]] = {}
        self.networks: list[str] = []  # the address blocks of the networks in the input

    def table(self, provider: str, name: str) -> list[Rule]:
        return self.mapping.rules(f"terraform.providers.{provider}.{name}")

    def run(self, data: Any) -> None:
        if not isinstance(data, dict):
            raise fail(self.filename, "not `terraform show -json` output (a JSON object)")
        version = str(data.get("format_version", ""))
        if version.split(".")[0] not in _FORMAT_MAJORS:
            raise fail(
                self.filename, f"format_version {version!r} is not supported (0.x and 1.x are)"
            )
        check_shape(self.filename, data)
        values = data.get("planned_values") or data.get("values")
        if not isinstance(values, dict):
            raise fail(
                self.filename, "neither planned_values (a plan) nor values (a state) is present"
            )
        resources = _resources(values.get("root_module"))
        unknown = {
            base_address(str(c.get("address"))): (c.get("change") or {}).get("after_unknown") or {}
            for c in data.get("resource_changes") or []
            if isinstance(c, dict)
        }
        expressions = configured((data.get("configuration") or {}).get("root_module"))
        addresses = {base_address(r["address"]) for r in resources}
        instances: dict[str, list[str]] = {}
        for r in resources:
            instances.setdefault(base_address(r["address"]), []).append(r["address"])
        refs = References(
            addresses,
            expressions,
            {base_address(r["address"]): r.get("values") or {} for r in resources},
            instances,
        )
        region = ((data.get("configuration") or {}).get("provider_config") or {}).get("aws", {})
        region = ((region.get("expressions") or {}).get("region") or {}).get("constant_value")
        self.region = region if isinstance(region, str) else None
        for resource in resources:
            self.resource(resource, unknown.get(base_address(resource["address"]), {}), refs)
        apply_settings(self, resources, refs, unknown)
        self.links(resources, refs)

    def where(self, address: str) -> str:
        return f"{self.filename} {address}"

    def resource(self, resource: dict[str, Any], unknown: dict[str, Any], refs: References) -> None:
        builder, kind, address = (
            self.builder,
            str(resource.get("type", "")),
            base_address(resource["address"]),
        )
        if resource.get("mode") == "data":
            builder.skip("data source")
            return
        provider = kind.split("_")[0]
        values = resource.get("values") or {}
        rule = next((r for r in self.table(provider, "resources") if r.matches(kind)), None)
        zone_rule = next((r for r in self.table(provider, "zones") if r.matches(kind)), None)
        if zone_rule is not None:
            self.zone(address, zone_rule, values, refs, resource["address"])
        elif rule is not None and address in self.components:
            self.counted(address, resource["address"])
        elif rule is not None:
            self.component(address, rule, values, unknown, refs, provider)
        else:
            builder.skip(kind)
            if not any(r.matches(kind) for r in self.table(provider, "plumbing")):
                builder.unresolved(f"{self.where(address)}: resource type {kind} is not mapped")

    def counted(self, address: str, instance: str) -> None:
        """Another instance of a resource with `count` or `for_each`: one box, more replicas."""
        cid = self.components[address]
        instances = self.instances.setdefault(address, [address])
        instances.append(instance)
        if "replicas" in self.builder.library.types[self.builder.components[cid].type].properties:
            self.builder.set_prop(cid, "replicas", len(instances))
            self.builder.evidence(cid, f"replicas {len(instances)}: instances in the plan")

    def zone(
        self,
        address: str,
        rule: Rule,
        values: dict[str, Any],
        refs: References,
        instance: str | None = None,
    ) -> None:
        label = values.get(rule.get("label", "")) if rule.get("label") else None
        if rule.get("addresses"):
            self.networks += [a for a in at(values, rule.get("addresses")) if isinstance(a, str)]
        vpcs = [i for p in refs.of(address, "vpc_id") for i in [p, *refs.instances.get(p, [])]]
        parent = next((self.zones[i] for i in vpcs if i in self.zones), None)
        if parent is None and self.region and rule.get("kind") == "network":
            parent = self.builder.add_zone(
                f"region:{self.region}",
                self.region,
                "region",
                self.filename,
                "provider region",
                "explicit",
            )
        key = f"az:{label}" if rule.get("kind") == "zone" and isinstance(label, str) else address
        self.zones[instance or address] = self.builder.add_zone(
            key,
            label if isinstance(label, str) else address,
            rule.get("kind"),
            self.where(address),
            rule.name,
            rule.confidence,
            parent,
        )

    def component(
        self,
        address: str,
        rule: Rule,
        values: dict[str, Any],
        unknown: dict[str, Any],
        refs: References,
        provider: str,
    ) -> None:
        builder = self.builder
        label = at(values, rule.get("label")) if rule.get("label") else []
        name = (
            label[0] if label and isinstance(label[0], str) and label[0] else address.split(".")[-1]
        )
        cid = builder.add_component(
            address,
            rule.get("type"),
            name,
            self.where(address),
            rule.name,
            rule.confidence,
            wanted_id=address,
        )
        self.components[address] = cid
        for prop, how in (rule.get("props") or {}).items():
            source = str(how.get("from", ""))
            if unknown_at(unknown, source):
                self.unknown_prop(cid, address, prop, how, refs)
                continue
            found = at(values, source) if source else [None]
            value = value_of(how, found[0] if found else None)
            if value is not None:
                builder.set_prop(cid, prop, value)
        self.spread(cid)
        self.place(cid, address, refs, provider)
        self.entry(cid, address, values, provider)

    def spread(self, cid: str) -> None:
        """An Auto Scaling group of 2 instances allowed 6 zones runs in 2 of them: `zones`
        says how many zones the instances span, never more than there are instances."""
        props = self.builder.components[cid].props
        replicas, zones = props.get("replicas"), props.get("zones")
        if isinstance(replicas, int) and isinstance(zones, int) and zones > replicas:
            self.builder.set_prop(cid, "zones", replicas)
            self.builder.evidence(
                cid,
                f"zones {replicas}: {replicas} instances spread over {zones} availability zones "
                "cover at most that many",
            )

    def entry(self, cid: str, address: str, values: dict[str, Any], provider: str) -> None:
        """A box the internet reaches gets an entry from the client standing for its users."""
        kind = address.split(".")[-2]
        rule = next((r for r in self.table(provider, "entries") if r.matches(kind)), None)
        if rule is None:
            return
        said: list[str] = []
        for path, value in (rule.get("unless") or {}).items():
            found = at(values, str(path))
            if found and found[0] == value:
                self.builder.evidence(cid, f"not reached from outside: {path} is {_spelt(value)}")
                return
            said.append(f"{path} {_spelt(found[0]) if found else 'not set'}")
        client = self.builder.client(self.where(address), "an internet-facing resource: a client")
        self.builder.add_link(
            client,
            cid,
            "sync",
            self.where(address),
            f"{rule.name}: reached from the internet",
            rule.confidence,
            evidence=f"{kind} with {', '.join(said)}" if said else kind,
        )

    def unknown_prop(
        self, cid: str, address: str, prop: str, how: dict[str, Any], refs: References
    ) -> None:
        """A value known only after apply: a count of a list is taken from the resources its
        configuration names where it can be; anything else is reported unknown."""
        source = str(how.get("from"))
        if how.get("test") == "present" and at(refs.expressions.get(address, {}), source):
            # Its value waits for apply, but the configuration sets it: it is present.
            self.builder.set_prop(cid, prop, True, "inferred")
            self.builder.evidence(
                cid, f"{source} is set in the configuration (its value is known only after apply)"
            )
            return
        named = refs.instances_of(address, source) if how.get("count") else []
        if named and self.builder.set_prop(cid, prop, len(named), "inferred"):
            shown = ", ".join(named[:6]) + (", ..." if len(named) > 6 else "")
            self.builder.evidence(
                cid, f"{prop} {len(named)}: {source} is known only after apply; counted {shown}"
            )
            return
        self.builder.unknown(cid, prop, f"{source} is known only after apply (read from a plan)")

    def place(self, cid: str, address: str, refs: References, provider: str) -> None:
        """Zones from the subnets a box names (or its DB or cache subnet group names)."""
        paths = self.mapping.names(f"terraform.providers.{provider}.subnets")
        holders = [address] + [
            group
            for path in self.mapping.names(f"terraform.providers.{provider}.subnet_groups")
            for group in refs.of(address, path)
        ]
        subnets = [
            s
            for holder in holders
            for path in paths
            for s in refs.instances_of(holder, path) or refs.of(holder, path)
        ]
        subnets = [
            i for s in subnets for i in ([s] if s in self.zones else refs.instances.get(s, [s]))
        ]
        if not subnets:
            return
        zones = sorted({self.zones[s] for s in subnets if s in self.zones})
        if not zones:
            self.builder.unknown(cid, "zones", "the subnets are not in this plan")
            return
        component = self.builder.components[cid]
        stated = component.props.get("zones")  # multi_az and the like say more than subnets
        if len(zones) == 1 or stated == 1:
            named = refs.values.get(address, {}).get("availability_zone")
            own = self.builder.id_of(f"az:{named}") if isinstance(named, str) else None
            if own in zones or len(zones) == 1:
                component.zone = own if own in zones else zones[0]
            else:  # one zone of several, and the plan does not say which
                component.zone = self.builder.zones[zones[0]].parent
            return
        if stated is None:
            self.builder.set_prop(cid, "zones", len(zones))
        component.zone = self.builder.zones[zones[0]].parent

    def links(self, resources: list[dict[str, Any]], refs: References) -> None:
        edges: list[tuple[str, str, Rule, str]] = []
        for resource in resources:
            address, kind = base_address(resource["address"]), str(resource.get("type", ""))
            for rule in self.table(kind.split("_")[0], "links"):
                if rule.matches(kind):
                    edges += [
                        (a, b, rule, address)
                        for a in refs.of(address, rule.get("from"))
                        for b in refs.of(address, rule.get("to"))
                    ]
        via = {
            r["address"]
            for r in resources
            if any(
                v
                for v in self.mapping.names(
                    f"terraform.providers.{str(r.get('type', '')).split('_')[0]}.via"
                )
                if v == r.get("type")
            )
        }
        via = {base_address(a) for a in via}
        linked: set[tuple[str, str]] = set()
        for start, end, rule, origin in edges:
            for a in self.through(start, edges, via, backwards=True):
                for b in self.through(end, edges, via, backwards=False):
                    if a in self.components and b in self.components:
                        self.builder.add_link(
                            self.components[a],
                            self.components[b],
                            rule.get("kind", "sync"),
                            self.where(origin),
                            rule.name,
                            rule.confidence,
                            evidence=f"{rule.get('from')} -> {rule.get('to')}",
                        )
                        linked.add((a, b))
        linked |= reachability(self, resources, refs)
        for address, cid in self.components.items():
            for other in refs.all_of(address):
                if (
                    other in self.components
                    and (address, other) not in linked
                    and (other, address) not in linked
                ):
                    self.builder.depends(
                        cid, self.components[other], f"{address} refers to {other}: start-up order"
                    )

    def through(
        self, address: str, edges: list[tuple[str, str, Rule, str]], via: set[str], backwards: bool
    ) -> list[str]:
        """The boxes behind a pass-through resource (a target group, a listener)."""
        if address not in via:
            return [address]
        ends = [a if backwards else b for a, b, _, _ in edges if (b if backwards else a) == address]
        return [
            e
            for end in ends
            if end != address
            for e in self.through(end, [x for x in edges if address not in x[:2]], via, backwards)
        ]
