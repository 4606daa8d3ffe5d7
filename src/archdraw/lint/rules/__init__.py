"""The rules, one small module each, grouped by family. Collected once, never mutated."""

from __future__ import annotations

import functools
import importlib
import pkgutil

from archdraw.lint.types import Rule

FAMILIES = (
    "settings",
    "reliability",
    "traffic",
    "security",
    "data",
    "ai",
    "operations",
    "cost",
)

# Codes once used and withdrawn: never give them to a new rule (users' files name them).
RETIRED_CODES: frozenset[str] = frozenset()


def rules_in(module_name: str) -> list[Rule]:
    module = importlib.import_module(module_name)
    return [value for value in vars(module).values() if isinstance(value, Rule)]


@functools.cache
def all_rules() -> tuple[Rule, ...]:
    """Every rule, sorted by code (an immutable tuple: nothing to reset between tests)."""
    found: list[Rule] = []
    for family in FAMILIES:
        package = importlib.import_module(f"{__name__}.{family}")
        for info in pkgutil.iter_modules(package.__path__):
            found.extend(rules_in(f"{package.__name__}.{info.name}"))
    return tuple(sorted(found, key=lambda r: r.code))


@functools.cache
def rule_index() -> dict[str, Rule]:
    """Rules by code and by name (settings may use either)."""
    index: dict[str, Rule] = {}
    for rule in all_rules():
        index[rule.code] = rule
        index[rule.name] = rule
    return index


def find_rule(key: str) -> Rule | None:
    return rule_index().get(key.strip()) or rule_index().get(key.strip().upper())
