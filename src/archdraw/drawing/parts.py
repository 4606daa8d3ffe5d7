"""The pieces of a Drawing: boxes with their look, zones, links with their label. No Qt."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from archdraw.analysis.instances import Instances, component_instances, instances
from archdraw.analysis.kinds import TypeFacts, provider_runs
from archdraw.drawing.faces import ComponentLook, face
from archdraw.drawing.paths import LinkPath, Point
from archdraw.drawing.text_metrics import fit, text_width
from archdraw.layout import Rect, clean_text
from archdraw.library import Library
from archdraw.model import Component

LINK_LABEL_SIZE = 11.0
MAX_LINK_LABEL_WIDTH = 160.0
LABEL_FRACTIONS = (0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78, 0.15, 0.85, 0.1, 0.9)
LABEL_SHIFTS = (0.0, -12.0, 12.0, -24.0, 24.0)  # beside the line when every spot on it is taken
LINK_WIDTH = 1.5
ZONE_TITLE_SIZE = 12.0
ZONE_KIND_SIZE = 10.5
ZONE_STROKE = 1.2
ZONE_TEXT_INSET = 12.0  # a zone's heading starts, and its kind ends, this far in from its sides
ZONE_TEXT_BASELINE = 19.0  # below the zone's top
ZONE_DASH: dict[str, tuple[float, ...]] = {
    "zone": (6, 4),
    "network": (2, 3),
    "group": (10, 3, 2, 3),
}


def look_of(
    component: Component, library: Library | None, facts: TypeFacts | None = None
) -> ComponentLook:
    """What a component's box shows (`facts`: the library's, when the caller keeps them)."""
    spec = library.get(component.type) if library is not None else None
    # A known type without `replicas` (a client, an external API) runs no instances of ours.
    runs = spec is None or "replicas" in spec.properties
    return ComponentLook(
        title=component.title,
        type_label=spec.label if spec is not None else f"{component.type} (unknown type)",
        category=spec.category if spec is not None else "external",
        icon=spec.icon if spec is not None and spec.icon else "circle-help",
        instances=_instances(component, library, facts) if runs else None,
    )


def _instances(component: Component, library: Library | None, facts: TypeFacts | None) -> Instances:
    """The count the analysis uses; without a library, read from the component's own values."""
    if library is None:
        own = component.props
        return instances(
            own.get("replicas"),
            own.get("zones"),
            None,
            stated="replicas" in own,
            sharded=False,
            managed=provider_runs(own.get("managed"), own.get("global")),
        )
    return component_instances(component, facts or TypeFacts(library))


@dataclass(frozen=True)
class BoxDrawing:
    id: str
    rect: Rect
    look: ComponentLook

    @property
    def badge(self) -> Rect | None:
        """Where the instances badge is drawn (at full detail); links keep their arrowheads
        off it."""
        pill = face(self.look, "full").badge
        if pill is None:
            return None
        x, y = self.rect.x0, self.rect.y0
        return Rect(x + pill.x0, y + pill.y0, x + pill.x1, y + pill.y1)


@dataclass(frozen=True)
class ZoneDrawing:
    id: str
    title: str
    heading: str  # the title, shortened to fit beside the kind
    kind: str
    rect: Rect
    depth: int
    # Where the heading starts and the kind ends (None: the kind is not written), clear of
    # the links crossing the zone's top where they can be (`zone_titles`).
    heading_x: float
    kind_end: float | None

    @property
    def border(self) -> tuple[Rect, ...]:
        """The four sides of its border, as lines (a label's interior crossing one hides it)."""
        x0, y0, x1, y1 = self.rect.x0, self.rect.y0, self.rect.x1, self.rect.y1
        top, bottom = Rect(x0, y0, x1, y0), Rect(x0, y1, x1, y1)
        return (top, bottom, Rect(x0, y0, x0, y1), Rect(x1, y0, x1, y1))

    @property
    def written(self) -> tuple[float, float | None]:
        """Where the heading starts and the kind ends (None: the kind is not written)."""
        return (self.heading_x, self.kind_end)

    @property
    def titles(self) -> tuple[Rect, ...]:
        """Where its heading (top left) and kind (top right) are written, with a little room."""
        y0, start, end = self.rect.y0, self.heading_x, self.kind_end
        top, bottom = y0 + ZONE_TEXT_BASELINE - ZONE_TITLE_SIZE - 2, y0 + ZONE_TEXT_BASELINE + 5
        heading = text_width(self.heading, ZONE_TITLE_SIZE, True)
        written = Rect(start - 3, top, start + heading + 3, bottom)
        if end is None:
            return (written,)
        kind = text_width(self.kind, ZONE_KIND_SIZE)
        return (written, Rect(end - kind - 3, top, end + 3, bottom))


