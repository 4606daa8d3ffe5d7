"""What a Terraform resource refers to: `references` in a plan's configuration, or, in a
state (which has no configuration), attribute values equal to another resource's id."""

from __future__ import annotations

import json
import re
from typing import Any

_INDEX = re.compile(r"\[[^\]]*\]$")
_ID_ATTRIBUTES = (
    "arn",
    "id",
    "name",
    "invoke_arn",
    "dns_name",
    "bucket_regional_domain_name",
    "domain_name",
    "function_name",
)


def step(value: Any, key: str) -> list[Any]:
    """`key` of a value; a block list (Terraform writes blocks as lists) is stepped into."""
    items = value if isinstance(value, list) else [value]
    return [item[key] for item in items if isinstance(item, dict) and key in item]


def at(value: Any, path: str) -> list[Any]:
    found = [value]
    for key in path.split("."):
        found = [item for current in found for item in step(current, key)]
    return found


def base_address(address: str) -> str:
    return _INDEX.sub("", address)


def configured(module: Any) -> dict[str, dict[str, Any]]:
    """Every resource's `expressions` by address (without index), modules included, with
    each `references` list rewritten to whole addresses (see `_Scope`)."""
    found: dict[str, dict[str, Any]] = {}
    if isinstance(module, dict):
        _Scope(module, "", {}).collect(found)
    return found


# References that name no resource: the object being counted or iterated, paths, locals
# (which a plan's configuration does not spell out).
_NOT_RESOURCES = ("count.", "each.", "path.", "self.", "terraform.", "local.")


class _Scope:
    """One module of a plan's configuration. Its expressions name things as the module sees
    them: `aws_lb.this` (its own resource, `module.alb.aws_lb.this` from the root),
    `var.subnets` (whatever its caller passed in) and `module.db.address` (an output of a
    module it calls). Rewritten to whole addresses, a reference made across a module
    boundary (`terraform-aws-modules` wire everything so) reaches the resource it names."""

    def __init__(self, module: dict[str, Any], prefix: str, inputs: dict[str, list[str]]):
        self.module, self.prefix, self.inputs = module, prefix, inputs
        self.children: dict[str, _Scope | None] = {}
        # Each output resolved once: outputs that name outputs of nested modules would
        # otherwise be walked again for every reference, doubling with each level.
        self.outputs: dict[str, list[str]] = {}

    def collect(self, found: dict[str, dict[str, Any]]) -> None:
        for resource in self.module.get("resources") or []:
            if isinstance(resource, dict) and isinstance(resource.get("address"), str):
                rewritten = self.rewrite(resource.get("expressions") or {})
                found[self.prefix + resource["address"]] = rewritten
        for name in self.calls():
            child = self.child(name)
            if child is not None:
                child.collect(found)

    def calls(self) -> dict[str, Any]:
        calls = self.module.get("module_calls")
        return calls if isinstance(calls, dict) else {}

    def child(self, name: str) -> _Scope | None:
        if name not in self.children:
            call = self.calls().get(name)
            call = call if isinstance(call, dict) else {}
            inner, given = call.get("module"), call.get("expressions")
            self.children[name] = None
            if isinstance(inner, dict):
                inputs = {
                    str(key): self.references_in(value)
                    for key, value in (given.items() if isinstance(given, dict) else [])
                }
                self.children[name] = _Scope(inner, f"{self.prefix}module.{name}.", inputs)
        return self.children[name]

    def resolve(self, reference: str) -> list[str]:
        parts = reference.split(".")
        if reference.startswith("var.") and len(parts) > 1:
            return self.inputs.get(parts[1].split("[")[0], [])
        if reference.startswith("module.") and len(parts) > 2:
            child = self.child(parts[1].split("[")[0])
            return child.output(parts[2].split("[")[0]) if child is not None else []
        if reference.startswith(("module.", *_NOT_RESOURCES)):
            return []
        return [self.prefix + reference]

    def output(self, name: str) -> list[str]:
        if name not in self.outputs:
            self.outputs[name] = []
            outputs = self.module.get("outputs")
            output = outputs.get(name) if isinstance(outputs, dict) else None
            expression = output.get("expression") if isinstance(output, dict) else None
            self.outputs[name] = self.references_in(expression)
        return self.outputs[name]

    def references_in(self, value: Any) -> list[str]:
        """Every address that `references` anywhere inside `value` resolve to, in order."""
        found: list[str] = []
        stack = [value]
        while stack:
            current = stack.pop(0)
            if isinstance(current, dict):
                listed = current.get("references")
                for reference in listed if isinstance(listed, list) else []:
                    found += [r for r in self.resolve(str(reference)) if r not in found]
                stack += [v for k, v in current.items() if k != "references"]
            elif isinstance(current, list):
                stack += current
        return found

    def rewrite(self, value: Any) -> Any:
        if isinstance(value, list):
            return [self.rewrite(item) for item in value]
        if not isinstance(value, dict):
            return value
        rewritten = {k: self.rewrite(v) for k, v in value.items() if k != "references"}
        if isinstance(value.get("references"), list):
            rewritten["references"] = self.references_in({"references": value["references"]})
        return rewritten


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        if value.startswith(("{", "[")):
            # A value written with jsonencode (a redrive policy's deadLetterTargetArn) is a
            # text of JSON: the names inside it count too.
            try:
                return [value, *_strings(json.loads(value))]
            except ValueError:
                pass
        return [value]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    return []


