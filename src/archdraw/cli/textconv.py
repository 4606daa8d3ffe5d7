"""`archdraw textconv FILE`: the canonical, sorted text of a design, for git's diff driver.

Set up with `*.archdraw.yaml diff=archdraw` in .gitattributes and
`git config diff.archdraw.textconv "archdraw textconv"`; `git diff` and
`git log -p` then show one line per changed field.
"""

from __future__ import annotations

import argparse
import sys

from archdraw.cli.common import EXIT_INVALID, EXIT_OK, library_for, load_one
from archdraw.diff import canonical_text


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "textconv",
        help="print a design as canonical sorted text (a git diff driver)",
        description="Print FILE as canonical text: elements sorted by kind and id, one field "
        "per line, positions left out (--layout keeps them). Used as git's textconv so "
        "`git diff` shows design changes field by field. A file that does not load is "
        "printed as it is (so git still shows a diff) and the problems go to stderr.",
    )
    parser.add_argument("file", metavar="FILE")
    parser.add_argument("--layout", action="store_true", help="include component positions")
    parser.add_argument(
        "--no-user-types", action="store_true", help="use only the built-in component library"
    )
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    loaded = load_one(args.file, library_for(args.no_user_types))
    if loaded is None:
        # git shows nothing for a file whose textconv fails: show the raw text instead.
        try:
            with open(args.file, encoding="utf-8", errors="replace") as stream:
                sys.stdout.write(stream.read())
        except OSError:
            return EXIT_INVALID
        return EXIT_OK
    sys.stdout.write(canonical_text(loaded.design, layout=args.layout))
    return EXIT_OK
