"""`archdraw layout FILE`: lay out components without a position and write them into the file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from archdraw.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    STDOUT,
    library_for,
    load_one,
    positive_number,
    write_output,
)
from archdraw.layout import auto_layout
from archdraw.layout.patch import write_positions
from archdraw.source.printable import plural


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "layout",
        help="place components that have no position (Graphviz dot, or a built-in fallback)",
        description="Lay out the components of FILE that have no position (all of them with "
        "--full) and write the positions into the file, atomically. Nothing else in the file "
        "changes: comments and formatting stay as they are.",
    )
    parser.add_argument("file", metavar="FILE")
    parser.add_argument("-o", "--output", metavar="OUT", help="write to OUT (- for stdout)")
    parser.add_argument("--full", action="store_true", help="lay out every component again")
    parser.add_argument(
        "--direction",
        type=str.upper,
        choices=("LR", "TB"),
        default="LR",
        help="left to right (default) or top to bottom",
    )
    parser.add_argument(
        "--timeout",
        type=_seconds,
        default=30.0,
        metavar="S",
        help=f"seconds to give dot, above 0 and at most {MAX_TIMEOUT_S:,} (default 30)",
    )
    parser.add_argument(
        "--no-user-types", action="store_true", help="use only the built-in component library"
    )
    parser.set_defaults(handler=handle)


# A day: longer than any layout takes, short enough to stay a number the clock can hold.
MAX_TIMEOUT_S = 86_400


_seconds = positive_number(MAX_TIMEOUT_S, "a number of seconds")


def handle(args: argparse.Namespace) -> int:
    library = library_for(args.no_user_types)
    loaded = load_one(args.file, library)
    if loaded is None:
        return EXIT_INVALID
    try:
        with open(args.file, encoding="utf-8", newline="") as stream:
            text = stream.read()
    except (OSError, UnicodeDecodeError) as error:
        print(f"archdraw layout: cannot read {args.file}: {error}", file=sys.stderr)
        return EXIT_INVALID
    result = auto_layout(
        loaded.design, library, direction=args.direction, full=args.full, timeout_s=args.timeout
    )
    if result.note:
        print(f"archdraw layout: {result.note}", file=sys.stderr)
    new_text, kept_formatting = write_positions(
        text, loaded.design, result.positions, library, Path(args.file).name
    )
    if not kept_formatting:
        print(
            f"archdraw layout: {args.file} could not be edited in place, so it was written "
            "in archdraw's standard layout (comments are lost)",
            file=sys.stderr,
        )
    # Writing the positions back into the design itself is this command's purpose.
    target = args.output or args.file
    if write_output(target, new_text, "layout") != EXIT_OK:
        return EXIT_INVALID
    if target == STDOUT:
        return EXIT_OK
    placed = len(result.positions)
    how = f" with {result.engine}" if placed else ""
    print(f"{args.file}: placed {plural(placed, 'component')}{how} -> {target}", file=sys.stderr)
    return EXIT_OK