@dataclass(frozen=True)
class LabelDrawing:
    """A link label on a background pill; its text is centred, baseline 13 below the top."""

    text: str
    rect: Rect

    @property
    def baseline(self) -> Point:
        return (self.rect.centre[0], self.rect.y0 + 13)


@dataclass(frozen=True)
class LinkDrawing:
    key: str
    kind: str
    source: str
    target: str
    path: LinkPath | None  # None when the two boxes overlap: nothing to draw
    label: LabelDrawing | None


class Spots(NamedTuple):
    """Where a link's label may go: its text as drawn, half its pill's width, and the
    centres of its spots on the link (`LABEL_FRACTIONS` of the way along)."""

    text: str
    half: float
    points: list[Point]


def label_spots(label: str, path: LinkPath) -> Spots:
    text = fit(clean_text(label, 400), MAX_LINK_LABEL_WIDTH, LINK_LABEL_SIZE)
    half = (text_width(text, LINK_LABEL_SIZE) + 10) / 2
    return Spots(text, half, [path.at(fraction) for fraction in LABEL_FRACTIONS])


def label_reach(spots: Spots) -> list[Rect]:
    """Where `label_on` may put the label, with the room its spots claim from other lines:
    a rectangle round each of its spots on the link, as high as its shifts reach."""
    most = max(abs(shift) for shift in LABEL_SHIFTS) * 2 + 9
    return [Rect(x - spots.half, y - most, x + spots.half, y + most) for x, y in spots.points]


def label_on(
    spots: Spots,
    blocked: Callable[[Rect], bool],
    covers: Callable[[Rect, Rect, Rect | None, int | None], int],
) -> LabelDrawing:
    """The label at the first spot along the link (`LABEL_FRACTIONS` on it, then beside it by
    `LABEL_SHIFTS`) that is not `blocked` and `covers` the least (none best), else at the
    link's middle.

    `covers` is asked about the label's rectangle, the room it claims from other links' lines
    (beside its link, from its link to as far again beyond the label: a line just past it
    would seem to be the one labelled), beside its link the label with the gap to its link
    (a line there would seem to be so too), and the count past which it need not count (that
    of the best spot so far)."""
    text, half, points = spots
    best: tuple[int, Rect] | None = None
    first: Rect | None = None
    for shift in LABEL_SHIFTS:
        for x, y in points:
            rect = Rect(x - half, y + shift - 9, x + half, y + shift + 9)
            first = first or rect
            if blocked(rect):
                continue
            between: Rect | None = None
            if shift < 0:
                between = Rect(rect.x0, rect.y0, rect.x1, y)
                claim = between.grown(0, -shift, 0, 0)
            elif shift > 0:
                between = Rect(rect.x0, y, rect.x1, rect.y1)
                claim = between.grown(0, 0, 0, shift)
            else:
                claim = rect
            count = covers(rect, claim, between, best[0] if best is not None else None)
            if count == 0:
                return LabelDrawing(text, rect)
            if best is None or count < best[0]:
                best = (count, rect)
    assert first is not None
    return LabelDrawing(text, best[1] if best is not None else first)
