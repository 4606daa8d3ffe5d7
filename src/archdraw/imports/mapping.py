"""Mapping tables: YAML data beside the component library, overridden by the user's own.

A table is a list of entries, each with `match` (names or `*`/`?` patterns) and what a
match gives (a type, properties, a zone kind...). Tables are read as plain data with the
same safe reader as designs; nothing in them is ever executed. The user's entries (from
`--mapping FILE` or the `imports/` folder of the user library) come first, so a user's
name or pattern wins over the built-in one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from archdraw.library import Library, builtin_library_dir, user_library_dir
from archdraw.model.provenance import CONFIDENCES
from archdraw.source import Limits, Locations, Problem, SourceError, read_yaml

MAPPING_FOLDER = "imports"
# The bundled files, by the name an override file uses for each as its top-level key.
TABLE_FILES = ("images", "kubernetes", "terraform", "drawio")
_DEFAULT_CONFIDENCE = {"images.by_name": "guessed", "drawio.labels": "guessed"}


@dataclass(frozen=True)
class Rule:
    """One entry of a table: what `patterns` map to, and where the entry was written."""

    table: str
    patterns: tuple[str, ...]
    fields: Mapping[str, Any]
    origin: str
    confidence: str

    def matches(self, *names: str) -> bool:
        lowered = [n.lower() for n in names if n]
        return any(fnmatchcase(n, p.lower()) for p in self.patterns for n in lowered)

    @property
    def name(self) -> str:
        shown = ", ".join(self.patterns[:3]) + (", ..." if len(self.patterns) > 3 else "")
        return f"{self.table}: {shown}"

    def get(self, key: str, default: Any = None) -> Any:
        return self.fields.get(key, default)


@dataclass
class MappingTables:
    """Every table by its dotted name (`images.by_image`, `terraform.providers.aws.links`)."""

    tables: dict[str, list[Rule]] = field(default_factory=dict)
    lists: dict[str, list[str]] = field(default_factory=dict)

    def rules(self, table: str) -> list[Rule]:
        return self.tables.get(table, [])

    def first(self, table: str, *names: str) -> Rule | None:
        return next((r for r in self.rules(table) if r.matches(*names)), None)

    def names(self, table: str) -> list[str]:
        return self.lists.get(table, [])

    def providers(self) -> list[str]:
        prefix = "terraform.providers."
        return sorted({t[len(prefix) :].split(".")[0] for t in self.tables if t.startswith(prefix)})


class _Reader:
    def __init__(self, library: Library) -> None:
        self.library = library
        self.problems: list[Problem] = []
        self.mapping = MappingTables()

    def problem(self, path: str, locations: Locations, where: tuple[Any, ...], text: str) -> None:
        line, column = locations.of(where)
        self.problems.append(Problem(path, line, column, text))

    def read(
        self, path: Path, data: Any, locations: Locations, stem: str | None, user: bool
    ) -> None:
        shown = str(path)
        if not isinstance(data, dict):
            self.problem(shown, locations, (), "a mapping file must be a mapping of tables")
            return
        sections = {stem: data} if stem else data
        for name, body in sections.items():
            where = () if stem else (name,)
            if name not in TABLE_FILES:
                self.problem(
                    shown,
                    locations,
                    where,
                    f"unknown mapping '{name}' (one of {', '.join(TABLE_FILES)})",
                )
                continue
            self.walk(shown, locations, where, str(name), body, user)

    def walk(
        self,
        shown: str,
        locations: Locations,
        where: tuple[Any, ...],
        table: str,
        body: Any,
        user: bool,
    ) -> None:
        if isinstance(body, dict):
            for key, value in body.items():
                self.walk(shown, locations, (*where, key), f"{table}.{key}", value, user)
            return
        if not isinstance(body, list):
            self.problem(shown, locations, where, f"'{table}' must be a list or a mapping")
            return
        if all(isinstance(item, str) for item in body):
            current = self.mapping.lists.get(table, [])
            self.mapping.lists[table] = [*body, *current] if user else [*current, *body]
            return
        rules = [
            r
            for i, item in enumerate(body)
            if (r := self.rule(shown, locations, (*where, i), table, item))
        ]
        existing = self.mapping.tables.setdefault(table, [])
        self.mapping.tables[table] = rules + existing if user else existing + rules

    def rule(
        self, shown: str, locations: Locations, where: tuple[Any, ...], table: str, item: Any
    ) -> Rule | None:
        if not isinstance(item, dict) or "match" not in item:
            self.problem(shown, locations, where, f"an entry of '{table}' needs 'match'")
            return None
        patterns = item["match"] if isinstance(item["match"], list) else [item["match"]]
        if not patterns or not all(isinstance(p, str) and p for p in patterns):
            self.problem(
                shown, locations, (*where, "match"), "'match' must be text or a list of text"
            )
            return None
        type_id = item.get("type")
        if type_id is not None and type_id not in self.library.types:
            self.problem(shown, locations, (*where, "type"), f"unknown component type '{type_id}'")
            return None
        confidence = item.get("confidence", _DEFAULT_CONFIDENCE.get(table, "inferred"))
        if confidence not in CONFIDENCES:
            self.problem(
                shown,
                locations,
                (*where, "confidence"),
                f"confidence must be one of {', '.join(CONFIDENCES)}",
            )
            return None
        line, _ = locations.of(where)
        fields = {k: v for k, v in item.items() if k not in ("match", "confidence")}
        return Rule(table, tuple(patterns), fields, f"{shown}:{line}", confidence)


def builtin_mapping_dir() -> Path:
    return builtin_library_dir() / MAPPING_FOLDER


def user_mapping_files() -> list[Path]:
    folder = user_library_dir() / MAPPING_FOLDER
    return sorted(folder.glob("*.y*ml")) if folder.is_dir() else []


def load_mapping(library: Library, overrides: Iterable[Path] = ()) -> MappingTables:
    """The built-in tables with `overrides` in front; raise `SourceError` on a bad file."""
    reader = _Reader(library)
    limits = Limits(max_bytes=4 * 1024 * 1024)
    for stem in TABLE_FILES:
        path = builtin_mapping_dir() / f"{stem}.yaml"
        data, locations = read_yaml(path.read_bytes(), str(path), limits)
        reader.read(path, data, locations, stem, user=False)
    # Later overrides go in front of earlier ones: the last file named wins.
    for path in overrides:
        try:
            raw = path.read_bytes()
        except OSError as error:
            raise SourceError(
                [Problem(str(path), 1, 1, f"cannot read: {error.strerror or error}")]
            ) from None
        data, locations = read_yaml(raw, str(path), limits)
        reader.read(path, data, locations, None, user=True)
    if reader.problems:
        raise SourceError(reader.problems)
    return reader.mapping
