"""`archdraw prices`: the price book the cost estimate uses, and how to update it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from archdraw.cli.common import EXIT_INVALID, EXIT_OK
from archdraw.cost import PriceError, load_prices, user_prices_dir
from archdraw.cost.update import write_snapshot
from archdraw.source import printable, printable_joined
from archdraw.source.printable import plural


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "prices",
        help="show the price book, or update the LLM price snapshot",
        description="Without a sub-command, print the prices the cost estimate uses, their "
        "sources and dates. `update --from FILE` writes a new LLM price snapshot to your "
        f"prices folder ({user_prices_dir()}) from a copy of LiteLLM's "
        "model_prices_and_context_window.json (nothing is ever fetched).",
    )
    parser.add_argument("action", nargs="?", choices=("show", "update"), default="show")
    parser.add_argument("--from", dest="source", metavar="FILE", help="price list JSON")
    parser.add_argument(
        "--models", metavar="NAME[,NAME...]", help="models to keep (default: those priced now)"
    )
    parser.add_argument("--to", metavar="DIR", help="folder to write (default: your prices folder)")
    parser.add_argument("--no-user-types", action="store_true", help="show only the shipped prices")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    try:
        if args.action == "update":
            return _update(args)
        book = load_prices(user_dir=None if args.no_user_types else user_prices_dir())
    except PriceError as error:
        print(printable(f"archdraw prices: {error}"), file=sys.stderr)
        return EXIT_INVALID
    lines = [
        f"{book.provider} {book.region}, on-demand list prices in {book.currency}, "
        f"taken {book.taken}"
    ]
    for key, price in sorted(book.prices.items()):
        lines.append(
            f"  {key:<18} {price.price:>12g} per {price.unit:<12} {price.what} [{price.origin}]"
        )
    lines.append(f"LLM prices per million tokens: {book.llm_source}")
    lines.append(
        f"  version {book.llm_version}, {book.llm_licence} licence, taken {book.llm_taken}"
    )
    for name, model in sorted(book.models.items()):
        lines.append(f"  {name:<28} in {model.input_per_mtok:g}  out {model.output_per_mtok:g}")
    lines.append("Sources: " + ", ".join(book.sources))
    # A user's price file can say anything: its text is escaped like any file's.
    print(printable_joined(lines))
    return EXIT_OK


def _update(args: argparse.Namespace) -> int:
    if not args.source:
        print("archdraw prices update: --from FILE is required", file=sys.stderr)
        return EXIT_INVALID
    current = load_prices(user_dir=user_prices_dir() if args.to is None else None)
    models = [m.strip() for m in (args.models or "").split(",") if m.strip()] or sorted(
        current.models
    )
    target = Path(args.to) if args.to else user_prices_dir()
    try:
        written = write_snapshot(Path(args.source), target, models)
    except OSError as error:
        print(printable(f"archdraw prices update: {error}"), file=sys.stderr)
        return EXIT_INVALID
    print(printable(f"wrote {plural(len(models), 'model price')} to {written}"))
    return EXIT_OK
