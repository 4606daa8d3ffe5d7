"""The figures a reviewer decides on, before and after: availability per client,
single points of failure and the saturation point, all from `archdraw.analysis`.

Every figure is derived (from the design's properties and the component
library's defaults), never stated; `Figure.basis` says so in the output.
Further figures plug in as a `Measure` in `MEASURES` (a function of the design
and the library returning named figures); the monthly cost is one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from archdraw.analysis import analyze_availability, analyze_growth, build_graph, weakest_points
from archdraw.cost import estimate, shipped_prices
from archdraw.library import Library
from archdraw.model import Design
from archdraw.source.printable import plural

# Availability is a fraction (0.9995) in json, as `archdraw analyze` gives it; text and
# markdown show it as a percentage.
AVAILABILITY_UNIT = "fraction"
BASIS = "derived: archdraw analysis of the design's properties and the library's defaults"


@dataclass(frozen=True)
class Figure:
    label: str  # "Monthly cost"
    value: float | None  # None: cannot be computed for this design
    unit: str  # "fraction" (shown as a percentage), "x", "USD/month"
    basis: str  # what the number rests on


Measure = Callable[[Design, Library], Mapping[str, Figure]]


def monthly_cost(design: Design, library: Library) -> dict[str, Figure]:
    """The cost estimate's monthly total at the stated traffic (`archdraw.cost`).

    Shipped prices and the design's own `cost.prices` only, so a diff reads the same on
    every machine; lines whose usage is unknown are left out and the basis says how many.
    """
    book = shipped_prices()
    cost = estimate(design, library, book)
    basis = (
        f"derived: a planning estimate from {book.provider} {book.region} on-demand list prices "
        f"taken {book.taken}"
    )
    if cost.unknown:
        basis += (
            f"; {plural(len(cost.unknown), 'line')} resting on figures the design omits, left out"
        )
    return {"cost": Figure("Monthly cost", cost.total, "USD/month", basis)}


# Extra figures compared by every diff, by key, beyond the analysis below.
MEASURES: tuple[Measure, ...] = (monthly_cost,)


@dataclass(frozen=True)
class Figures:
    availability: dict[str, float]  # client id -> expected availability of its requests
    design_availability: float | None  # clients weighted by their rps; None: no design
    single_points: dict[str, str]  # "component:api" / "zone:eu-1" -> title
    clients: dict[str, str]  # client id -> its title, to name the per-client figures
    bottleneck: str | None  # the first component to saturate as traffic grows
    saturates_at: float | None  # the traffic growth factor at which it does
    extra: dict[str, Figure] = field(default_factory=dict)
    # Components saturated today: each makes the availability of what it carries 0.
    saturated: tuple[str, ...] = ()


# A side where the file does not exist (added or deleted in the change): no figures.
NO_DESIGN = Figures({}, None, {}, {}, None, None)


def measure(design: Design, library: Library, measures: tuple[Measure, ...] = MEASURES) -> Figures:
    graph = build_graph(design, library)
    availability = analyze_availability(design, library, graph=graph)
    growth = analyze_growth(design, library, graph=graph)
    titles = {c.id: c.title for c in design.components} | {z.id: z.title for z in design.zones}
    single_points = {
        f"{point.kind}:{point.id}": titles.get(point.id, point.id)
        for point in weakest_points(design, library, graph=graph)
    }
    bottleneck = growth.bottleneck
    saturates_at = growth.components[bottleneck].saturates_at if bottleneck else None
    extra: dict[str, Figure] = {}
    for each in measures:
        extra.update(each(design, library))
    return Figures(
        availability=availability.clients,
        design_availability=availability.design,
        single_points=single_points,
        clients={client: titles.get(client, client) for client in availability.clients},
        bottleneck=bottleneck,
        saturates_at=saturates_at,
        extra=extra,
        saturated=tuple(availability.saturated),
    )


@dataclass(frozen=True)
class Delta:
    """One figure before and after (None where a side has no such figure)."""

    key: str  # "availability", "availability:web", "saturation", or a measure's key
    label: str
    old: float | None
    new: float | None
    unit: str
    basis: str
    detail_old: str | None = None  # e.g. the bottleneck's id
    detail_new: str | None = None

    @property
    def changed(self) -> bool:
        return self.old != self.new or self.detail_old != self.detail_new


@dataclass(frozen=True)
class DerivedChanges:
    deltas: list[Delta]
    new_single_points: dict[str, str]
    removed_single_points: dict[str, str]

    @property
    def changed(self) -> list[Delta]:
        return [d for d in self.deltas if d.changed]


def _saturated(figures: Figures) -> str | None:
    """Why an availability is 0: the components saturated today (None when none is)."""
    return "saturated: " + ", ".join(figures.saturated) if figures.saturated else None


def compare_figures(old: Figures, new: Figures) -> DerivedChanges:
    deltas = [
        Delta(
            "availability",
            "Availability (all clients, by rps)",
            old.design_availability,
            new.design_availability,
            AVAILABILITY_UNIT,
            BASIS,
            _saturated(old),
            _saturated(new),
        )
    ]
    for client in sorted(old.availability.keys() | new.availability.keys()):
        title = new.clients.get(client) or old.clients.get(client) or client
        deltas.append(
            Delta(
                f"availability:{client}",
                f"Availability for {title}",
                old.availability.get(client),
                new.availability.get(client),
                AVAILABILITY_UNIT,
                BASIS,
            )
        )
    deltas.append(
        Delta(
            "saturation",
            "Saturation point (traffic growth)",
            old.saturates_at,
            new.saturates_at,
            "x",
            BASIS,
            old.bottleneck,
            new.bottleneck,
        )
    )
    for key in sorted(old.extra.keys() | new.extra.keys()):
        before, after = old.extra.get(key), new.extra.get(key)
        shown = after or before
        assert shown is not None
        deltas.append(
            Delta(
                key,
                shown.label,
                before.value if before else None,
                after.value if after else None,
                shown.unit,
                shown.basis,
            )
        )
    return DerivedChanges(
        deltas=deltas,
        new_single_points={
            k: v for k, v in new.single_points.items() if k not in old.single_points
        },
        removed_single_points={
            k: v for k, v in old.single_points.items() if k not in new.single_points
        },
    )
