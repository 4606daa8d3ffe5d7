"""`archdraw explain CODE|NAME`: why a rule matters and how to fix what it finds."""

from __future__ import annotations

import argparse
import sys
import textwrap

from archdraw.cli.common import EXIT_INVALID, EXIT_OK
from archdraw.lint import find_rule
from archdraw.lint.config import nearest_rule
from archdraw.source import printable


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "explain",
        help="explain a lint rule: why it matters, how to fix it",
        description="Print a rule's title, why it matters, how to fix it and its references.",
    )
    parser.add_argument("rule", metavar="CODE|NAME", help="e.g. AD101 or single-point-of-failure")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    rule = find_rule(args.rule)
    if rule is None:
        close = nearest_rule(args.rule)
        hint = f"did you mean '{close}'? " if close else ""
        print(
            printable(
                f"archdraw explain: no rule '{args.rule}' ({hint}`archdraw rules` lists them)"
            ),
            file=sys.stderr,
        )
        return EXIT_INVALID
    wrap = textwrap.TextWrapper(width=88, initial_indent="  ", subsequent_indent="  ")
    print(f"{rule.code} {rule.name} [{rule.severity}, {rule.category}]")
    print(f"{rule.title}\n")
    print("Why it matters:")
    print(wrap.fill(rule.why) + "\n")
    print("How to fix it:")
    print(wrap.fill(rule.fix) + "\n")
    print("References:")
    for reference in rule.references:
        print(f"  - {reference}")
    print("\nSilence it for one element in the design file:")
    print(
        f"  lint:\n    ignore:\n      - {{rule: {rule.code}, component: ID, reason: why not here}}"
    )
    return EXIT_OK
