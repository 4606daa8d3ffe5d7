"""Loading a design: YAML with positions, then types, then cross-element checks.

Every problem found is reported, as `file:line:column: message`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from archdraw import FORMAT_VERSION
from archdraw.io.cross import cross_issues, reworded, under
from archdraw.io.errors import DesignError, Problem
from archdraw.io.locations import ElementLocations
from archdraw.io.messages import field_name, message, quote, split
from archdraw.io.migrate import migrate
from archdraw.io.props import misplaced
from archdraw.io.read_problems import recovered_problems, stopped
from archdraw.io.validate import ErrorDetail, validate_data
from archdraw.model.catalog import TypeCatalog
from archdraw.model.types import Design
from archdraw.model.version import check_format_version
from archdraw.source import Limits, Locations, SourceError
from archdraw.source.numbers import clip
from archdraw.source.reader import read_yaml_recovering


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


def _misplaced(error: ErrorDetail, data: Any, catalog: TypeCatalog) -> str | None:
    """`replicas: 3` written level with `type:` instead of under `props:`."""
    loc = tuple(error["loc"])
    if error["type"] != "extra_forbidden" or len(loc) != 3 or loc[0] != "components":
        return None
    owner, _ = split(loc, data)
    return misplaced(owner, catalog, data["components"][loc[1]], str(loc[2]))


def _merged(error: ErrorDetail, data: Any) -> bool:
    """A field missing from an element that has a merge key (reported on its own)."""
    loc = tuple(error["loc"])
    if error["type"] != "missing" or len(loc) != 3 or not isinstance(loc[1], int):
        return False
    items = data.get(loc[0])
    item = items[loc[1]] if isinstance(items, list) and loc[1] < len(items) else None
    return isinstance(item, dict) and "<<" in item


def _validation_problems(
    errors: list[ErrorDetail], data: Any, filename: str, source: Locations, catalog: TypeCatalog
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
            problems += [
                Problem(filename, line, column, _misplaced(i, data, catalog) or message(i, data))
                for i in items
            ]
    return problems


def _header_problems(data: dict[str, Any], filename: str, source: Locations) -> list[Problem]:
    """What is wrong with the format version; the rest of the file is checked as the
    current version all the same."""
    version = data.get("archdraw")
    line, column = source.of(("archdraw",))
    if "archdraw" not in data:
        text = f"missing 'archdraw: {FORMAT_VERSION}' (the format version) at the top"
        return [Problem(filename, 1, 1, text)]
    if not isinstance(version, int) or isinstance(version, bool):
        text = (
            f"'archdraw' must be the format version number ({FORMAT_VERSION}), got "
            f"{quote(version)}; write 'archdraw: {FORMAT_VERSION}'"
        )
        return [Problem(filename, line, column, text)]
    return []


_NOTHING_MORE = "nothing else in the file was checked"


def _unusable(data: Any, filename: str, source: Locations) -> Problem | None:
    """A problem that leaves nothing to check: not a mapping, or a format too new."""
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        text = (
            f"a design must be a mapping of fields (archdraw: {FORMAT_VERSION}, name: ..., "
            f"components: ...), not {kind}; {_NOTHING_MORE}"
        )
        return Problem(filename, 1, 1, text)
    version = data.get("archdraw")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        try:
            check_format_version(version)
        except ValueError as error:
            line, column = source.of(("archdraw",))
            return Problem(filename, line, column, f"{error}; {_NOTHING_MORE}")
    return None


def _at_most(problems: list[Problem], count: int, filename: str, complete: bool) -> list[Problem]:
    if len(problems) <= count and complete:
        return problems
    shown = sorted(problems)[:count]
    hidden = len(problems) - len(shown)
    notes = [f"and {hidden:,} more {'problem' if hidden == 1 else 'problems'}"] if hidden else []
    if not complete:
        notes.append(f"checking stopped after {count} problems, so the file may hold more")
    last = shown[-1]
    # Placed just after the last problem shown, so it is printed last.
    return [*shown, Problem(filename, last.line, last.column + 1, "; ".join(notes))]


def _first_use(message: str, path: tuple[Any, ...], source: Locations) -> str:
    """A duplicate id says where the id was first used."""
    found = re.match(r"duplicate id '(.*)' \(already used by a (zone|component)\)$", message)
    if found is None:
        return message
    section = f"{found.group(2)}s"
    items = source.root.get(section) if isinstance(source.root, dict) else None
    for index, item in enumerate(items if isinstance(items, list) else []):
        if (
            isinstance(item, dict)
            and item.get("id") == found.group(1)
            and (section, index) != path[:2]
        ):
            line = source.of((section, index))[0]
            return f"{message[:-1]} on line {line})"
    return message


def loads(
    text: bytes | str,
    filename: str,
    catalog: TypeCatalog,
    limits: Limits | None = None,
) -> LoadedDesign:
    """Parse and validate a design; raise `DesignError` listing every problem found.

    Reading stops only where the YAML cannot be read on; every other problem (a number
    out of range, an unknown field, a dangling link) is reported with all the others."""
    limits = limits or Limits()
    try:
        data, source, recovered = read_yaml_recovering(text, filename, limits)
    except SourceError as error:
        raise DesignError(stopped(error.problems, filename, text)) from None
    problems = recovered_problems(recovered, data, source, catalog)
    unusable = _unusable(data, filename, source)
    if unusable is not None:
        raise DesignError([*problems, unusable])
    unreadable = [path for path, _ in source.unreadable]
    if not under(("archdraw",), unreadable):
        problems += _header_problems(data, filename, source)
    # A missing or mistyped version was reported above; check the rest as the current one.
    typed = validate_data(migrate({**data, "archdraw": FORMAT_VERSION}), limits.max_problems)
    errors = [e for e in typed.errors if not under(tuple(e["loc"]), unreadable)]
    errors = [e for e in errors if not _merged(e, data)]
    problems += _validation_problems(errors, data, filename, source, catalog)
    if typed.complete:
        for issue in cross_issues(typed, catalog):
            if not under(issue.path, unreadable):
                line, column = source.of(issue.path)
                message = clip(_first_use(reworded(issue, data, catalog), issue.path, source), 400)
                problems.append(Problem(filename, line, column, message))
    if problems or typed.design is None:
        raise DesignError(_at_most(problems, limits.max_problems, filename, typed.complete))
    return LoadedDesign(typed.design, ElementLocations.from_source(typed.design, source), None)


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
