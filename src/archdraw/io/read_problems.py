"""The reader's problems as a design's author reads them.

A problem that stops the reading (YAML that cannot be read on, a limit) says so and
names the likely slip behind it; a problem about one value (a number out of range, a
key given twice) names the element and field it is in, and for a property what the
property takes, since the reader itself knows nothing of designs.
"""

from __future__ import annotations

import re
from typing import Any

from archdraw.io.errors import Problem
from archdraw.io.messages import field_name, split
from archdraw.io.props import number_message, spec_of
from archdraw.io.yaml_hints import hint
from archdraw.model.catalog import TypeCatalog
from archdraw.source import Locations

_READ_STOPS = "reading stops here, so nothing after this point was checked"


def stopped(problems: list[Problem], filename: str, text: bytes | str) -> list[Problem]:
    """The reader's problems, the one that stopped it with the likely slip behind it and
    saying that nothing after it was checked."""
    *before, last = problems
    whole_file = last.message.startswith(("not UTF-8", "not a text file", "file is"))
    if whole_file or (last.line, last.column) == (1, 1) or "stopped after" in last.message:
        return problems
    note = last.message
    if note.startswith("malformed YAML") and "this is a tab" not in note:
        if isinstance(text, bytes):
            text = text.decode("utf-8", errors="replace")
        slip = hint(note, text, last.line, last.column)
        note += "" if slip is None else f"; {slip}"
    note = f"{note}; {_READ_STOPS}"
    return [*before, Problem(filename, last.line, last.column, note)]


# Fields that take text, where a refused number (`label: 1e400`) was meant as text.
_TEXT_FIELDS = {
    "name",
    "description",
    "id",
    "type",
    "label",
    "zone",
    "notes",
    "from",
    "to",
    "parent",
}


def _text_not_number(owner: str, rest: tuple[Any, ...], reason: str) -> str:
    written = re.search(r"'(.*)'", reason)
    shown = written.group(1) if written else "it"
    name = str(rest[-1])
    what = f"property '{name}'" if rest[0] == "props" else f"'{name}'"
    return (
        f"{owner}{what} takes text, and YAML reads {shown} as a number (one no design "
        f'uses); quote it: {name}: "{shown}"'
    )


def recovered_problems(
    problems: list[Problem], data: Any, source: Locations, catalog: TypeCatalog
) -> list[Problem]:
    """The reader's problems about single values, each naming the element it is in."""
    paths = {position: path for path, position in source.unreadable}
    named = []
    for problem in problems:
        path = paths.get((problem.line, problem.column))
        text = problem.message
        if path is not None:
            owner, rest = split(path, data)
            props = len(rest) == 2 and rest[0] == "props"
            spec = (
                spec_of(catalog, data[path[0]][path[1]], str(path[0]), str(rest[1]))
                if props
                else None
            )
            if text.startswith("duplicate key"):
                text = owner + text
            elif spec is not None and spec.kind in ("int", "float"):
                text = number_message(owner, spec, text)
            elif spec is not None or (len(rest) == 1 and rest[0] in _TEXT_FIELDS):
                text = _text_not_number(owner, rest, text)
            else:
                text = f"{owner}{field_name(rest)}: {text}"
        named.append(Problem(problem.path, problem.line, problem.column, text))
    return named
