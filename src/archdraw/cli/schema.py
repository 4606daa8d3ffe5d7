"""`archdraw schema`: the JSON Schema of the file format, for the YAML language server."""

from __future__ import annotations

import argparse
import json
import sys

from archdraw.cli.common import EXIT_OK, library_for, write_output
from archdraw.io.schema import design_schema


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "schema",
        help="print the JSON Schema of the design file format",
        description="Print a JSON Schema of the .archdraw.yaml format, with every component "
        "type's properties, for the YAML language server and other editors.",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    parser.add_argument(
        "--no-user-types", action="store_true", help="use only the built-in component library"
    )
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    text = json.dumps(design_schema(library_for(args.no_user_types)), indent=2) + "\n"
    if args.output:
        return write_output(args.output, text, "schema")
    sys.stdout.write(text)
    return EXIT_OK
