"""A property value of the wrong kind or size, said as its author can fix it.

The library's own check says what is wrong (`expected a whole number, got [2]`); a
hand-written file needs more: the property, what it takes (kind and range, from the
component library), what the file holds, in YAML's words, and the likely fix
(`write replicas: 2`). A catalog that is not the component library (a test's fake) has
no specs to describe, so its messages pass through as they are.
"""

from __future__ import annotations

import difflib
import math
from typing import Any

import yaml

from archdraw.io.messages import flow
from archdraw.library import Library, PropertySpec
from archdraw.library.types import TEXT_FORMATS
from archdraw.model.catalog import TypeCatalog
from archdraw.source.numbers import clip

_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve".split()  # noqa: SIM905
)


def _bound(number: float) -> str:
    return f"{number:,.0f}" if float(number).is_integer() else f"{number:g}"


def takes(spec: PropertySpec) -> str:
    """What a property takes, in words: `a whole number from 1 to 100,000`."""
    if spec.kind == "bool":
        return "true or false"
    if spec.kind == "str":
        return TEXT_FORMATS[spec.format][1] if spec.format else "text"
    if spec.kind == "choice":
        return "one of " + ", ".join(spec.choices)
    kind = "a whole number" if spec.kind == "int" else "a number"
    low, high = spec.minimum, spec.maximum
    if low is not None and high is not None:
        return f"{kind} from {_bound(low)} to {_bound(high)}"
    if low is not None:
        return f"{kind} of at least {_bound(low)}"
    return kind if high is None else f"{kind} of at most {_bound(high)}"


def got(value: Any) -> str:
    if isinstance(value, list):
        return f"a list, {flow(value)}"
    if isinstance(value, dict):
        return f"a mapping, {flow(value)}"
    if isinstance(value, str):
        return f"the text {flow(value)}"
    return "an empty value" if value is None else flow(value)


def _fits(spec: PropertySpec, value: Any) -> bool:
    return spec.check(value) is None


def _as_number(text: str) -> int | float | None:
    word = text.strip().lower()
    if word in _WORDS:
        return _WORDS.index(word)
    try:
        number = float(word.replace(",", "").replace("_", ""))
    except ValueError:
        return None
    if not math.isfinite(number):
        return None
    return int(number) if number.is_integer() else number


def _candidates(spec: PropertySpec, value: Any) -> list[Any]:
    """Values the author likely meant, most likely first."""
    if isinstance(value, list | dict):
        inner = list(value.values()) if isinstance(value, dict) else value
        return inner[:1] if len(inner) == 1 and not isinstance(inner[0], list | dict) else []
    if isinstance(value, str) and spec.kind in ("int", "float"):
        number = _as_number(value)
        return [] if number is None else [number]
    if isinstance(value, str) and spec.kind == "bool":
        word = value.strip().lower()
        return [word in ("true", "yes", "on", "1")] if word in _YES_NO else []
    if isinstance(value, bool):
        return ["none"] if spec.kind == "choice" and not value else []
    if isinstance(value, int | float) and spec.kind == "str":
        return [flow(value)]
    if isinstance(value, str) and spec.kind == "str":  # words where a name is asked for
        return ["-".join(value.split())] if value.strip() else []
    if isinstance(value, str) and spec.kind == "choice":
        lowered = {choice.lower(): choice for choice in spec.choices}
        close = difflib.get_close_matches(value.strip().lower(), list(lowered), n=1, cutoff=0.6)
        return [lowered[close[0]]] if close else []
    if isinstance(value, int | float):
        if spec.kind == "bool" and value in (0, 1):
            return [bool(value)]
        candidates: list[Any] = [round(value)] if spec.kind == "int" else []
        return [*candidates, -value] if value < 0 else candidates
    return []


_YES_NO = {"true", "false", "yes", "no", "on", "off", "1", "0"}


def _plain_text(text: str) -> bool:
    """Whether YAML reads `text`, unquoted, back as the same text."""
    try:
        return bool(yaml.safe_load(f"v: {text}") == {"v": text})
    except yaml.YAMLError:
        return False


def _written(name: str, value: Any) -> str:
    if isinstance(value, str):
        return f"`{name}: {value}`" if _plain_text(value) else f'`{name}: "{value}"`'
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"`{name}: {flow(value)}`"


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _bound_fix(spec: PropertySpec, value: Any) -> str | None:
    if not _is_number(value):
        return None
    if spec.maximum is not None and value > spec.maximum:
        return f"write {_written(spec.name, spec.maximum)} or less"
    if spec.minimum is not None and value < spec.minimum:
        return f"write {_written(spec.name, spec.minimum)} or more"
    return None


