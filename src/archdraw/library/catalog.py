"""The component library: every known type, implementing the model's TypeCatalog."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archdraw.library.loader import SHARED_PROPERTIES_FILE, read_shared_properties, read_type_file
from archdraw.library.types import ComponentType, PropertySpec, check_props
from archdraw.model.catalog import PropProblem
from archdraw.model.types import Component
from archdraw.source import Problem


@dataclass
class Library:
    types: dict[str, ComponentType]
    link_properties: dict[str, PropertySpec]
    problems: list[Problem] = field(default_factory=list)

    # TypeCatalog
    def has_type(self, type_id: str) -> bool:
        return type_id in self.types

    def type_ids(self) -> Iterable[str]:
        return self.types.keys()

    def check_props(self, type_id: str, props: Mapping[str, Any]) -> list[PropProblem]:
        return check_props(self.types[type_id].properties, props)

    def check_link_props(self, props: Mapping[str, Any]) -> list[PropProblem]:
        return check_props(self.link_properties, props)

    # Conveniences for rules, analysis and the editor.
    def get(self, type_id: str) -> ComponentType | None:
        return self.types.get(type_id)

    def prop(self, component: Component, name: str) -> Any:
        """The component's value for `name`, or its type's default (None if neither)."""
        if name in component.props:
            return component.props[name]
        component_type = self.types.get(component.type)
        return None if component_type is None else component_type.default(name)

    def link_prop(self, props: Mapping[str, Any], name: str) -> Any:
        if name in props:
            return props[name]
        spec = self.link_properties.get(name)
        return None if spec is None else spec.default

    def is_stateful(self, component: Component) -> bool:
        component_type = self.types.get(component.type)
        return component_type is not None and component_type.stateful

    def by_category(self) -> dict[str, list[ComponentType]]:
        grouped: dict[str, list[ComponentType]] = {}
        for component_type in self.types.values():
            grouped.setdefault(component_type.category, []).append(component_type)
        return grouped


def builtin_library_dir() -> Path:
    """`component_library/` beside the sources, or the copy inside an installed wheel."""
    packaged = Path(__file__).resolve().parent.parent / "_data" / "component_library"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "component_library"


def user_library_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir("archdraw")) / "component_library"


def load_library(builtin_dir: Path | None = None, user_dirs: Iterable[Path] = ()) -> Library:
    """Load the built-in types, then user types (which may add types or replace built-ins)."""
    builtin_dir = builtin_dir or builtin_library_dir()
    shared, link_props, problems = read_shared_properties(builtin_dir / SHARED_PROPERTIES_FILE)
    types: dict[str, ComponentType] = {}
    for directory in (builtin_dir, *user_dirs):
        if not directory.is_dir():
            continue
        for path in sorted(directory.glob("*.y*ml")):
            if path.name == SHARED_PROPERTIES_FILE:
                continue
            found, file_problems = read_type_file(path, shared)
            problems.extend(file_problems)
            for component_type in found:
                types[component_type.id] = component_type
    return Library(types=types, link_properties=link_props, problems=problems)


@functools.cache
def default_library() -> Library:
    """The built-in library plus the user's folder; loaded once per process (it is read-only)."""
    return load_library(user_dirs=[user_library_dir()])


@functools.cache
def builtin_library() -> Library:
    """Only the built-in types: what tests and reproducible CI runs use."""
    return load_library()
