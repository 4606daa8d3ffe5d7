"""`archdraw diff OLD NEW`: what changed in the system between two versions of a design.

OLD and NEW are design files or `REV:path` (read from git). A revision alone
takes the other argument's path at that revision (`archdraw diff HEAD~1
shop.archdraw.yaml`); with no file at all (`archdraw diff main`, `archdraw diff
main HEAD`), every design that changed between them is compared. Exit codes
as `lint`: 1 when a new finding is at or above --fail-on, 2 for bad input.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from archdraw.cli.common import (
    EXIT_FINDINGS,
    EXIT_INVALID,
    EXIT_OK,
    use_colour,
    write_output,
)
from archdraw.cli.lint import display_path
from archdraw.cli.lint_inputs import choose_rules, library_of
from archdraw.cli.revisions import RevisionError, changed_designs, is_revision, read_at, split_spec
from archdraw.diff import FileDiff, Side, compare, render_json, render_markdown, render_text
from archdraw.diff.images import highlighted_svg, marks
from archdraw.diff.markdown import MarkdownOptions
from archdraw.diff.report import Unreadable
from archdraw.io import DesignError, load, loads
from archdraw.io.save import write_atomic
from archdraw.library import Library
from archdraw.lint.project import ProjectConfig, includes
from archdraw.source import printable

FORMATS = ("text", "markdown", "json")


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "diff",
        help="what changed between two versions of a design, and what it does to findings",
        description=__doc__.split("\n\n", 1)[1].replace("\n", " ") if __doc__ else None,
    )
    parser.add_argument("old", metavar="OLD", help="a design file, REV:path, or a git revision")
    parser.add_argument(
        "new",
        metavar="NEW",
        nargs="?",
        help="a design file, REV:path or revision (omitted: the working tree)",
    )
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format")
    parser.add_argument(
        "--layout", action="store_true", help="also list changes of position (layout only)"
    )
    parser.add_argument(
        "--fail-on",
        choices=("error", "warning", "info"),
        default=None,
        help="exit 1 when a NEW finding has this severity or worse (default: warning)",
    )
    parser.add_argument("--select", metavar="RULES", help="only these rules (as for lint)")
    parser.add_argument("--ignore", metavar="RULES", help="skip these rules (as for lint)")
    parser.add_argument("--config", metavar="FILE", help="use this pyproject.toml/archdraw.toml")
    parser.add_argument(
        "--no-derived",
        action="store_true",
        help="skip the derived figures (availability, single points of failure, saturation)",
    )
    parser.add_argument(
        "--link-base",
        metavar="URL",
        help="markdown: link findings to URL/PATH#LINE (e.g. https://github.com/O/R/blob/SHA)",
    )
    parser.add_argument(
        "--images",
        metavar="DIR",
        help="write before/after SVGs with changes highlighted into DIR (markdown shows them)",
    )
    parser.add_argument(
        "--image-url", metavar="URL", help="markdown: the URL where DIR's files will be served"
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not stdout")
    parser.add_argument(
        "--no-user-types", action="store_true", help="use only the built-in component library"
    )
    parser.set_defaults(handler=handle)


class _Invalid(Exception):
    """A side could not be loaded: its problems, as `file:line:col: message`."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(problems)
        self.problems = problems


def _side(spec: str | None, label: str, library: Library) -> Side:
    """A design from a file path, `REV:path`, or nothing (None: absent on that side)."""
    if spec is None:
        return Side(label, None)
    parts = split_spec(spec)
    try:
        if parts is not None and not Path(spec).exists():
            data = read_at(*parts)
            return Side(spec, None if data is None else loads(data, spec, library))
        if not Path(spec).exists():
            return Side(spec, None)
        return Side(display_path(spec), load(Path(spec), library))
    except DesignError as error:
        raise _Invalid([str(p) for p in error.problems]) from None


def _kind(arg: str) -> str:
    if Path(arg).exists():
        return "file"
    if split_spec(arg) is not None:
        return "spec"
    return "revision" if is_revision(arg) else "missing"


def _path_of(arg: str, kind: str) -> str:
    parts = split_spec(arg)
    return parts[1] if kind == "spec" and parts is not None else arg


def _pairs(
    old: str, new: str | None, config: ProjectConfig
) -> list[tuple[str, str | None, str | None]]:
    """(path shown, old spec, new spec) for each design to compare; with revisions only,
    the designs changed between them that the project includes."""
    old_kind = _kind(old)
    new_kind = None if new is None else _kind(new)
    if old_kind == "missing":
        raise RevisionError(f"'{old}' is neither a file, REV:path nor a git revision")
    if old_kind == "revision" and new_kind in (None, "revision"):
        later = None if new is None or new_kind is None else new
        return [
            (name, f"{old}:{before}", name if later is None else f"{later}:{name}")
            for before, name in changed_designs(old, later)
            if includes(Path(name), config)
        ]
    if new is None or new_kind is None:
        raise RevisionError("give NEW too: a design file, REV:path or revision")
    if new_kind == "revision":
        raise RevisionError(f"'{new}' is a revision: give OLD as a revision too, or NEW as a file")
    path = _path_of(new, new_kind)
    before = f"{old}:{path}" if old_kind == "revision" else old
    return [(display_path(path), before, new)]