def fix(spec: PropertySpec, value: Any) -> str | None:
    """The likely fix (`write replicas: 2`), a sentence on what to write instead, or None
    when what the property takes says it all (a choice)."""
    for candidate in _candidates(spec, value):
        if spec.kind == "int" and isinstance(candidate, float) and candidate.is_integer():
            candidate = int(candidate)
        if _fits(spec, candidate):
            written = f"write {_written(spec.name, candidate)}"
            if _is_number(value) and value < 0 and candidate == -value:
                absent = "for the default" if spec.default is not None else "when it is not known"
                return f"{written} (without the minus sign), or leave it out {absent}"
            return written
    bound = _bound_fix(spec, value)
    if bound is not None:
        return bound
    if isinstance(value, bool) and spec.kind in ("str", "choice"):
        return "YAML reads an unquoted yes, no, on or off as true or false: quote the word"
    if spec.kind in ("int", "float"):
        return _example(spec)
    return None


def spec_of(catalog: TypeCatalog, element: Any, section: str, name: str) -> PropertySpec | None:
    """The spec of property `name` of `element` (a component's or link's raw data)."""
    if not isinstance(catalog, Library):
        return None
    if section == "links":
        return catalog.link_properties.get(name)
    component_type = catalog.get(str(element.get("type"))) if isinstance(element, dict) else None
    return None if component_type is None else component_type.properties.get(name)


def value_message(owner: str, spec: PropertySpec, value: Any) -> str | None:
    """`component 'api', property 'replicas' takes ...; got ...; write ...`, or None when
    the value fits (the problem is another one)."""
    if _fits(spec, value) and not isinstance(value, list | dict):
        return None
    text = f"{owner}property '{spec.name}' takes {takes(spec)}; got {got(value)}"
    advice = fix(spec, value)
    return text if advice is None else f"{text}; {advice}"


def _example(spec: PropertySpec) -> str:
    example = spec.default
    if example is None and spec.minimum is not None:
        example = max(spec.minimum, 1)
    if example is None or not _fits(spec, example):
        return "write a finite number"
    return f"write a number, such as {_written(spec.name, example)}"


def number_message(owner: str, spec: PropertySpec, reason: str) -> str:
    """A number the reader refused (`.inf`, `1e400`, 400 digits) for property `spec`."""
    reason = reason.split("; write a number", 1)[0]
    # A reason that names its own fix (a leading zero's two readings) keeps it alone.
    advice = "" if "; write " in reason else f"; {_example(spec)}"
    return f"{owner}property '{spec.name}' takes {takes(spec)}; {reason}{advice}"


# A component's own fields, which a newcomer may write under `props:`.
_FIELDS = ("id", "type", "label", "zone", "position", "notes")


def unknown_message(owner: str, catalog: TypeCatalog, element: Any, name: str) -> str | None:
    """A property the component's type does not have: the nearest one it has, or the types
    that do have it, or the field it is; None when the catalog cannot say."""
    type_id = element.get("type") if isinstance(element, dict) else None
    if not isinstance(catalog, Library) or not isinstance(type_id, str):
        return None
    component_type = catalog.get(type_id)
    if component_type is None:
        return None
    text = f"{owner}'{clip(name)}' is not a property of type '{type_id}'"
    if name in _FIELDS:
        return (
            f"{text}: it is a field of the component; write it level with 'type:', not in 'props:'"
        )
    close = difflib.get_close_matches(name, list(component_type.properties), n=1)
    if close:
        return f"{text}; did you mean '{close[0]}'?"
    owners = sorted(t.id for t in catalog.types.values() if name in t.properties)
    listed = ", ".join(owners[:4]) + (" and others" if len(owners) > 4 else "")
    also = f" (it is a property of {listed})" if owners else ""
    return f"{text}{also}; `archdraw types {type_id}` lists the ones it takes"


def misplaced(owner: str, catalog: TypeCatalog, element: Any, name: str) -> str | None:
    """A property of the component's type written as a field, level with `type:`."""
    type_id = element.get("type") if isinstance(element, dict) else None
    if not isinstance(catalog, Library) or not isinstance(type_id, str):
        return None
    component_type = catalog.get(type_id)
    if component_type is None or name not in component_type.properties:
        return None
    empty = "props" in element and element["props"] is None
    under = "indent it under 'props:', which is empty" if empty else "write it under 'props:'"
    where = f"it is a property of type '{type_id}'; {under}"
    return f"{owner}unknown field '{clip(name)}': {where}"