def unknown_at(after_unknown: Any, path: str) -> bool:
    """Whether a plan leaves the attribute at `path` (a part of it, or a block holding it)
    unknown until apply."""
    found = [after_unknown] if path else []
    for key in path.split(".") if path else []:
        if any(value is True for value in found):
            return True
        found = [item for current in found for item in step(current, key)]
    return any(_any_true(value) for value in found)


def _any_true(value: Any) -> bool:
    if value is True:
        return True
    if isinstance(value, list):
        return any(_any_true(item) for item in value)
    if isinstance(value, dict):
        return any(_any_true(item) for item in value.values())
    return False


class References:
    def __init__(
        self,
        addresses: set[str],
        expressions: dict[str, dict[str, Any]],
        values: dict[str, Any],
        instances: dict[str, list[str]] | None = None,
    ) -> None:
        self.addresses = addresses
        # Every instance address (`aws_subnet.private[0]`) of each base address.
        self.instances = instances or {}
        self.expressions = expressions
        self.values = values
        self.by_value: dict[str, str] = {}
        for address, attributes in values.items():
            for key in _ID_ATTRIBUTES:
                value = attributes.get(key) if isinstance(attributes, dict) else None
                if isinstance(value, str) and len(value) > 3:
                    self.by_value.setdefault(value, address)

    def owner(self, reference: str) -> str | None:
        """`aws_lb.main.arn` -> `aws_lb.main`; `module.web.aws_lb.main.dns_name` likewise."""
        parts = reference.split(".")
        for end in range(len(parts), 1, -1):
            candidate = base_address(".".join(parts[:end]))
            if candidate in self.addresses:
                return candidate
        return None

    def of(self, address: str, path: str) -> list[str]:
        """The resources that `address`'s attribute `path` points at (`self`: itself)."""
        if path == "self":
            return [address]
        found: list[str] = []
        for expression in at(self.expressions.get(address, {}), path):
            references = expression.get("references") if isinstance(expression, dict) else None
            for reference in references if isinstance(references, list) else []:
                owner = self.owner(str(reference))
                if owner and owner not in found:
                    found.append(owner)
        if not found:
            for text in _strings(at(self.values.get(address, {}), path)):
                owner = self.by_value.get(text)
                if owner and owner not in found and owner != address:
                    found.append(owner)
        return found

    def instances_of(self, address: str, path: str) -> list[str]:
        """The resource instances the configuration of `address`'s `path` names: a named
        instance (`aws_subnet.a`, `aws_subnet.b[0]`) once; a whole resource (`aws_subnet.b[*]`)
        as every instance the plan has of it."""
        named: dict[str, set[str]] = {}
        for expression in at(self.expressions.get(address, {}), path):
            references = expression.get("references") if isinstance(expression, dict) else None
            for reference in references if isinstance(references, list) else []:
                owner = self.owner(str(reference))
                if owner is None:
                    continue
                rest = str(reference)[len(owner) :]
                index = _INDEX.match(rest.split(".")[0]) if rest.startswith("[") else None
                named.setdefault(owner, set())
                if index is not None and index.group(0) != "[*]":
                    named[owner].add(owner + index.group(0))
        found: list[str] = []
        for owner, indexed in named.items():
            found += sorted(indexed) if indexed else self.instances.get(owner, [owner])
        return found

    def all_of(self, address: str) -> list[str]:
        """Every resource `address` refers to anywhere in its configuration."""
        found: list[str] = []
        stack: list[Any] = [self.expressions.get(address, {})]
        while stack:
            value = stack.pop()
            if isinstance(value, dict):
                for reference in (
                    value.get("references", []) if isinstance(value.get("references"), list) else []
                ):
                    owner = self.owner(str(reference))
                    if owner and owner != address and owner not in found:
                        found.append(owner)
                stack.extend(v for k, v in value.items() if k != "references")
            elif isinstance(value, list):
                stack.extend(value)
        return found
