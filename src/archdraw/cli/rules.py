"""`archdraw rules`: every lint rule, as a table or JSON."""

from __future__ import annotations

import argparse
import json
from typing import Any

from archdraw.cli.common import EXIT_OK
from archdraw.lint import Rule, all_rules


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "rules",
        help="list the lint rules",
        description="List every lint rule with its code, name, default severity and title.",
    )
    parser.add_argument("--json", action="store_true", help="print JSON (with why and fix)")
    parser.set_defaults(handler=handle)


def rule_as_data(rule: Rule) -> dict[str, Any]:
    return {
        "code": rule.code,
        "name": rule.name,
        "severity": str(rule.severity),
        "category": rule.category,
        "title": rule.title,
        "why": rule.why,
        "fix": rule.fix,
        "references": list(rule.references),
    }


def handle(args: argparse.Namespace) -> int:
    rules = all_rules()
    if args.json:
        print(json.dumps([rule_as_data(r) for r in rules], indent=2))
        return EXIT_OK
    category = None
    for rule in rules:
        if rule.category != category:
            category = rule.category
            print(f"\n{category}:" if rule is not rules[0] else f"{category}:")
        print(f"  {rule.code}  {rule.name:<42} {rule.severity!s:<8} {rule.title}")
    return EXIT_OK
