"""`archdraw lint [FILE|FOLDER...]`: run the rules; exit 1 when a finding reaches --fail-on.

With no argument, the project's designs (`[tool.archdraw]` include/exclude from the
nearest pyproject.toml or archdraw.toml; every *.archdraw.yaml below it otherwise).
With a baseline (`--baseline FILE` or the project's `baseline`) or `--diff REV`,
only new findings fail.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from archdraw.cli.common import EXIT_FINDINGS, EXIT_INVALID, EXIT_OK, use_colour, write_output
from archdraw.cli.lint_baseline import (
    RevisionError,
    against_baseline,
    against_revision,
    update_baseline,
)
from archdraw.cli.lint_fix import apply_fixes
from archdraw.cli.lint_inputs import (
    LintPlan,
    library_of,
    load_all,
    pick_rules,
    plan,
)
from archdraw.library import Library
from archdraw.lint import lint_design
from archdraw.lint.baseline import BaselineError
from archdraw.lint.output import FORMATS, FileResult, renderer
from archdraw.lint.output import text as text_output
from archdraw.lint.project import with_project_severity
from archdraw.source import printable

__all__ = ["display_path", "pick_rules", "register"]


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "lint",
        help="check designs against the rules (SPOFs, rate limits, failover, ...)",
        description="Lint design files (folders are searched for *.archdraw.yaml; no argument: "
        "the project's designs): each finding names its rule, element and line. Exit 0 when "
        "no finding reaches --fail-on, 1 when one does, 2 for invalid files or usage. "
        "`archdraw explain CODE` says why a rule matters and how to fix it. Settings come "
        "from [tool.archdraw] in the nearest pyproject.toml or archdraw.toml; options win.",
    )
    parser.add_argument("files", nargs="*", metavar="PATH")
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
        default=None,
        help="exit 1 when a (new) finding has this severity or worse (default: warning)",
    )
    parser.add_argument(
        "--baseline",
        metavar="FILE",
        help="accepted findings (JSON): only findings not in it fail",
    )
    parser.add_argument(
        "--update-baseline",
        action="store_true",
        help="write today's findings to the baseline, pruning those no longer found",
    )
    parser.add_argument(
        "--diff",
        metavar="REV",
        dest="revision",
        help="only findings new since git revision REV fail (matched by rule and element)",
    )
    parser.add_argument(
        "--fix", action="store_true", help="apply the fixes the editor offers, then lint"
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="with --fix: print the fixes as a unified diff, write nothing",
    )
    parser.add_argument("--config", metavar="FILE", help="use this pyproject.toml/archdraw.toml")
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE, not stdout (- for stdout)"
    )
    parser.add_argument(
        "--no-user-types", action="store_true", help="use only the built-in component library"
    )
    parser.set_defaults(handler=handle)


def display_path(path: str) -> str:
    """Relative to the working directory when inside it (SARIF wants repo-relative URIs)."""
    absolute = Path(path).resolve()
    try:
        return absolute.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def _fail(message: str) -> int:
    print(printable(message), file=sys.stderr)
    return EXIT_INVALID


def _lint_files(args: argparse.Namespace, chosen: LintPlan, library: Library) -> list[FileResult]:
    results: list[FileResult] = []
    for path, loaded, problems in load_all(chosen.paths, library):
        shown = display_path(path)
        if loaded is None:
            results.append(FileResult(shown, problems=problems))
            continue
        if args.fix:
            loaded = apply_fixes(path, loaded, library, chosen.rules, args.dry_run)
        findings = lint_design(loaded.design, library, loaded.locations, chosen.rules)
        findings = with_project_severity(findings, chosen.severity, loaded.design)
        results.append(FileResult(shown, findings))
    return results


def handle(args: argparse.Namespace) -> int:
    if args.dry_run and not args.fix:
        return _fail("archdraw lint: --dry-run goes with --fix")
    if args.revision and (args.baseline or args.update_baseline):
        return _fail("archdraw lint: use either --diff REV or a baseline, not both")
    chosen = plan(args)
    if isinstance(chosen, str):
        return _fail(chosen)
    if args.update_baseline and chosen.baseline is None:
        return _fail("archdraw lint: --update-baseline needs --baseline FILE (or `baseline`)")
    library = library_of(chosen.config, args.no_user_types)
    results = _lint_files(args, chosen, library)
    try:
        if args.revision:
            results = against_revision(results, args.revision, library, chosen.rules)
        elif chosen.baseline is not None:
            if not args.update_baseline and not chosen.baseline.exists():
                # A mistyped path must not pass for an empty baseline unremarked.
                print(
                    printable(
                        f"archdraw lint: no baseline at {chosen.baseline} yet: every finding is "
                        "new (--update-baseline writes it)"
                    ),
                    file=sys.stderr,
                )
            results = against_baseline(results, chosen.baseline)
            if args.update_baseline:
                print(update_baseline(results, chosen.baseline), file=sys.stderr)
    except (RevisionError, BaselineError) as error:
        return _fail(f"archdraw lint: {error}")
    if args.format == "text":
        stream_is_tty = args.output is None and use_colour(sys.stdout)
        output = text_output.render(results, stream_is_tty, args.revision)
    else:
        output = renderer(args.format)(results)
    if args.format != "text" or args.output:
        # The text report on stdout lists them; anywhere else, say so on stderr too.
        for problem in (p for r in results for p in r.problems):
            print(problem, file=sys.stderr)
    if args.output:
        if write_output(args.output, output, "lint", args.files) != EXIT_OK:
            return EXIT_INVALID
    else:
        sys.stdout.write(output)
    if any(r.problems for r in results):
        return EXIT_INVALID
    if args.update_baseline:
        return EXIT_OK
    threshold = chosen.fail_on.rank
    failing = any(f.severity.rank >= threshold for r in results for f in r.new_findings())
    return EXIT_FINDINGS if failing else EXIT_OK
