"""Terraform resources that are evidence about boxes rather than boxes themselves.

Settings: an API Gateway method's authorization, a stage's or usage plan's throttling, a
Route 53 failover record, a CloudWatch alarm on an SQS queue set a property of the box they
name. Reachability: security
groups say which boxes may open connections to which, a middle level of link evidence
between explicit wiring and a plain reference (which is only start-up order).
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from archdraw.imports.mapping import Rule
from archdraw.imports.outside import block_label, let_in, outside_client
from archdraw.imports.terraform_refs import References, at, base_address, unknown_at

if TYPE_CHECKING:
    from archdraw.imports.terraform import TerraformImport

Resource = dict[str, Any]


def value_of(rule: dict[str, Any], value: Any) -> Any:
    """A property's value from an attribute's, as a mapping rule says (see terraform.yaml)."""
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
    elif rule.get("test") == "limit":  # 0 or -1 (API Gateway's "not set"): no limit
        is_number = isinstance(value, int | float) and not isinstance(value, bool)
        return value if is_number and value > 0 else None
    if "map" in rule:
        if value is None:
            return None
        table = {str(k).lower(): v for k, v in rule["map"].items()}
        return table.get(str(value).lower(), rule.get("otherwise"))
    if isinstance(value, int | float) and "scale" in rule:
        return value * rule["scale"]
    return value


def _combined(combine: str | None, values: list[Any]) -> Any:
    if combine == "all":
        return all(values)
    if combine == "any":
        return any(values)
    if combine == "min":
        return min(values)
    return values[0]


def apply_settings(
    importer: TerraformImport,
    resources: list[Resource],
    refs: References,
    unknown: dict[str, Any],
) -> None:
    """Set the properties that other resources state about a box."""
    builder = importer.builder
    # Per box and property: each value stated, with the sentence that says where from.
    found: dict[tuple[str, str], list[tuple[Any, str]]] = defaultdict(list)
    combine: dict[tuple[str, str], str | None] = {}
    for resource in resources:
        address, kind = base_address(resource["address"]), str(resource.get("type", ""))
        values_of = resource.get("values") or {}
        for rule in importer.table(kind.split("_")[0], "settings"):
            only = rule.get("only") or {}
            if not rule.matches(kind) or any(values_of.get(k) != v for k, v in only.items()):
                continue
            targets = [
                importer.components[a]
                for a in refs.of(address, rule.get("box"))
                if a in importer.components
            ]
            for prop, how in (rule.get("props") or {}).items():
                source = str(how.get("from", ""))
                if unknown_at(unknown.get(address, {}), source):
                    if how.get("test") == "present" and at(refs.expressions.get(address), source):
                        # Its value waits for apply, but the configuration sets it: present.
                        raw: Any = "set in the configuration"
                        value: Any = True
                    else:
                        for target in targets:
                            why = f"{source} of {address} is known only after apply"
                            why += " (read from a plan)"
                            builder.unknown(target, prop, why)
                        continue
                else:
                    values = at(values_of, source)
                    raw = values[0] if values else None
                    value = value_of(how, raw)
                for target in targets if value is not None else []:
                    found[(target, prop)].append((value, f"{resource['address']} {source} {raw}"))
                    combine[(target, prop)] = rule.get("combine")
    for (target, prop), stated in found.items():
        value = _combined(combine[(target, prop)], [v for v, _ in stated])
        if builder.set_prop(target, prop, value):
            shown = ", ".join(said for _, said in stated[:6])
            more = f" and {len(stated) - 6} more" if len(stated) > 6 else ""
            spelt = json.dumps(value) if isinstance(value, bool) else value  # as HCL says it
            builder.evidence(target, f"{prop} {spelt}: from {shown}{more}")


def reachability(
    importer: TerraformImport, resources: list[Resource], refs: References
) -> set[tuple[str, str]]:
    """Links (or evidence for links) from security groups that let one box's group in to
    another's; returns the pairs of addresses so joined."""
    builder, joined = importer.builder, set()
    kinds = {base_address(r["address"]): str(r.get("type", "")) for r in resources}
    members: dict[str, list[str]] = defaultdict(list)
    for address in importer.components:
        provider = f"terraform.providers.{kinds.get(address, '').split('_')[0]}.reachability"
        attach = importer.mapping.names(f"{provider}.attach")
        holders = [address] + [
            h
            for path in importer.mapping.names(f"{provider}.through")
            for h in refs.of(address, path)
        ]
        for group in {g for holder in holders for path in attach for g in refs.of(holder, path)}:
            members[group].append(address)
    for resource in resources:
        address, kind = base_address(resource["address"]), str(resource.get("type", ""))
        values = resource.get("values") or {}
        for rule in importer.table(kind.split("_")[0], "reachability.rules"):
            only = rule.get("only") or {}
            if not rule.matches(kind) or any(values.get(k) != v for k, v in only.items()):
                continue
            for group in refs.of(address, rule.get("group")):
                for allowed in refs.of(address, rule.get("from")):
                    for start in members.get(allowed, []):
                        for end in members.get(group, []):
                            if start == end:
                                continue
                            builder.reachable(
                                importer.components[start],
                                importer.components[end],
                                importer.where(address),
                                f"network reachability: {rule.name}",
                                f"security group {group} lets {allowed} in ({address})",
                            )
                            joined.add((start, end))
                for cidr, ports in _blocks(values, rule):
                    _outside(importer, rule, cidr, ports, address, group, members.get(group, []))
    return joined


def _blocks(values: dict[str, Any], rule: Rule) -> list[tuple[str, str]]:
    """The address blocks a rule lets in, each with the ports it opens ("" when not said):
    a `cidrs` path names a list or a text in the rule itself or in each of its blocks."""
    found = []
    for path in rule.get("cidrs") or []:
        parent, _, name = str(path).rpartition(".")
        held = at(values, parent) if parent else [values]
        for block in [b for item in held for b in (item if isinstance(item, list) else [item])]:
            if not isinstance(block, dict):
                continue
            cidrs = block.get(name)
            ports = sorted({str(block[p]) for p in ("from_port", "to_port") if p in block})
            shown = f" on port {'-'.join(ports)}" if ports else ""
            for cidr in cidrs if isinstance(cidrs, list) else [cidrs]:
                if isinstance(cidr, str):
                    found.append((cidr, shown))
    return found


def _outside(
    importer: TerraformImport,
    rule: Rule,
    cidr: str,
    ports: str,
    rule_address: str,
    group: str,
    members: list[str],
) -> None:
    """An address block a group lets in: a guessed client linked to the group's boxes."""
    label = block_label(cidr, importer.networks)
    if label is None or not members:
        return
    builder, where = importer.builder, importer.where(rule_address)
    said = f"network reachability: {rule.name}: an address block let in"
    client = outside_client(builder, label, where, said)
    for member in members:
        let_in(
            builder,
            client,
            importer.components[member],
            where,
            said,
            f"security group {group} lets {cidr} in{ports} ({rule_address})",
        )
