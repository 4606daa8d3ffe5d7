"""pydantic's errors as a design file's author reads them.

pydantic words its errors for Python programmers ("Input should be a valid string",
"Tuple should have at most 2 items after validation"); a design's author wrote YAML, so
each message names the element (`component 'api'`), the field as the file spells it and
what the field takes, with the value found and, for a misspelt choice, the nearest one.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from archdraw.model.types import ID_PATTERN
from archdraw.source.numbers import clip


def quote(value: Any) -> str:
    """A value as a message quotes it: text in quotes, anything else as YAML writes it on
    one line (null, true, [1, 2], {n: 2}), cut short when long."""
    return flow(value, 80)


def flow(value: Any, room: int = 60) -> str:
    """`value` as YAML writes it on one line ([2], {n: 2}, 'three', true), cut short."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return f"{value:.1f}"
    if isinstance(value, int | float):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, str):
        return clip(repr(value), room)
    if isinstance(value, list):
        parts = [flow(item, room) for item in value[:6]]
        return clip("[" + ", ".join(parts) + (", …" if len(value) > 6 else "") + "]", room)
    if isinstance(value, dict):
        items = list(value.items())[:6]
        parts = [f"{flow(key, room)}: {flow(item, room)}" for key, item in items]
        more = ", …" if len(value) > 6 else ""
        return clip("{" + ", ".join(parts) + more + "}", room).replace("'", "")
    return clip(repr(value), room)


def shape(value: Any) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"the value {quote(value)}"


_ELEMENTS = {"components": "component", "zones": "zone", "links": "link"}


def _item(data: Any, section: str, index: int) -> Any:
    items = data.get(section) if isinstance(data, dict) else None
    return items[index] if isinstance(items, list) and 0 <= index < len(items) else None


def _element(data: Any, section: str, index: int) -> str:
    """`component 'api'`, `link 'api->db'`, or `component 3` when it has no usable id."""
    item = _item(data, section, index)
    kind = _ELEMENTS[section]
    if isinstance(item, dict):
        if isinstance(item.get("id"), str) and re.match(ID_PATTERN, item["id"]):
            return f"{kind} {quote(item['id'])}"
        ends = item.get("from"), item.get("to")
        if section == "links" and all(isinstance(end, str) for end in ends):
            return f"link '{ends[0]}->{ends[1]}'"
    return f"{kind} {index + 1}"


def split(loc: tuple[Any, ...], data: Any) -> tuple[str, tuple[Any, ...]]:
    """The element an error is about (`component 'api', `, or "" for the design's own
    sections) and the rest of its location."""
    if len(loc) >= 2 and loc[0] in _ELEMENTS and isinstance(loc[1], int):
        return f"{_element(data, loc[0], loc[1])}, ", loc[2:]
    if len(loc) >= 3 and loc[:2] == ("lint", "ignore") and isinstance(loc[2], int):
        return f"lint ignore entry {loc[2] + 1}, ", loc[3:]
    return "", loc


def field_name(rest: tuple[Any, ...]) -> str:
    """`'doc.purpose'`, `item 2 of 'principles'`."""
    if not rest:
        return "the design"
    if isinstance(rest[-1], int):
        owner = next((part for part in reversed(rest) if isinstance(part, str)), "design")
        return f"item {rest[-1] + 1} of '{owner}'"
    *owners, last = (str(part) for part in rest)
    if "." in last and owners:  # a price key such as `vm.general` is one name, not a path
        return f"'{'.'.join(owners)}' entry '{last}'"
    return "'" + ".".join((*owners, last)) + "'"


def _suggestion(value: Any, expected: str) -> str:
    if not isinstance(value, str):
        return ""
    choices = [part.strip(" '") for part in expected.replace(" or ", ", ").split(",")]
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _number(value: float) -> str:
    return f"{value:g}"


_TAKES = {
    "string_type": "text",
    "float_type": "a number",
    "float_parsing": "a number",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "finite_number": "a finite number",
}
_BOUNDS = {
    "greater_than_equal": ("ge", "at least"),
    "less_than_equal": ("le", "at most"),
    "greater_than": ("gt", "above"),
    "less_than": ("lt", "below"),
}


def _position(owner: str, data: Any, loc: tuple[Any, ...]) -> str | None:
    """A component's `position` that is not two numbers, said once however pydantic
    words it (a missing item, an extra one, text in it)."""
    if len(loc) < 3 or loc[0] != "components" or loc[2] != "position":
        return None
    item = _item(data, "components", loc[1])
    value = item.get("position") if isinstance(item, dict) else None
    return f"{owner}'position' must be [x, y], two numbers, got {quote(value)}"


