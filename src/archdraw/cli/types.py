"""`archdraw types`: the component library, as a table or JSON."""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from typing import Any

from archdraw.cli.common import EXIT_INVALID, EXIT_OK, library_for, report_library_problems
from archdraw.library import ComponentType
from archdraw.source import printable


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "types",
        help="list the component library",
        description="List every component type with its category and properties.",
    )
    parser.add_argument("type_id", nargs="?", metavar="TYPE", help="show one type in full")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument(
        "--no-user-types", action="store_true", help="use only the built-in component library"
    )
    parser.set_defaults(handler=handle)


def type_as_data(component_type: ComponentType) -> dict[str, Any]:
    return {
        "id": component_type.id,
        "label": component_type.label,
        "category": component_type.category,
        "icon": component_type.icon,
        "stateful": component_type.stateful,
        "summary": component_type.summary,
        "explanation": component_type.explanation,
        "properties": {
            name: {
                "type": spec.kind,
                "default": spec.default,
                "min": spec.minimum,
                "max": spec.maximum,
                "choices": list(spec.choices) or None,
                "help": spec.help,
            }
            for name, spec in component_type.properties.items()
        },
    }


def handle(args: argparse.Namespace) -> int:
    library = library_for(args.no_user_types)
    report_library_problems(library)
    types = list(library.types.values())
    if args.type_id:
        found = library.get(args.type_id)
        if found is None:
            close = difflib.get_close_matches(args.type_id, list(library.types), n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            print(
                printable(
                    f"archdraw types: no type '{args.type_id}' ({hint}`archdraw types` lists them)"
                ),
                file=sys.stderr,
            )
            return EXIT_INVALID
        types = [found]
    if args.json:
        print(json.dumps([type_as_data(t) for t in types], indent=2))
        return EXIT_OK
    if args.type_id:
        t = types[0]
        print(f"{t.id}  {t.label}  [{t.category}{', stateful' if t.stateful else ''}]\n")
        print(t.explanation + "\n")
        for name, spec in t.properties.items():
            default = "" if spec.default is None else f" = {spec.default}"
            print(f"  {name:<20} {spec.describe_range()}{default}\n      {spec.help}")
        return EXIT_OK
    for category, members in sorted(library.by_category().items()):
        print(f"{category}:")
        for t in sorted(members, key=lambda m: m.id):
            print(f"  {t.id:<18} {t.summary}")
    return EXIT_OK
