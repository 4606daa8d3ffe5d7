"""`archdraw import FILE...`: a design from Compose, Kubernetes, Terraform or draw.io files.

The design goes to `-o OUT` (or standard output) and the import report to standard error
when the design is on standard output, else to standard output. Exit 2 on bad input.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from archdraw.cli.common import EXIT_INVALID, EXIT_OK, library_for
from archdraw.imports import FORMATS, ImportResult, import_files, render
from archdraw.io import dumps
from archdraw.io.save import write_atomic
from archdraw.layout import auto_layout
from archdraw.library import Library
from archdraw.model.edits import MoveComponents
from archdraw.source import SourceError, printable


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "import",
        help="make a design from Compose, Kubernetes, Terraform JSON or draw.io files",
        description="Import one or more files of one format into an archdraw design, laid out, "
        "with an import report: where each element came from, the mapping rule and how sure "
        "it is (explicit, inferred, guessed, defaulted), what was skipped, unresolved or unknown.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.add_argument(
        "-f", "--format", choices=FORMATS, help="the input format (default: detected)"
    )
    parser.add_argument(
        "-o", "--output", metavar="OUT", help="write the design here (default: stdout)"
    )
    parser.add_argument(
        "--mapping",
        action="append",
        default=[],
        metavar="FILE",
        help="a mapping file whose entries override the built-in tables (repeatable)",
    )
    parser.add_argument(
        "--profile",
        action="append",
        metavar="NAME",
        help="Compose: a profile to make active (repeatable; '*' for all; '' for none, as "
        "'docker compose up' without profiles); default: COMPOSE_PROFILES in the .env file "
        "beside the first file, else every service, profile-only ones marked so",
    )
    parser.add_argument(
        "--page",
        metavar="NAME|NUMBER",
        help="draw.io: the page to import, by name or number from 1, or 'all' (each page in "
        "a zone of its own); default: the first page",
    )
    parser.add_argument(
        "--no-layout", action="store_true", help="leave unplaced components unplaced"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print only the summary line")
    parser.add_argument(
        "--no-user-types",
        action="store_true",
        help="use only the built-in component library and mapping tables",
    )
    parser.set_defaults(handler=handle)


def lay_out(result: ImportResult, library: Library) -> str | None:
    """Place the components the input gave no position; say how, or why not."""
    design = result.design
    if all(c.position is not None for c in design.components):
        return None
    try:
        placed = auto_layout(design, library, timeout_s=20.0)
    except Exception as error:  # a layout failure must not lose the import
        return f"not laid out: {error}"
    MoveComponents(dict(placed.positions)).apply(design)
    return placed.note


def _overwrites_an_input(args: argparse.Namespace) -> str | None:
    """The input or mapping file that `-o` names, if any: writing would destroy it."""
    if args.output in (None, "-"):
        return None
    target = Path(args.output).resolve()
    return next((f for f in [*args.files, *args.mapping] if Path(f).resolve() == target), None)


def handle(args: argparse.Namespace) -> int:
    clobbered = _overwrites_an_input(args)
    if clobbered is not None:
        print(
            printable(
                f"archdraw import: -o {args.output} is an input ({clobbered}); writing the design "
                "there would destroy it: name another file (e.g. NAME.archdraw.yaml)"
            ),
            file=sys.stderr,
        )
        return EXIT_INVALID
    library = library_for(args.no_user_types)
    try:
        result = import_files(
            args.files,
            library,
            args.format,
            [Path(m) for m in args.mapping],
            user_mappings=not args.no_user_types,
            page=args.page,
            profiles=args.profile,
        )
    except SourceError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return EXIT_INVALID
    note = None if args.no_layout else lay_out(result, library)
    report_stream = sys.stderr if args.output in (None, "-") else sys.stdout
    text = render(result.design, result.block)
    print(
        text.splitlines()[0] if args.quiet else text,
        end="\n" if args.quiet else "",
        file=report_stream,
    )
    if note:
        print(printable(f"layout: {note}"), file=report_stream)
    body = dumps(result.design)
    if args.output in (None, "-"):
        sys.stdout.write(body)
        return EXIT_OK
    try:
        write_atomic(Path(args.output), body.encode("utf-8"))
    except OSError as error:
        print(
            printable(f"archdraw import: cannot write {args.output}: {error.strerror or error}"),
            file=sys.stderr,
        )
        return EXIT_INVALID
    return EXIT_OK
