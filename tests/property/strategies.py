"""Hypothesis strategies for valid designs, built from the component library's specs.

Labels and texts use the whole of Unicode (bar lone surrogates, which no file can
hold) so quoting, escaping and block styles are all exercised.
"""

from __future__ import annotations

import math
from typing import Any

from hypothesis import strategies as st

from archdraw.library import Library, PropertySpec
from archdraw.model import (
    LINK_KINDS,
    ZONE_KINDS,
    Component,
    Design,
    DesignDoc,
    Link,
    LintIgnore,
    LintSettings,
    Zone,
)

# Importing the strategies loads the hypothesis profile before any test applies @settings.
from .profiles import examples as examples

# Ids that YAML would read as numbers, booleans or null are the interesting ones.
ids = st.one_of(
    st.from_regex(r"[A-Za-z0-9_.\-]{1,12}", fullmatch=True),
    st.sampled_from(["1", "0x1F", "1e3", "true", "no", "null", "Null", ".5", "-", "1_0"]),
)
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
texts = st.one_of(
    any_text,
    st.sampled_from(["", " ", "'", '"', "a: b", "- x", "#", "{x}", "[y]", "@z", "yes", "3.0"]),
    st.lists(st.sampled_from(["line", "  indented", "", "tail "]), min_size=2).map("\n".join),
)
optional_text = st.none() | texts
# Numbers a design may hold: finite and at most 10^12 in size (`Limits.max_number`).
finite = st.floats(-1e12, 1e12, allow_nan=False, allow_infinity=False, width=64)


def _bound(value: float | None, default: float) -> float:
    return default if value is None else value


def prop_value(spec: PropertySpec) -> st.SearchStrategy[Any]:
    if spec.kind == "bool":
        return st.booleans()
    if spec.kind == "str" and spec.format:
        # A text that must be a name (`format`): ids are names, YAML's numbers among them.
        return ids.filter(lambda text: spec.check(text) is None)
    if spec.kind == "str":
        return texts
    if spec.kind == "choice":
        return st.sampled_from(spec.choices)
    low, high = _bound(spec.minimum, -1e9), _bound(spec.maximum, 1e9)
    whole = st.integers(math.ceil(low), math.floor(high))
    if spec.kind == "int":
        return whole
    return whole | st.floats(low, high, allow_nan=False, allow_infinity=False)


def props_for(specs: dict[str, PropertySpec] | Any) -> st.SearchStrategy[dict[str, Any]]:
    names = sorted(specs)
    if not names:
        return st.just({})
    return st.lists(st.sampled_from(names), unique=True, max_size=5).flatmap(
        lambda chosen: st.fixed_dictionaries({n: prop_value(specs[n]) for n in chosen})
    )


@st.composite
def designs(draw: st.DrawFn, library: Library, max_components: int = 8) -> Design:
    element_ids = draw(st.lists(ids, unique=True, max_size=max_components + 4))
    zone_count = draw(st.integers(0, min(4, len(element_ids))))
    zone_ids, component_ids = element_ids[:zone_count], element_ids[zone_count:]
    zones = []
    for index, zone_id in enumerate(zone_ids):
        parent = draw(st.none() | st.sampled_from(zone_ids[:index])) if index else None
        zones.append(
            Zone(
                id=zone_id,
                label=draw(optional_text),
                kind=draw(st.sampled_from(ZONE_KINDS)),
                parent=parent,
            )
        )
    in_zone = st.none() | st.sampled_from(zone_ids) if zone_ids else st.none()
    type_ids = sorted(library.types)
    components = []
    for component_id in component_ids:
        type_id = draw(st.sampled_from(type_ids))
        components.append(
            Component(
                id=component_id,
                type=type_id,
                label=draw(optional_text),
                zone=draw(in_zone),
                position=draw(st.none() | st.tuples(finite, finite)),
                notes=draw(optional_text),
                props=draw(props_for(library.types[type_id].properties)),
            )
        )
    links: list[Link] = []
    if component_ids:
        pairs = st.tuples(st.sampled_from(component_ids), st.sampled_from(component_ids))
        keys: set[str] = set()
        for source, target in draw(st.lists(pairs, max_size=10)):
            link_id = draw(st.none() | ids)
            link = Link.model_validate(
                {
                    "id": link_id,
                    "from": source,
                    "to": target,
                    "kind": draw(st.sampled_from(LINK_KINDS)),
                    "label": draw(optional_text),
                    "props": draw(props_for(library.link_properties)),
                }
            )
            if link.key not in keys:
                keys.add(link.key)
                links.append(link)
    return Design(
        archdraw=1,
        name=draw(texts.filter(bool)),
        description=draw(optional_text),
        doc=draw(docs),
        zones=zones,
        components=components,
        links=links,
        lint=draw(lint_settings(element_ids)),
    )


docs = st.builds(
    DesignDoc,
    purpose=optional_text,
    principles=st.lists(texts, max_size=3),
    boundaries=optional_text,
    tradeoffs=st.lists(texts, max_size=2),
    failure_modes=st.lists(texts, max_size=2),
    scaling_limits=st.lists(texts, max_size=2),
)
rule_codes = st.from_regex(r"AD[1-9][0-9]{2}", fullmatch=True) | st.sampled_from(["spof"])
option_values = st.one_of(
    st.booleans(), st.integers(-(10**6), 10**6), finite, texts, st.lists(texts, max_size=3)
)


def lint_settings(element_ids: list[str]) -> st.SearchStrategy[LintSettings]:
    target = st.none() | st.sampled_from(element_ids) if element_ids else st.none()
    ignores = st.builds(
        LintIgnore, rule=rule_codes, component=target, zone=target, reason=optional_text
    )
    return st.builds(
        LintSettings,
        disable=st.lists(rule_codes, max_size=3),
        severity=st.dictionaries(rule_codes, st.sampled_from(["error", "warning", "info"])),
        ignore=st.lists(ignores, max_size=3),
        options=st.dictionaries(st.from_regex(r"[a-z_]{1,10}", fullmatch=True), option_values),
    )