def _unindented(data: Any, loc: tuple[Any, ...]) -> str:
    """A hint for a property written level with an empty `props:` above it, the way a
    newcomer's indentation slips."""
    if len(loc) != 3 or loc[0] not in _ELEMENTS or not isinstance(loc[1], int):
        return ""
    item = _item(data, loc[0], loc[1])
    if isinstance(item, dict) and "props" in item and item["props"] is None:
        return " (a property? indent it under 'props:', which is empty)"
    return ""


def comma_cut(item: Any, key: Any) -> str | None:
    """`label: "SQL (primary, read-only)"` when `key` of mapping `item` is the tail of a
    text a comma cut in a one-line mapping (`{label: SQL (primary, read-only)}` reads as
    `label: SQL (primary` and a key `read-only)` with no value), else None."""
    if not isinstance(item, dict) or key not in item:
        return None
    keys = list(item)
    at = keys.index(key)
    start = at
    while start > 0 and item[keys[start - 1]] is None:
        start -= 1
    end = at
    while end + 1 < len(keys) and item[keys[end + 1]] is None:
        end += 1
    head, tail = keys[start - 1] if start else None, [str(k) for k in keys[start : end + 1]]
    if head is None or not isinstance(item[head], str) or any(":" in part for part in tail):
        return None
    if all(part.isidentifier() for part in tail):
        return None  # plain misspelt fields with no value, not a cut text
    text = ", ".join([item[head], *tail]).replace('"', '\\"')
    return clip(f'{head}: "{text}"', 120)


def comma_message(owner: str, field: str, whole: str) -> str:
    return (
        f"{owner}unknown {field}: in a one-line {{...}} mapping a comma ends the "
        f"value before it, so a text with a comma needs quotes ({whole})"
    )


def _as_mapping(loc: tuple[Any, ...], value: Any) -> str:
    """How an element written as one text is written as a mapping."""
    if not isinstance(value, str):
        return ""
    if loc[0] == "links" and "->" in value:
        source, _, target = (part.strip() for part in value.partition("->"))
        return f"; write {{from: {source}, to: {target}}}"
    return f"; write {{id: {value}}}" if loc[0] == "zones" else ""


def message(error: Any, data: Any) -> str:
    """One pydantic error detail as a sentence naming the element, the field and the
    value found."""
    kind, loc = error["type"], tuple(error["loc"])
    owner, rest = split(loc, data)
    field = field_name(rest)
    value, ctx = error.get("input"), error.get("ctx") or {}
    if loc and loc[-1] == "[key]":
        return f"{owner}names must be text, got {quote(value)}"
    position = _position(owner, data, loc)
    if position is not None:
        return position
    if kind in ("dict_type", "model_type"):
        if owner and not rest:  # the element itself: `- api -> db`, `zones: [eu-west]`
            hint = _as_mapping(loc, value)
            return f"{owner[:-2]} must be a mapping of fields, not {shape(value)}{hint}"
        return f"{owner}{field} must be a mapping of names to values, not {shape(value)}"
    if kind in ("list_type", "tuple_type"):
        keyed = loc in (("components",), ("zones",)) and isinstance(value, dict)
        hint = "; write each as a list item, '- id: NAME' with its fields below" if keyed else ""
        if value is None and len(loc) == 1:  # `links:` with nothing under it, as in a draft
            hint = f"; write its items under it, or '{loc[0]}: []', or leave it out"
        return f"{owner}{field} must be a list, not {shape(value)}{hint}"
    if kind == "missing":
        return f"{owner}missing required field {field}"
    if kind == "extra_forbidden" and rest and rest[-1] == "<<":
        return (
            f"{owner}a merge key ('<<: *anchor') is not read in a design file: "
            "write the fields out in each element"
        )
    if kind == "extra_forbidden":
        element = _item(data, loc[0], loc[1]) if len(loc) == 3 and loc[0] in _ELEMENTS else None
        whole = comma_cut(element, loc[-1]) if value is None else None
        if whole is not None:
            return comma_message(owner, f"field {field}", whole)
        return f"{owner}unknown field {field}{_unindented(data, loc)}"
    if kind == "value_error":
        return owner + clip(str(error["msg"]).removeprefix("Value error, "), 300)
    if kind == "string_pattern_mismatch":
        return f"{owner}{field}: {quote(value)} is not a valid id (use letters, digits, _ . -)"
    if kind == "string_too_short":
        return f"{owner}{field} must not be empty"
    if kind == "literal_error":
        expected = str(ctx.get("expected", ""))
        suggestion = _suggestion(value, expected)
        return f"{owner}{field} must be {expected}, got {quote(value)}{suggestion}"
    if kind in _TAKES:
        return f"{owner}{field} must be {_TAKES[kind]}, got {quote(value)}"
    if kind in _BOUNDS and _BOUNDS[kind][0] in ctx:
        key, words = _BOUNDS[kind]
        return f"{owner}{field} must be {words} {_number(ctx[key])}, got {quote(value)}"
    return f"{owner}{field}: {clip(str(error['msg']), 300)}"
