"""`archdraw validate FILE...`: exit 0 when every file is a valid design, 2 otherwise."""

from __future__ import annotations

import argparse
import sys

from archdraw.cli.common import EXIT_INVALID, EXIT_OK, library_for, load_each
from archdraw.source.printable import plural


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "validate",
        help="check design files; print file:line:col problems",
        description="Check that each file is a valid archdraw design. "
        "Problems go to stderr as file:line:column: message. Exit 0 if all are valid, 2 if not.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing for valid files")
    parser.add_argument(
        "--no-user-types", action="store_true", help="use only the built-in component library"
    )
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    library = library_for(args.no_user_types)
    failed = False
    for path, loaded in load_each(args.files, library):
        if loaded is None:
            failed = True
        elif not args.quiet:
            design = loaded.design
            print(
                f"{path}: ok ({plural(len(design.components), 'component')}, "
                f"{plural(len(design.links), 'link')}, {plural(len(design.zones), 'zone')})",
                file=sys.stdout,
            )
    return EXIT_INVALID if failed else EXIT_OK
