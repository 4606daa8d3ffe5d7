"""Reading component types from YAML files: the built-in library and the user's folder.

A broken file is reported with its location and skipped; it never stops the program.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from archdraw.library.types import (
    CATEGORIES,
    PROP_KINDS,
    TEXT_FORMATS,
    ComponentType,
    PropertySpec,
)
from archdraw.model.types import ID_PATTERN
from archdraw.source import Locations, Problem, SourceError, read_yaml

SHARED_PROPERTIES_FILE = "_properties.yaml"
_SPEC_KEYS = {"type", "title", "default", "min", "max", "choices", "help", "format"}
_TYPE_KEYS = {"id", "label", "category", "icon", "stateful", "summary", "explanation", "properties"}


class _FileReader:
    def __init__(self, path: Path, data: Any, locations: Locations) -> None:
        self.path, self.data, self.locations = path, data, locations
        self.problems: list[Problem] = []

    def problem(self, where: tuple[str | int, ...], message: str) -> None:
        line, column = self.locations.of(where)
        self.problems.append(Problem(str(self.path), line, column, message))


def read_property_spec(
    name: str,
    raw: Any,
    base: PropertySpec | None,
    reader: _FileReader,
    where: tuple[str | int, ...],
) -> PropertySpec | None:
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        reader.problem(where, f"property '{name}' must be a mapping")
        return None
    unknown = set(raw) - _SPEC_KEYS
    if unknown:
        reader.problem(where, f"property '{name}' has unknown keys: {', '.join(sorted(unknown))}")
        return None
    for bound in ("min", "max"):
        value = raw.get(bound)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            reader.problem(where, f"property '{name}': {bound} must be a number, got {value!r}")
            return None
    if not isinstance(raw.get("choices", []), list):
        reader.problem(where, f"property '{name}': choices must be a list")
        return None
    kind = raw.get("type", base.kind if base else None)
    if kind not in PROP_KINDS:
        reader.problem(where, f"property '{name}' needs a type, one of {', '.join(PROP_KINDS)}")
        return None
    choices = raw.get("choices", list(base.choices) if base else [])
    text_format = raw.get("format", base.format if base else "")
    if text_format and (kind != "str" or text_format not in TEXT_FORMATS):
        known = ", ".join(TEXT_FORMATS)
        reader.problem(where, f"property '{name}': format applies to text, one of {known}")
        return None
    spec = PropertySpec(
        name=name,
        kind=kind,
        help=str(raw.get("help", base.help if base else "")),
        title=str(raw.get("title", base.title if base else "") or ""),
        default=raw.get("default", base.default if base else None),
        minimum=raw.get("min", base.minimum if base else None),
        maximum=raw.get("max", base.maximum if base else None),
        choices=tuple(str(c) for c in choices),
        format=text_format,
    )
    if kind == "choice" and not spec.choices:
        reader.problem(where, f"property '{name}' is a choice but lists no choices")
        return None
    if spec.default is not None and spec.check(spec.default) is not None:
        reader.problem(where, f"default of '{name}': {spec.check(spec.default)}")
        return None
    return spec


def read_shared_properties(
    path: Path,
) -> tuple[dict[str, PropertySpec], dict[str, PropertySpec], list[Problem]]:
    data, locations = read_yaml(path.read_bytes(), str(path))
    reader = _FileReader(path, data, locations)
    result: list[dict[str, PropertySpec]] = []
    for section in ("properties", "link_properties"):
        specs: dict[str, PropertySpec] = {}
        raw = data.get(section, {}) if isinstance(data, dict) else {}
        for name, spec_data in (raw or {}).items():
            spec = read_property_spec(name, spec_data, None, reader, (section, name))
            if spec is not None:
                specs[name] = spec
        result.append(specs)
    return result[0], result[1], reader.problems


def _read_type(
    raw: Any, index: int, shared: dict[str, PropertySpec], reader: _FileReader
) -> ComponentType | None:
    where: tuple[str | int, ...] = ("types", index)
    if not isinstance(raw, dict):
        reader.problem(where, "a type must be a mapping")
        return None
    missing = [key for key in ("id", "label", "category", "summary") if not raw.get(key)]
    if missing:
        reader.problem(where, f"type is missing {', '.join(missing)}")
        return None
    if not isinstance(raw["id"], str) or not re.fullmatch(ID_PATTERN, raw["id"]):
        reader.problem((*where, "id"), f"type id {raw['id']!r} must be letters, digits, _ . -")
        return None
    unknown = set(raw) - _TYPE_KEYS
    if unknown:
        reader.problem(where, f"type '{raw['id']}' has unknown keys: {', '.join(sorted(unknown))}")
        return None
    if not isinstance(raw.get("stateful", False), bool):
        reader.problem((*where, "stateful"), f"type '{raw['id']}': stateful must be true or false")
        return None
    if raw["category"] not in CATEGORIES:
        reader.problem(
            (*where, "category"),
            f"type '{raw['id']}': unknown category '{raw['category']}' "
            f"(one of {', '.join(CATEGORIES)})",
        )
        return None
    properties: dict[str, PropertySpec] = {}
    raw_props = raw.get("properties") or {}
    if not isinstance(raw_props, dict):
        reader.problem((*where, "properties"), "properties must be a mapping of name to spec")
        return None
    for name, spec_data in raw_props.items():
        spec = read_property_spec(
            name, spec_data, shared.get(name), reader, (*where, "properties", name)
        )
        if spec is None:
            return None
        properties[name] = spec
    return ComponentType(
        id=str(raw["id"]),
        label=str(raw["label"]),
        category=str(raw["category"]),
        icon=str(raw.get("icon", "box")),
        stateful=bool(raw.get("stateful", False)),
        summary=str(raw["summary"]).strip(),
        explanation=str(raw.get("explanation", raw["summary"])).strip(),
        properties=properties,
        source=str(reader.path),
    )


def read_type_file(
    path: Path, shared: dict[str, PropertySpec]
) -> tuple[list[ComponentType], list[Problem]]:
    try:
        data, locations = read_yaml(path.read_bytes(), str(path))
    except SourceError as error:
        return [], error.problems
    except OSError as error:
        return [], [Problem(str(path), 1, 1, f"cannot read: {error.strerror}")]
    reader = _FileReader(path, data, locations)
    if not isinstance(data, dict) or not isinstance(data.get("types"), list):
        reader.problem((), "a component type file needs a 'types:' list")
        return [], reader.problems
    types = [_read_type(raw, i, shared, reader) for i, raw in enumerate(data["types"])]
    return [t for t in types if t is not None], reader.problems
