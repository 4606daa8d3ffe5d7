"""`archdraw lint FILE...`: run the rules; exit 1 when a finding reaches --fail-on."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from archdraw.cli.common import (
    EXIT_FINDINGS,
    EXIT_INVALID,
    EXIT_OK,
    library_for,
    load_each,
    use_colour,
    write_output,
)
from archdraw.lint import Rule, Severity, all_rules, find_rule, lint_design
from archdraw.lint.output import FORMATS, FileResult, renderer
from archdraw.lint.output import text as text_output


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "lint",
        help="check designs against the rules (SPOFs, rate limits, failover, ...)",
        description="Lint design files: each finding names its rule, element and line. "
        "Exit 0 when no finding reaches --fail-on, 1 when one does, 2 for invalid files "
        "or usage. `archdraw explain CODE` says why a rule matters and how to fix it.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format")
    parser.add_argument(
        "--select",
        metavar="RULES",
        help="only these rules: comma-separated codes, names or code prefixes (AD1, AD20)",
    )
    parser.add_argument(
        "--ignore", metavar="RULES", help="skip these rules (codes, names or prefixes)"
    )
    parser.add_argument(
        "--fail-on",
        choices=("error", "warning", "info"),
        default="warning",
        help="exit 1 when a finding has this severity or worse (default: warning)",
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE, not stdout (- for stdout)"
    )
    parser.add_argument(
        "--no-user-types", action="store_true", help="use only the built-in component library"
    )
    parser.set_defaults(handler=handle)


def pick_rules(spec: str) -> list[Rule] | str:
    """The rules a comma-separated spec names, or an error message."""
    chosen: list[Rule] = []
    for raw in spec.split(","):
        key = raw.strip()
        if not key:
            continue
        found = find_rule(key)
        if found is not None:
            chosen.append(found)
            continue
        prefixed = [r for r in all_rules() if r.code.startswith(key.upper())]
        if len(key) >= 3 and prefixed:
            chosen.extend(prefixed)
            continue
        return f"archdraw lint: unknown rule '{key}' (`archdraw rules` lists them)"
    return chosen


def display_path(path: str) -> str:
    """Relative to the working directory when inside it (SARIF wants repo-relative URIs)."""
    absolute = Path(path).resolve()
    try:
        return absolute.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def handle(args: argparse.Namespace) -> int:
    rules: list[Rule] | None = None  # None: every rule
    if args.select:
        selected = pick_rules(args.select)
        if isinstance(selected, str):
            print(selected, file=sys.stderr)
            return EXIT_INVALID
        rules = selected
    if args.ignore:
        ignored = pick_rules(args.ignore)
        if isinstance(ignored, str):
            print(ignored, file=sys.stderr)
            return EXIT_INVALID
        rules = [r for r in (all_rules() if rules is None else rules) if r not in ignored]
    library = library_for(args.no_user_types)
    results: list[FileResult] = []
    invalid = False
    for path, loaded in load_each(args.files, library, sys.stderr):
        if loaded is None:
            invalid = True
            continue
        findings = lint_design(loaded.design, library, loaded.locations, rules)
        results.append(FileResult(display_path(path), findings))
    stream_is_tty = args.output is None and use_colour(sys.stdout)
    if args.format == "text":
        output = text_output.render(results, colour=stream_is_tty)
    else:
        output = renderer(args.format)(results)
    if args.output:
        if write_output(args.output, output, "lint", args.files) != EXIT_OK:
            return EXIT_INVALID
    else:
        sys.stdout.write(output)
    if invalid:
        return EXIT_INVALID
    threshold = Severity(args.fail_on).rank
    failing = any(f.severity.rank >= threshold for r in results for f in r.findings)
    return EXIT_FINDINGS if failing else EXIT_OK
