"""`archdraw review FILE`: the design review as Markdown or one self-contained HTML page."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from archdraw.cli.analyze import _factor
from archdraw.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    STDOUT,
    library_for,
    load_one,
    output_problem,
    write_output,
)
from archdraw.cost import PriceError, load_prices, user_prices_dir
from archdraw.export.svg import export_svg
from archdraw.review import build_review, render_html, render_markdown
from archdraw.source import printable


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "review",
        help="a design review: the document, its gaps, the four questions and the cost",
        description="Write the design review of FILE: the design document with its gaps, the "
        "diagram with findings marked, 'Grows 10x?', 'Fails halfway?', 'Can someone plug in?', "
        "'Data out of order?', the monthly cost and the assumptions.",
    )
    parser.add_argument("file", metavar="FILE")
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="write here (default: stdout); Markdown gets the diagram as OUT's name with .svg",
    )
    parser.add_argument(
        "--format",
        choices=("markdown", "html", "text"),
        default=None,
        help="default: html when OUT ends in .html, else markdown; text is the Markdown "
        "with no diagram picture written, as lint, analyze and diff have a text form",
    )
    parser.add_argument(
        "--growth",
        type=_factor,
        default=10.0,
        metavar="K",
        help="the growth the review asks about (default 10)",
    )
    parser.add_argument(
        "--no-user-types",
        action="store_true",
        help="use only the built-in component library and prices",
    )
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    library = library_for(args.no_user_types)
    loaded = load_one(args.file, library)
    if loaded is None:
        return EXIT_INVALID
    try:
        book = load_prices(user_dir=None if args.no_user_types else user_prices_dir())
    except PriceError as error:
        print(printable(f"archdraw review: {error}"), file=sys.stderr)
        return EXIT_INVALID
    review = build_review(loaded.design, library, book, args.growth)
    kind = args.format or (
        "html" if (args.output or "").endswith((".html", ".htm")) else "markdown"
    )
    inputs = [args.file]  # never written over (with the picture beside the Markdown)
    if kind == "html":
        text = render_html(review, loaded.design, library)
    elif kind == "text":
        text = render_markdown(review)  # readable as it is; a terminal shows no picture
    elif args.output and args.output != STDOUT:
        # Markdown shows the diagram as an SVG written beside it, findings marked.
        picture = Path(args.output).with_suffix(".svg")
        if picture == Path(args.output):  # `-o review.svg`: the picture must not be it
            picture = picture.with_suffix(".diagram.svg")
        problem = output_problem(args.output, inputs)
        folder = Path(args.output).parent
        if problem is None and not folder.is_dir():
            # Else the picture, written first, would be the file named as unwritable.
            problem = f"cannot write {args.output}: no folder {folder}"
        if problem is not None:  # said before the picture is written, not after
            print(printable(f"archdraw review: {problem}"), file=sys.stderr)
            return EXIT_INVALID
        svg = export_svg(loaded.design, library, findings=review.findings, legend=True)
        if write_output(str(picture), svg, "review", inputs) != EXIT_OK:
            return EXIT_INVALID
        text = render_markdown(review, diagram=picture.name)
    else:
        text = render_markdown(review)
    if args.output:
        return write_output(args.output, text, "review", inputs)
    sys.stdout.write(text)
    return EXIT_OK
