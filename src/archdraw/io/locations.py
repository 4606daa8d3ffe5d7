"""Where each element of a loaded design sits in its file, for messages and lint findings."""

from __future__ import annotations

from dataclasses import dataclass

from archdraw.model.types import Design
from archdraw.source import Locations

Position = tuple[int, int]


@dataclass(frozen=True)
class ElementLocations:
    """Positions of components, links and zones by id, as loaded (they go stale after edits)."""

    components: dict[str, Position]
    links: dict[str, Position]
    zones: dict[str, Position]
    lint_ignores: tuple[Position, ...] = ()

    @classmethod
    def from_source(cls, design: Design, source: Locations) -> ElementLocations:
        def at(path: tuple[str | int, ...]) -> Position:
            return source.exact(path) or source.of(path)

        return cls(
            components={c.id: at(("components", i)) for i, c in enumerate(design.components)},
            links={k.key: at(("links", i)) for i, k in enumerate(design.links)},
            zones={z.id: at(("zones", i)) for i, z in enumerate(design.zones)},
            lint_ignores=tuple(at(("lint", "ignore", i)) for i in range(len(design.lint.ignore))),
        )
