"""The pieces of a Drawing: boxes with their look, zones, links with their label. No Qt."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

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
LABEL_FRACTIONS = (0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78)
LABEL_SHIFTS = (0.0, -12.0, 12.0, -24.0, 24.0)  # beside the line when every spot on it is taken
LINK_WIDTH = 1.5
ZONE_TITLE_SIZE = 12.0
ZONE_KIND_SIZE = 10.5
ZONE_STROKE = 1.2
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


def label_rect(centre: Point, label: str) -> Rect:
    width = text_width(label, LINK_LABEL_SIZE) + 10
    return Rect(centre[0] - width / 2, centre[1] - 9, centre[0] + width / 2, centre[1] + 9)


def label_on(label: str, path: LinkPath, free: Callable[[Rect], bool]) -> LabelDrawing:
    """The label at the first spot along the link that is `free`, else at its middle."""
    text = fit(clean_text(label, 400), MAX_LINK_LABEL_WIDTH, LINK_LABEL_SIZE)
    first: Rect | None = None
    for shift in LABEL_SHIFTS:
        for fraction in LABEL_FRACTIONS:
            x, y = path.at(fraction)
            rect = label_rect((x, y + shift), text)
            first = first or rect
            if free(rect):
                return LabelDrawing(text, rect)
    assert first is not None
    return LabelDrawing(text, first)
