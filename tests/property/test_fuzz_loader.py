"""Random bytes and mutated valid designs: `loads` gives a design or a DesignError, nothing else.

scripts/fuzz.sh runs these with the `fuzz` profile (100,000+ cases each).
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.property.strategies import examples

from archdraw.io import DesignError, Limits, LoadedDesign, dumps, loads
from archdraw.library import builtin_library
from archdraw.model import Component, Design, DesignDoc, Link, LintIgnore, LintSettings, Zone
from archdraw.source import write_yaml

LIBRARY = builtin_library()
# Small budgets so that a mutation which happens to build a bomb stays cheap.
LIMITS = Limits(max_bytes=256 * 1024, max_depth=32, max_nodes=50_000)

SEED_DESIGN = Design(
    archdraw=1,
    name="Fuzz seed: «photo» 'sharing'",
    description="Line one\nline two: with a colon\n",
    doc=DesignDoc(purpose="Share photos", principles=["stateless services", "cache reads"]),
    zones=[
        Zone(id="us-east", label="US East", kind="region"),
        Zone(id="use-a", label="us-east-1a", kind="zone", parent="us-east"),
    ],
    components=[
        Component(id="web", type="client", label="Apps", props={"rps": 2000}),
        Component(id="lb", type="load_balancer", zone="use-a", position=(120, 40)),
        Component(id="api", type="service", zone="use-a", props={"replicas": 3, "tls": True}),
        Component(id="cache", type="cache", props={"hit_ratio": 0.9}),
        Component(id="db", type="database", notes="primary\nand standby", props={"backups": True}),
        Component(id="q", type="queue", props={"dead_letter": True}),
    ],
    links=[
        Link.model_validate({"from": "web", "to": "lb", "label": "HTTPS", "props": {"tls": True}}),
        Link.model_validate({"from": "lb", "to": "api"}),
        Link.model_validate({"id": "api-db", "from": "api", "to": "db", "props": {"calls": 3}}),
        Link.model_validate({"from": "api", "to": "cache"}),
        Link.model_validate({"from": "api", "to": "q", "kind": "async"}),
    ],
    lint=LintSettings(
        disable=["AD204"],
        severity={"AD105": "info"},
        ignore=[LintIgnore(rule="AD101", component="lb", reason="accepted for the MVP")],
    ),
)
SEED_TEXT = dumps(SEED_DESIGN)
SEED_DATA = SEED_DESIGN.to_data()
# A lone surrogate, YAML 1.1 line breaks, a byte-order mark, a NUL, a bell.
ODD_CHARACTERS = ["\ud800", "\x85", "\u2028", "\ufeff", "\x00", "\x07"]
YAML_SNIPPETS = [
    ":",
    "- ",
    "{",
    "}",
    "[",
    "]",
    "&a ",
    "*a",
    "!!python/name:os.system ",
    "!tag ",
    "? ",
    "|",
    ">",
    "'",
    '"',
    "#",
    "\t",
    "\n",
    "  ",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "\x00",
    "\ufeff",
    "<<: *a\n",
    "~",
    "null",
    "1e999",
    "-.inf",
    "0x",
    "0o7",
    "2001-12-14",
    "=",
    "\\",
    "\r",
]


def check(data: bytes | str) -> None:
    try:
        result = loads(data, "fuzz.archdraw.yaml", LIBRARY, LIMITS)
    except DesignError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.line >= 1 and problem.column >= 1 and problem.message
        return
    assert isinstance(result, LoadedDesign)


@settings(max_examples=examples(1500))
@given(st.binary(max_size=2000))
def test_random_bytes(data: bytes) -> None:
    check(data)


@settings(max_examples=examples(1000))
@given(st.text(st.characters() | st.sampled_from(ODD_CHARACTERS), max_size=300))
def test_random_text(text: str) -> None:
    check(text)


@st.composite
def mutated_texts(draw: st.DrawFn) -> str:
    lines = SEED_TEXT.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        operation = draw(st.integers(0, 6))
        if operation == 0:
            del lines[at]
        elif operation == 1:
            lines.insert(draw(st.integers(0, len(lines))), lines[at])
        elif operation == 2:
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif operation == 3:
            cut = draw(st.integers(0, len(lines[at])))
            snippet = draw(st.sampled_from(YAML_SNIPPETS) | st.text(max_size=5))
            lines[at] = lines[at][:cut] + snippet + lines[at][cut:]
        elif operation == 4:
            cut = draw(st.integers(0, len(lines[at])))
            lines[at] = lines[at][:cut] + lines[at][cut + draw(st.integers(1, 8)) :]
        elif operation == 5:
            lines[at] = " " * draw(st.integers(0, 6)) + lines[at].lstrip(" ")
        else:
            lines = lines[:at]
    return "".join(lines)


@settings(max_examples=examples(1500))
@given(mutated_texts())
def test_mutated_design_text(text: str) -> None:
    check(text)


plain_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats()
    | st.text(max_size=10)
    | st.sampled_from(["web", "api", "db", "use-a", "sync", "region", "AD101", "replicas"]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


ALL_PATHS = _paths(SEED_DATA)[1:]


@st.composite
def mutated_data(draw: st.DrawFn) -> Any:
    import copy

    data = copy.deepcopy(SEED_DATA)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(ALL_PATHS))
        parent: Any = data
        try:
            for step in path[:-1]:
                parent = parent[step]
            if draw(st.booleans()) and isinstance(parent, dict):
                parent.pop(path[-1], None)
            else:
                parent[path[-1]] = draw(plain_values)
        except (KeyError, IndexError, TypeError):
            continue
    return data


@settings(max_examples=examples(1000))
@given(mutated_data())
def test_mutated_design_data(data: Any) -> None:
    check(write_yaml(data))
