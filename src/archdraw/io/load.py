"""Loading a design: YAML with positions, then types, then cross-element checks.

Every problem found is reported, as `file:line:column: message`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from archdraw import FORMAT_VERSION
from archdraw.io.errors import DesignError, Problem
from archdraw.io.locations import ElementLocations
from archdraw.io.messages import field_name, message, quote, split
from archdraw.io.migrate import migrate
from archdraw.io.validate import ErrorDetail, validate_data
from archdraw.model.catalog import TypeCatalog
from archdraw.model.types import Design
from archdraw.model.validation import validate_design
from archdraw.source import Limits, Locations, SourceError, read_yaml
from archdraw.source.numbers import clip


@dataclass(frozen=True)
class LoadedDesign:
    design: Design
    locations: ElementLocations
    path: Path | None


def _data_path(data: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """The longest prefix of `loc` that names a value in `data` (pydantic adds union tags)."""
    node, path = data, cast(tuple[Any, ...], ())
    for part in loc:
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if not (in_list or (isinstance(node, dict) and part in node)):
            break
        node, path = node[part], (*path, part)
    return path


_KINDS = {"bool": "true or false", "int": "a number", "float": "a number", "str": "text"}


def _validation_problems(
    errors: list[ErrorDetail], data: Any, filename: str, source: Locations
) -> list[Problem]:
    # A value that fits no member of a union gets one error per member: say it once.
    grouped: dict[tuple[bool, tuple[Any, ...]], list[Any]] = {}
    for item in errors:
        loc = tuple(item["loc"])
        path = _data_path(data, loc)
        rest = loc[len(path) :]
        # pydantic names the union member it tried after the value's path; a missing or
        # unknown field names a key there instead, and is no union.
        union = (
            bool(rest)
            and isinstance(rest[0], str)
            and rest[0] != "[key]"
            and item["type"] not in ("missing", "extra_forbidden")
        )
        grouped.setdefault((union, path if union else loc), []).append(item)
    problems = []
    for (union, where), items in grouped.items():
        line, column = source.of(where)
        if union and len(items) > 1:
            tags = [str(item["loc"][len(where)]) for item in items]
            kinds = dict.fromkeys(
                _KINDS.get(tag, tag.replace("list[str]", "a list of text")) for tag in tags
            )
            whole = len(items[0]["loc"]) == len(where) + 1
            shown = quote(items[0]["input"]) if whole else "this value"
            *first, last = kinds
            wanted = f"{', '.join(first)} or {last}" if first else last
            owner, rest = split(where, data)
            text = f"{owner}{field_name(rest)} must be {wanted}, got {shown}"
            problems.append(Problem(filename, line, column, text))
        else:
            problems += [Problem(filename, line, column, message(i, data)) for i in items]
    return problems


def _header_problems(data: Any, filename: str, source: Locations) -> list[Problem]:
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        return [Problem(filename, 1, 1, f"a design must be a mapping of fields, not {kind}")]
    version = data.get("archdraw")
    line, column = source.of(("archdraw",))
    if "archdraw" not in data:
        return [
            Problem(
                filename,
                1,
                1,
                f"missing 'archdraw: {FORMAT_VERSION}' (the format version) at the top",
            )
        ]
    if not isinstance(version, int) or isinstance(version, bool):
        return [
            Problem(
                filename,
                line,
                column,
                f"'archdraw' must be the format version number ({FORMAT_VERSION}), "
                f"got {quote(version)}",
            )
        ]
    return []


def _at_most(problems: list[Problem], count: int, filename: str) -> list[Problem]:
    if len(problems) <= count:
        return problems
    shown = sorted(problems)[:count]
    last = shown[-1]
    note = f"stopped after {count} problems ({len(problems):,} found); fix these first"
    return [*shown, Problem(filename, last.line, last.column, note)]


def loads(
    text: bytes | str,
    filename: str,
    catalog: TypeCatalog,
    limits: Limits | None = None,
) -> LoadedDesign:
    """Parse and validate a design; raise `DesignError` listing every problem."""
    try:
        data, source = read_yaml(text, filename, limits)
    except SourceError as error:
        raise DesignError(error.problems) from None
    problems = _header_problems(data, filename, source)
    if problems:
        raise DesignError(problems)
    data = migrate(data)
    limits = limits or Limits()
    design = validate_data(data, limits.max_problems)
    if not isinstance(design, Design):
        problems = _validation_problems(design, data, filename, source)
        raise DesignError(_at_most(problems, limits.max_problems, filename))
    issues = validate_design(design, catalog)
    if issues:
        problems = [Problem(filename, *source.of(i.path), clip(i.message, 400)) for i in issues]
        raise DesignError(_at_most(problems, limits.max_problems, filename))
    return LoadedDesign(design, ElementLocations.from_source(design, source), None)


def load(path: Path | str, catalog: TypeCatalog, limits: Limits | None = None) -> LoadedDesign:
    path = Path(path)
    limits = limits or Limits()
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise DesignError(
                [
                    Problem(
                        str(path),
                        1,
                        1,
                        f"file is {size:,} bytes, over the limit of {limits.max_bytes:,} bytes",
                    )
                ]
            )
        # Read no more than the limit: a device such as /dev/zero reports size 0.
        with path.open("rb") as stream:
            data = stream.read(limits.max_bytes + 1)
        if len(data) > limits.max_bytes:
            raise DesignError(
                [Problem(str(path), 1, 1, f"file is over the limit of {limits.max_bytes:,} bytes")]
            )
    except IsADirectoryError:
        raise DesignError([Problem(str(path), 1, 1, "is a folder, not a design file")]) from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise DesignError([Problem(str(path), 1, 1, f"cannot read: {reason}")]) from None
    loaded = loads(data, str(path), catalog, limits)
    return LoadedDesign(loaded.design, loaded.locations, path)
