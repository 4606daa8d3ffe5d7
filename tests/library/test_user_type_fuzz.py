"""Broken user type files never stop the program: each is reported and skipped."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from archdraw.library import builtin_library_dir
from archdraw.library.loader import SHARED_PROPERTIES_FILE, read_shared_properties, read_type_file
from archdraw.source import write_yaml

# One folder for every example (hypothesis cannot use function-scoped fixtures).
FOLDER = Path(tempfile.mkdtemp(prefix="archdraw-user-types-"))
SHARED = read_shared_properties(builtin_library_dir() / SHARED_PROPERTIES_FILE)[0]
VALID: dict[str, Any] = {
    "id": "feature_flags",
    "label": "Feature flags",
    "category": "operations",
    "icon": "toggle-left",
    "stateful": True,
    "summary": "Turns features on and off.",
    "explanation": "Ship dark, switch on later.",
    "properties": {"replicas": {"default": 2}, "latency_ms": {}, "own": {"type": "int"}},
}
values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=6,
)
SPEC_KEYS = ("type", "default", "min", "max", "choices", "help")
FIELDS = [
    *VALID,
    "properties.replicas",
    *(f"properties.{prop}.{key}" for prop in ("replicas", "own") for key in SPEC_KEYS),
]


@st.composite
def broken_type(draw: st.DrawFn) -> Any:
    data = {**VALID, "properties": {k: dict(v) for k, v in VALID["properties"].items()}}
    for field in draw(st.lists(st.sampled_from(FIELDS), min_size=1, max_size=3)):
        *parents, name = field.split(".")
        target: Any = data
        for parent in parents:
            target = target.get(parent) if isinstance(target, dict) else None
        if isinstance(target, dict):
            target[name] = draw(values)
    return {"types": [data]} if draw(st.booleans()) else draw(values | st.just([data]))


@settings(max_examples=200)
@given(broken_type())
def test_broken_type_file_is_reported_or_loaded(data: Any) -> None:
    path = FOLDER / "user.yaml"
    path.write_text(write_yaml(data), encoding="utf-8")
    types, problems = read_type_file(path, SHARED)
    assert types or problems
    for problem in problems:
        assert problem.path == str(path) and problem.line >= 1 and problem.message
    for component_type in types:
        for spec in component_type.properties.values():
            assert spec.default is None or spec.check(spec.default) is None
