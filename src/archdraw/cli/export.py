"""`archdraw export FILE... -f FORMAT`: images and text formats, to files or stdout."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from archdraw.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    STDOUT,
    library_for,
    load_each,
    output_problem,
    write_output,
)
from archdraw.export import FORMATS, ExportError, export_design
from archdraw.io import LoadedDesign
from archdraw.library import Library
from archdraw.lint import lint_design
from archdraw.source import printable

DESIGN_SUFFIXES = (".archdraw.yaml", ".archdraw.yml", ".yaml", ".yml")


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "export",
        help="export designs as svg, png, pdf, mermaid, d2, plantuml, dot, drawio, ...",
        description="Export each design in one format. Images look like the editor's canvas; "
        "components without a position are laid out first. Without -o, each output goes "
        "next to its design (or into --out-dir) as NAME.EXT. Exit 2 for an unknown format, "
        "an invalid design or an unwritable path.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.add_argument(
        "-f",
        "--format",
        metavar="FORMAT",
        help=f"one of: {', '.join(FORMATS)}; without it, the extension of -o OUT decides",
    )
    parser.add_argument(
        "-o", "--output", metavar="OUT", help="output file, or - for stdout (one FILE only)"
    )
    parser.add_argument("--out-dir", metavar="DIR", help="write every output into DIR")
    parser.add_argument("--theme", choices=("light", "dark"), default="light", help="image theme")
    parser.add_argument(
        "--scale", type=float, default=2.0, metavar="N", help="PNG pixels per point (default 2)"
    )
    parser.add_argument(
        "--findings", action="store_true", help="mark lint findings on the image (svg/png/pdf)"
    )
    parser.add_argument(
        "--legend",
        action="store_true",
        help="add a legend of the categories, link kinds, instances badges and finding "
        "severities drawn",
    )
    parser.add_argument(
        "--no-user-types", action="store_true", help="use only the built-in component library"
    )
    parser.set_defaults(handler=handle)


def _fail(message: str) -> int:
    print(printable(f"archdraw export: {message}"), file=sys.stderr)
    return EXIT_INVALID


def output_name(design_path: str, extension: str) -> str:
    name = Path(design_path).name
    for suffix in DESIGN_SUFFIXES:
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)] + extension
    return name + extension


def file_extension(fmt: str) -> str:
    """The extension; a format sharing it with an earlier one is named in it too
    (mermaid writes NAME.mmd, mermaid-architecture NAME.architecture.mmd), so exporting
    both into one folder keeps both."""
    extension = FORMATS[fmt].extension
    first = next(name for name, spec in FORMATS.items() if spec.extension == extension)
    if first == fmt:
        return extension
    return f".{fmt.removeprefix(first + '-')}{extension}"


def _by_extension(output: str | None) -> list[str]:
    """The formats whose files end as `output` does, the one named most exactly first
    (`x.architecture.mmd`: mermaid-architecture, then mermaid; `x.mmd`: the other way)."""
    if output is None or output == STDOUT:
        return []
    name = Path(output).name.lower()
    suffix = Path(output).suffix.lower()
    found = [f for f, spec in FORMATS.items() if suffix and spec.extension == suffix]
    return sorted(found, key=lambda f: -len(file_extension(f)) * name.endswith(file_extension(f)))


def _choose_format(args: argparse.Namespace) -> str | None:
    """Set `args.format` from -o's extension when -f is not given; a problem, or None.

    As in the editor, `-o x.png` is a PNG; `-f svg -o x.png` would write SVG text into a
    file every viewer opens as PNG, so it is refused rather than guessed."""
    named = _by_extension(args.output)
    if args.format is None:
        if not named:
            return (
                "say which format with -f FORMAT (one of "
                f"{', '.join(FORMATS)}), or name -o OUT with its extension (x.svg, x.png)"
            )
        args.format = named[0]
    elif args.format in FORMATS and named and args.format not in named:
        return (
            f"-o {args.output} names a {named[0]} file but -f {args.format} writes "
            f"{args.format}; use -f {named[0]}, or -o with {FORMATS[args.format].extension}"
        )
    return None


def _check_usage(args: argparse.Namespace) -> str | None:
    chosen = _choose_format(args)
    if chosen:
        return chosen
    if args.format not in FORMATS:
        return f"unknown format '{args.format}' (choose from {', '.join(FORMATS)})"
    if args.output is not None and args.out_dir is not None:
        return "use either -o or --out-dir, not both"
    if args.output is not None and len(args.files) > 1:
        return "-o takes one FILE; use --out-dir DIR for several"
    if not 0 < args.scale <= 16:
        return f"--scale must be above 0 and at most 16, not {args.scale:g}"
    binary = FORMATS[args.format].binary
    if args.output == STDOUT and binary and sys.stdout.isatty():
        return f"not writing {args.format.upper()} bytes to a terminal; redirect it or use -o FILE"
    targets = [_target(args, path) for path in args.files]
    for target in dict.fromkeys(targets):
        sources = [p for p, t in zip(args.files, targets, strict=True) if t == target]
        if len(sources) > 1 and target != STDOUT:
            return f"{' and '.join(sources)} would all be written to {target}; export them apart"
        problem = output_problem(target, args.files)
        if problem is not None:
            return problem
    return None


def _target(args: argparse.Namespace, path: str) -> str:
    if args.output is not None:
        return str(args.output)
    folder = Path(args.out_dir) if args.out_dir is not None else Path(path).parent
    return str(folder / output_name(path, file_extension(args.format)))


def handle(args: argparse.Namespace) -> int:
    problem = _check_usage(args)
    if problem:
        return _fail(problem)
    if args.out_dir is not None:
        if Path(args.out_dir).exists() and not Path(args.out_dir).is_dir():
            return _fail(f"--out-dir {args.out_dir} is a file, not a folder; nothing written")
        try:
            Path(args.out_dir).mkdir(parents=True, exist_ok=True)
        except OSError as error:
            return _fail(f"cannot create {args.out_dir}: {error.strerror or error}")
    library = library_for(args.no_user_types)
    status = EXIT_OK
    for path, loaded in load_each(args.files, library):
        if loaded is None:
            status = EXIT_INVALID
            continue
        if _export_one(args, path, loaded, library) != EXIT_OK:
            status = EXIT_INVALID
    return status


def _export_one(args: argparse.Namespace, path: str, loaded: LoadedDesign, library: Library) -> int:
    findings = lint_design(loaded.design, library, loaded.locations) if args.findings else None
    try:
        result = export_design(
            loaded.design,
            library,
            args.format,
            theme=args.theme,
            scale=args.scale,
            findings=findings,
            legend=args.legend,
        )
    except ExportError as error:
        return _fail(f"{path}: {error}")
    target = _target(args, path)
    if write_output(target, result, "export", args.files) != EXIT_OK:
        return EXIT_INVALID
    if target != STDOUT:
        print(printable(f"{path}: wrote {target}"), file=sys.stderr)
    return EXIT_OK
