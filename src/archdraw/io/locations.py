"""Where each element of a loaded design sits in its file, for messages and lint findings."""

from __future__ import annotations

from dataclasses import dataclass, field

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
    # Entries of `lint: disable:` by index and of `lint: severity:` by key, so a setting
    # that names no rule is reported where it is written.
    lint_disable: tuple[Position, ...] = ()
    lint_severity: dict[str, Position] = field(default_factory=dict)

    def setting(self, place: tuple[str, int | str]) -> Position | None:
        """The position of ("ignore", i), ("disable", i) or ("severity", key)."""
        kind, key = place
        if kind == "severity":
            return self.lint_severity.get(str(key))
        entries = self.lint_ignores if kind == "ignore" else self.lint_disable
        return entries[key] if isinstance(key, int) and 0 <= key < len(entries) else None

    @classmethod
    def from_source(cls, design: Design, source: Locations) -> ElementLocations:
        def at(path: tuple[str | int, ...]) -> Position:
            return source.exact(path) or source.of(path)

        return cls(
            components={c.id: at(("components", i)) for i, c in enumerate(design.components)},
            links={k.key: at(("links", i)) for i, k in enumerate(design.links)},
            zones={z.id: at(("zones", i)) for i, z in enumerate(design.zones)},
            lint_ignores=tuple(at(("lint", "ignore", i)) for i in range(len(design.lint.ignore))),
            lint_disable=tuple(at(("lint", "disable", i)) for i in range(len(design.lint.disable))),
            lint_severity={key: at(("lint", "severity", key)) for key in design.lint.severity},
        )
