"""JSON to plain data within the same budgets as YAML (`Limits`), every error at file:line:col.

Python's `json` has no budgets of its own: it builds integers of any length (and
then refuses to print them), accepts `NaN` and `Infinity`, and recurses until the
interpreter gives up. Here numbers are read as the YAML reader reads them
(`read_number`), and depth and value counts are checked before anyone uses the data.
"""

from __future__ import annotations

import json
from typing import Any, NoReturn

from archdraw.source.limits import Limits
from archdraw.source.numbers import NumberError, clip, read_number
from archdraw.source.problems import Problem, SourceError
from archdraw.source.text import not_utf8

_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"


class _BadNumber(Exception):
    def __init__(self, text: str, reason: str) -> None:
        super().__init__(reason)
        self.text = text


def _fail(filename: str, message: str, line: int = 1, column: int = 1) -> SourceError:
    return SourceError([Problem(filename, line, column, message)])


def _position(text: str, found: str) -> tuple[int, int]:
    """Where `found` first occurs in `text` (json's hooks are not told where they are)."""
    at = max(text.find(found), 0)
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


def _check_budget(data: Any, filename: str, limits: Limits) -> None:
    stack, nodes = [(data, 1)], 0
    while stack:
        value, depth = stack.pop()
        nodes += 1
        if depth > limits.max_depth:
            raise _fail(filename, f"nesting deeper than {limits.max_depth} levels is not allowed")
        if nodes > limits.max_nodes:
            raise _fail(filename, f"too many values (over {limits.max_nodes:,})")
        if isinstance(value, dict):
            stack.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)


def read_json(data: bytes, filename: str, limits: Limits | None = None) -> Any:
    """Parse a JSON document into plain data; raise `SourceError` naming file, line and column."""
    limits = limits or Limits()
    if len(data) > limits.max_bytes:
        raise _fail(
            filename, f"file is {len(data):,} bytes, over the limit of {limits.max_bytes:,} bytes"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise _fail(filename, not_utf8(data, error), line, column) from None

    def number(tag: str) -> Any:
        def read(token: str) -> int | float:
            try:
                return read_number(tag, token, limits.max_number)
            except NumberError as error:
                raise _BadNumber(token, str(error)) from None

        return read

    def constant(token: str) -> NoReturn:
        raise _BadNumber(token, f"'{clip(token)}' is not a finite number")

    try:
        value = json.loads(
            text, parse_int=number(_INT), parse_float=number(_FLOAT), parse_constant=constant
        )
    except json.JSONDecodeError as error:
        raise _fail(filename, f"malformed JSON: {error.msg}", error.lineno, error.colno) from None
    except _BadNumber as error:
        raise _fail(filename, str(error), *_position(text, error.text)) from None
    except RecursionError:
        raise _fail(
            filename, f"nesting deeper than {limits.max_depth} levels is not allowed"
        ) from None
    _check_budget(value, filename, limits)
    return value
