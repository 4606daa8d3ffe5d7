"""The shape `terraform show -json` gives its sections, checked before importing.

Terraform writes these; a file edited by hand or cut short by another tool can hold a
number where a list of resources goes. That is refused naming the section
(`planned_values.root_module.resources must be a list, not a single value`) rather than
failing inside the import.
"""

from __future__ import annotations

from typing import Any

from archdraw.imports.shape_words import LIST, MAPPING, shape_of
from archdraw.source import Problem, SourceError


class _Check:
    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.problems: list[Problem] = []

    def refuse(self, where: str, shape: str, value: Any) -> None:
        # JSON from Terraform carries no useful line: the path says where.
        message = f"{where} must be {shape}, not {shape_of(value)}"
        self.problems.append(Problem(self.filename, 1, 1, message))

    def get(self, holder: dict[str, Any], key: str, shape: str, where: str) -> Any:
        """`holder[key]` when it has `shape`; None when absent, null or refused."""
        value = holder.get(key)
        if value is None:
            return None
        if shape_of(value) != shape:
            self.refuse(f"{where}{key}", shape, value)
            return None
        return value

    def items(self, holder: dict[str, Any], key: str, where: str) -> list[dict[str, Any]]:
        """The mappings in the list `holder[key]`, each item of another shape refused."""
        found = []
        for index, item in enumerate(self.get(holder, key, LIST, where) or []):
            if isinstance(item, dict):
                found.append(item)
            else:
                self.refuse(f"{where}{key}[{index}]", MAPPING, item)
        return found

    def module(self, module: dict[str, Any], where: str) -> None:
        for index, resource in enumerate(self.items(module, "resources", where)):
            self.get(resource, "values", MAPPING, f"{where}resources[{index}].")
        for index, child in enumerate(self.items(module, "child_modules", where)):
            self.module(child, f"{where}child_modules[{index}].")

    def configured(self, module: dict[str, Any], where: str) -> None:
        for index, resource in enumerate(self.items(module, "resources", where)):
            self.get(resource, "expressions", MAPPING, f"{where}resources[{index}].")
        calls = self.get(module, "module_calls", MAPPING, where) or {}
        for name, call in calls.items():
            here = f"{where}module_calls.{name}."
            if not isinstance(call, dict):
                self.refuse(here[:-1], MAPPING, call)
                continue
            inner = self.get(call, "module", MAPPING, here)
            if inner is not None:
                self.configured(inner, f"{here}module.")


def check_shape(filename: str, data: dict[str, Any]) -> None:
    """Raise `SourceError` listing every section of `data` of the wrong shape."""
    check = _Check(filename)
    for top in ("planned_values", "values"):
        values = check.get(data, top, MAPPING, "")
        root = check.get(values, "root_module", MAPPING, f"{top}.") if values else None
        if root is not None:
            check.module(root, f"{top}.root_module.")
    for index, change in enumerate(check.items(data, "resource_changes", "")):
        body = check.get(change, "change", MAPPING, f"resource_changes[{index}].")
        if body is not None:
            check.get(body, "after_unknown", MAPPING, f"resource_changes[{index}].change.")
    configuration = check.get(data, "configuration", MAPPING, "")
    if configuration is not None:
        providers = check.get(configuration, "provider_config", MAPPING, "configuration.")
        for name, provider in (providers or {}).items():
            here = f"configuration.provider_config.{name}"
            if not isinstance(provider, dict):
                check.refuse(here, MAPPING, provider)
                continue
            expressions = check.get(provider, "expressions", MAPPING, f"{here}.")
            for key, expression in (expressions or {}).items():
                if not isinstance(expression, dict):
                    message = (
                        f"{here}.expressions.{key} must be {MAPPING}, not {shape_of(expression)}"
                    )
                    check.problems.append(Problem(filename, 1, 1, message))
        root = check.get(configuration, "root_module", MAPPING, "configuration.")
        if root is not None:
            check.configured(root, "configuration.root_module.")
    if check.problems:
        raise SourceError(check.problems)
