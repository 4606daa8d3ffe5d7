"""Terraform `show -json` (a plan or a state): resources to components by mapping data.

Values a plan leaves unknown until apply are reported as unknown, never guessed. Links
come from the wiring the mapping names (an integration, an event source mapping, a
target group); any other reference is start-up order, kept apart from the links.
"""

from __future__ import annotations

from typing import Any

from archdraw.imports.builder import DesignBuilder
from archdraw.imports.inputs import fail
from archdraw.imports.mapping import MappingTables, Rule
from archdraw.imports.terraform_refs import References, at, base_address, configured

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


def _prop(rule: dict[str, Any], value: Any) -> Any:
    if "const" in rule:
        return rule["const"]
    if rule.get("count"):
        return len(value) if isinstance(value, list) else None
    if rule.get("test") == "positive":
        value = (
            isinstance(value, int | float) and not isinstance(value, bool) and value > 0
        ) or value is True
    elif rule.get("test") == "present":
        value = value not in (None, "", [], {}, False)
    if "map" in rule:
        table = {str(k).lower(): v for k, v in rule["map"].items()}
        return table.get(str(value).lower())
    if isinstance(value, int | float) and "scale" in rule:
        return value * rule["scale"]
    return value


class TerraformImport:
    def __init__(self, builder: DesignBuilder, mapping: MappingTables, filename: str) -> None:
        self.builder, self.mapping, self.filename = builder, mapping, filename
        self.components: dict[str, str] = {}
        self.zones: dict[str, str] = {}

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
        refs = References(
            addresses,
            expressions,
            {base_address(r["address"]): r.get("values") or {} for r in resources},
        )
        region = ((data.get("configuration") or {}).get("provider_config") or {}).get("aws", {})
        self.region = ((region.get("expressions") or {}).get("region") or {}).get("constant_value")
        for resource in resources:
            self.resource(resource, unknown.get(base_address(resource["address"]), {}), refs)
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
            self.zone(address, zone_rule, values, refs)
        elif rule is not None:
            self.component(address, rule, values, unknown, refs, provider)
        else:
            builder.skip(kind)
            if not any(r.matches(kind) for r in self.table(provider, "plumbing")):
                builder.unresolved(f"{self.where(address)}: resource type {kind} is not mapped")

    def zone(self, address: str, rule: Rule, values: dict[str, Any], refs: References) -> None:
        label = values.get(rule.get("label", "")) if rule.get("label") else None
        parent = next((self.zones[p] for p in refs.of(address, "vpc_id") if p in self.zones), None)
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
        self.zones[address] = self.builder.add_zone(
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
            if source and unknown.get(source.split(".")[0]) is True:
                builder.unknown(cid, prop, f"{source} is known only after apply (read from a plan)")
                continue
            found = at(values, source) if source else [None]
            value = _prop(
                how, found[0] if found and not how.get("count") else (found[0] if found else None)
            )
            if value is not None:
                builder.set_prop(cid, prop, value)
        self.place(cid, address, refs, provider)

    def place(self, cid: str, address: str, refs: References, provider: str) -> None:
        paths = self.mapping.names(f"terraform.providers.{provider}.subnets")
        subnets = [s for path in paths for s in refs.of(address, path)]
        if not subnets:
            return
        zones = sorted({self.zones[s] for s in subnets if s in self.zones})
        if not zones:
            self.builder.unknown(cid, "zones", "the subnets are not in this plan")
            return
        component = self.builder.components[cid]
        if len(zones) == 1:
            component.zone = zones[0]
        else:
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
