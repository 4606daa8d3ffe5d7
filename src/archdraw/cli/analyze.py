"""`archdraw analyze FILE`: what if it fails, what if traffic grows, how available is it."""

from __future__ import annotations

import argparse
import json
import sys

from archdraw.analysis.availability import ZONE_AVAILABILITY
from archdraw.analysis.failure import UnknownElement
from archdraw.analysis.report import run_analysis, to_json
from archdraw.analysis.simulation_defaults import DEFAULT_REQUESTS
from archdraw.analysis.text import render_text
from archdraw.cli.common import EXIT_INVALID, EXIT_OK, library_for, load_one, positive_number
from archdraw.cost import (
    CostEstimate,
    PriceError,
    cost_to_json,
    estimate,
    load_prices,
    render_cost_text,
    user_prices_dir,
)
from archdraw.library import Library
from archdraw.model import ZONE_KINDS, Design
from archdraw.source import printable

MAX_GROWTH = 1_000_000.0
# Traffic shrunk a thousand times is the least a question about growth means; smaller
# factors only print figures like 1e-300x and $1.6e-295.
MIN_GROWTH = 0.001


def _ids(values: list[str] | None) -> list[str]:
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


_factor = positive_number(MAX_GROWTH, least=MIN_GROWTH)


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1 or value > 10_000_000:
        raise argparse.ArgumentTypeError(f"must be between 1 and 10,000,000, got {text!r}")
    return value


def _zone_figures(text: str) -> dict[str, float]:
    figures: dict[str, float] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        kind, _, value = part.partition("=")
        if kind.strip() not in ZONE_KINDS:
            raise argparse.ArgumentTypeError(
                f"expected KIND=A with KIND one of {', '.join(ZONE_KINDS)}, got {part!r}"
            )
        try:
            number = float(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a number in {part!r}") from None
        if not 0.0 <= number <= 1.0:
            raise argparse.ArgumentTypeError(f"availability must be within 0..1 in {part!r}")
        figures[kind.strip()] = number
    return figures


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "analyze",
        help="failure, growth and availability analysis of a design",
        description="Answer 'what if this fails?' (--fail, --fail-zone, --weakest), "
        "'what if traffic grows?' (--growth) and 'how available is it?' (--availability). "
        "With no option, prints the load at today's traffic and where it saturates.",
    )
    parser.add_argument("file", metavar="FILE")
    parser.add_argument(
        "--fail",
        action="append",
        metavar="ID[,ID...]",
        help="fail one instance of each component (all instances with --all-instances)",
    )
    parser.add_argument(
        "--fail-zone",
        action="append",
        metavar="ZONE[,ZONE...]",
        help="fail a zone or region and everything placed in it",
    )
    parser.add_argument(
        "--all-instances",
        action="store_true",
        help="--fail takes down every instance, not one (a bad deploy, a provider outage)",
    )
    parser.add_argument(
        "--growth",
        type=_factor,
        metavar="K",
        help="multiply every client's rps by K (default 1)",
    )
    parser.add_argument(
        "--weakest", action="store_true", help="rank every single failure by traffic lost"
    )
    parser.add_argument(
        "--availability", action="store_true", help="expected availability per client"
    )
    parser.add_argument(
        "--zone-availability",
        type=_zone_figures,
        metavar="KIND=A[,KIND=A]",
        help="availability of a whole zone kind failing as one, e.g. zone=0.9999,region=0.99999 "
        "(defaults: " + ", ".join(f"{k}={v}" for k, v in ZONE_AVAILABILITY.items()) + ")",
    )
    parser.add_argument(
        "--simulate", action="store_true", help="check the formulas with a simulation"
    )
    parser.add_argument("--seed", type=int, default=0, help="simulation seed (default 0)")
    parser.add_argument(
        "--requests",
        type=_count,
        default=DEFAULT_REQUESTS,
        help=f"requests to simulate (default {DEFAULT_REQUESTS:,})",
    )
    parser.add_argument(
        "--cost",
        action="store_true",
        help="monthly cost at 1x and at --growth (a planning estimate from list prices)",
    )
    parser.add_argument("--top", type=_count, default=10, help="rows in ranked lists (text)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument(
        "--no-user-types", action="store_true", help="use only the built-in component library"
    )
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    if args.all_instances and not args.fail:
        print(
            "archdraw analyze: --all-instances goes with --fail ID (every instance of those "
            "fails, not one)",
            file=sys.stderr,
        )
        return EXIT_INVALID
    # Zone figures only change the availability: asking for them asks for it.
    args.availability = args.availability or args.zone_availability is not None
    library = library_for(args.no_user_types)
    loaded = load_one(args.file, library)
    if loaded is None:
        return EXIT_INVALID
    try:
        report = run_analysis(
            loaded.design,
            library,
            fail=_ids(args.fail),
            fail_zones=_ids(args.fail_zone),
            all_instances=args.all_instances,
            growth=args.growth or 1.0,
            weakest=args.weakest,
            availability=args.availability,
            simulation=args.simulate,
            seed=args.seed,
            requests=args.requests,
            zone_availability=args.zone_availability,
        )
    except UnknownElement as error:
        print(printable(f"{args.file}: {error}"), file=sys.stderr)
        return EXIT_INVALID
    estimates = None
    if args.cost:
        try:
            estimates = cost_estimates(loaded.design, library, args.growth, args.no_user_types)
        except PriceError as error:
            print(printable(f"archdraw analyze: {error}"), file=sys.stderr)
            return EXIT_INVALID
    other = args.fail or args.fail_zone or args.weakest or args.availability
    if args.format == "json":
        data = to_json(report)
        if estimates is not None:
            data["cost"] = cost_to_json(estimates)
        print(json.dumps(data, indent=2))
        return EXIT_OK
    if estimates is None or other or args.simulate:
        growth_asked = args.growth is not None or args.simulate or not other
        text = render_text(report, growth_asked=growth_asked, top=args.top)
        sys.stdout.write(text)
    if estimates is not None:
        sys.stdout.write(render_cost_text(estimates))
    return EXIT_OK


def cost_estimates(
    design: Design, library: Library, growth: float | None, no_user_prices: bool
) -> list[CostEstimate]:
    """The estimate at 1x and, when asked, at `growth`."""
    book = load_prices(user_dir=None if no_user_prices else user_prices_dir())
    factors = [1.0] if growth in (None, 1.0) else [1.0, float(growth)]
    return [estimate(design, library, book, factor) for factor in factors]
