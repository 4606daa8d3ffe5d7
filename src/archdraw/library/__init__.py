"""The component library: component types defined as data in YAML files."""

from archdraw.library.catalog import (
    Library,
    builtin_library,
    builtin_library_dir,
    default_library,
    load_library,
    user_library_dir,
)
from archdraw.library.types import CATEGORIES, ComponentType, PropertySpec

__all__ = [
    "CATEGORIES",
    "ComponentType",
    "Library",
    "PropertySpec",
    "builtin_library",
    "builtin_library_dir",
    "default_library",
    "load_library",
    "user_library_dir",
]