def _write_images(
    diffs: list[FileDiff], args: argparse.Namespace, library: Library
) -> dict[str, tuple[Path, Path]]:
    """Each design's before and after pictures, written into --images DIR: where they went."""
    folder = Path(args.images)
    folder.mkdir(parents=True, exist_ok=True)
    written: dict[str, tuple[Path, Path]] = {}
    stems = [Path(d.path).name.split(".")[0] for d in diffs]
    for diff, stem in zip(diffs, stems, strict=True):
        if stems.count(stem) > 1:
            # Two designs of one name in different folders must not overwrite each other.
            stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", diff.path.split(".")[0]).strip("-")
        paths = []
        for side, name in ((diff.old, "old"), (diff.new, "new")):
            image = folder / f"{stem}.{'before' if name == 'old' else 'after'}.svg"
            svg = highlighted_svg(side.design, library, marks(diff.changes, name))
            write_atomic(image, svg.encode("utf-8"))
            paths.append(image)
        written[diff.path] = (paths[0], paths[1])
    return written


def _served(
    written: dict[str, tuple[Path, Path]], image_url: str | None
) -> dict[str, tuple[str, str]]:
    """Where the markdown finds the pictures: under --image-url, or where they were written."""

    def url(path: Path) -> str:
        return f"{image_url.rstrip('/')}/{path.name}" if image_url else path.as_posix()

    return {key: (url(before), url(after)) for key, (before, after) in written.items()}


def handle(args: argparse.Namespace) -> int:
    starts = [a for a in (args.new, args.old) if a is not None and Path(a).exists()]
    choice = choose_rules(args, starts, "diff")
    if isinstance(choice, str):
        print(choice, file=sys.stderr)
        return EXIT_INVALID
    library = library_of(choice.config, args.no_user_types)
    fail_on = choice.fail_on
    diffs: list[FileDiff] = []
    # A design that does not load is reported beside the others, not instead of them: one
    # broken file must not leave a pull request without its review.
    invalid: list[Unreadable] = []
    # OLD and NEW named one by one (not two revisions): an OLD that is not there may be a
    # typo in its path, so that it is compared as absent is said.
    one_pair = args.new is not None and _kind(args.new) != "revision"
    try:
        for path, old, new in _pairs(args.old, args.new, choice.config):
            try:
                before = _side(old, "(absent)", library)
                if one_pair and before.loaded is None:
                    print(
                        printable(f"archdraw diff: {old} does not exist; compared as absent"),
                        file=sys.stderr,
                    )
            except _Invalid as error:
                # The earlier version was broken: this change is what mends or removes it, so
                # it is compared as new (or not at all), not refused.
                print(
                    printable(f"archdraw diff: {old} does not load, compared as absent:"),
                    file=sys.stderr,
                )
                for problem in error.problems:
                    print(f"  {problem}", file=sys.stderr)
                before = Side(f"{old} (does not load)", None)
            try:
                after = _side(new, "(absent)", library)
            except _Invalid as error:
                invalid.append(Unreadable(path, tuple(error.problems)))
                for problem in error.problems:
                    print(problem, file=sys.stderr)
                continue
            if before.loaded is None and after.loaded is None:
                continue
            diffs.append(
                compare(
                    path,
                    before,
                    after,
                    library,
                    layout=args.layout,
                    derived=not args.no_derived,
                    rules=choice.rules,
                    severity=choice.severity,
                )
            )
    except RevisionError as error:
        print(printable(f"archdraw diff: {error}"), file=sys.stderr)
        return EXIT_INVALID
    images: dict[str, tuple[Path, Path]] = {}
    if args.images:
        try:
            images = _write_images(diffs, args, library)
        except OSError as error:
            print(printable(f"archdraw diff: cannot write images: {error}"), file=sys.stderr)
            return EXIT_INVALID
    if args.format == "json":
        output = render_json(diffs, fail_on, invalid, images)
    elif args.format == "markdown":
        served = _served(images, args.image_url)
        options = MarkdownOptions(fail_on, args.link_base, served, unreadable=tuple(invalid))
        output = render_markdown(diffs, library, options)
    else:
        colour = args.output is None and use_colour(sys.stdout)
        # The pictures are files beside the text: say where they went.
        output = render_text(diffs, fail_on, colour, images) if diffs or not invalid else ""
        for unreadable in invalid:  # not "no design changed": it changed, and does not load
            output += printable(f"{unreadable.path}: not compared, it does not load (above)")
            output += "\n"
    if args.output:
        inputs = [a for a in (args.old, args.new) if a is not None and Path(a).exists()]
        if write_output(args.output, output, "diff", inputs) != EXIT_OK:
            return EXIT_INVALID
    else:
        sys.stdout.write(output)
    if invalid:
        return EXIT_INVALID
    failing = any(d.blocking(fail_on) for d in diffs)
    return EXIT_FINDINGS if failing else EXIT_OK
