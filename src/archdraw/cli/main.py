"""The command-line interface: sub-commands over the core, no Qt (except image export)."""

from __future__ import annotations

import argparse
import importlib
import keyword
import os
import sys
import traceback
from collections.abc import Sequence

from archdraw import __version__
from archdraw.cli import EXIT_INTERNAL, EXIT_INVALID
from archdraw.crash import TRACEBACK_ENV, internal_error_message

# Each module defines register(subparsers), whose parser sets `handler`.
COMMANDS = (
    "validate",
    "schema",
    "types",
    "lint",
    "rules",
    "explain",
    "analyze",
    "export",
    "layout",
    "prices",
    "review",
    "import",
    "diff",
    "textconv",
)


def build_parser(names: Sequence[str] = COMMANDS) -> argparse.ArgumentParser:
    """The parser with the sub-commands in `names` (all of them by default)."""
    parser = argparse.ArgumentParser(
        prog="archdraw",
        description="Draw, lint and analyse system designs. "
        "With no command, or with files (archdraw FILE... or archdraw edit FILE...), opens "
        "the editor.",
        epilog="archdraw self-test checks an installed archdraw end to end (editor, save, lint, "
        "analysis, layout, export). "
        "Exit codes: 0 ok, 1 findings at or above --fail-on, 2 invalid input or usage, "
        "3 internal error (a bug in archdraw: please report it).",
    )
    parser.add_argument("--version", action="version", version=f"archdraw {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in names:
        module_name = name.replace("-", "_")
        # `import` is a Python keyword: its module is `import_`.
        module_name += "_" if keyword.iskeyword(module_name) else ""
        module = importlib.import_module(f"archdraw.cli.{module_name}")
        module.register(commands)
    return parser


def _commands_needed(argv: list[str]) -> Sequence[str]:
    # Importing a command's module loads what it needs (simpy, networkx, ...), so
    # register only the command being run; help and usage errors list them all.
    if argv and argv[0] in COMMANDS:
        return argv[:1]
    if argv == ["--version"]:
        return ()
    return COMMANDS


def run(argv: list[str]) -> int:
    parser = build_parser(_commands_needed(argv))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        # argparse exits 2 on usage errors and 0 for --help/--version.
        return int(exit_.code or 0)
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_INVALID
    try:
        return int(args.handler(args))
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("archdraw: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # any crash is reported in a few lines, never a traceback
        if os.environ.get(TRACEBACK_ENV):
            traceback.print_exc()
        print(internal_error_message(error, argv), file=sys.stderr)
        return EXIT_INTERNAL


def main(argv: list[str] | None = None) -> int:
    return run(list(sys.argv[1:] if argv is None else argv))
