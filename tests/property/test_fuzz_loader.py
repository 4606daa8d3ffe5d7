"""Random bytes and mutated valid designs: `loads` gives a design or a DesignError, nothing else.

Every typed field also gets edge values (infinities, NaN, huge integers in every
YAML integer notation, control characters, non-characters). Under the `fuzz`
profile (scripts/fuzz.sh) every file that loads is then run through every
command (validate, lint --format json, export in each text format and SVG,
analyze), which must exit 0, 1 or 2, never 3 (a crash); the normal test command
does so for the edge-value test only.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from typing import Any

from hypothesis import event, given, settings
from hypothesis import strategies as st
from tests.property.profiles import PROFILE
from tests.property.strategies import examples

from archdraw.cli.main import run
from archdraw.export import FORMATS
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


# Text formats and SVG: the image formats that need Qt are exercised by their own tests.
EXPORTS = [name for name, spec in FORMATS.items() if not spec.binary]
COMMANDS = [
    ["validate"],
    ["lint", "--format", "json"],
    *(["export", "-f", name, "-o", os.devnull] for name in EXPORTS),
    ["analyze", "--availability", "--growth", "3"],
]


def run_every_command(data: bytes | str) -> None:
    """Each command on `data` as a file: exit 0, 1 or 2, never 3 (an internal error)."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "fuzz.archdraw.yaml")
        with open(path, "wb") as stream:
            stream.write(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
        for command in COMMANDS:
            out, err = io.StringIO(), io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                status = run([*command, "--no-user-types", path])
            assert status in (0, 1, 2), (command, err.getvalue()[:2000])
            name = " ".join(command[:3] if command[0] == "export" else command[:1])
            event(f"{name}: exit {status}")


def check(data: bytes | str, commands: bool = PROFILE == "fuzz") -> None:
    try:
        result = loads(data, "fuzz.archdraw.yaml", LIBRARY, LIMITS)
    except DesignError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.line >= 1 and problem.column >= 1 and problem.message
            assert len(problem.message) < 1000
        event("refused")
        return
    assert isinstance(result, LoadedDesign)
    event("loaded")
    if commands:
        run_every_command(data)


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


# YAML texts of values no field should crash on: each is put into a random field as written.
EDGE_VALUES = [
    ".inf",
    "-.inf",
    ".nan",
    "1e400",
    "-1e400",
    "1e-400",
    "1e12",
    "1e13",
    "-0",
    "0x" + "f" * 4400,
    "0" + "7" * 4400,
    "0b" + "1" * 9000,
    "1" + ":59" * 3000,
    "9" * 4400,
    "1" + "0" * 400,
    "1" + "_0" * 200,
    '"\\e]0;title\\a\\e[2J\\x85\\u2028\\u2029\\uFFFE\\uFFFF\\0"',
    '"\\uFDD0\\U0010FFFF\\U0001FFFE <br> --- & \\" \' \\\\ } ]"',
    '"\\u0085\\u2028 one\\ntwo\\rthree\\tfour"',
    "'" + "&" * 4000 + "'",
    "'<br>'",
    "'---'",
    "'@startuml'",
    "'%%{init}%%'",
    "[1, 2]",
    "[true, false]",
    "{}",
    "[]",
    "~",
    "''",
]
PLACEHOLDER = "fuzz-edge-value-goes-here"


@st.composite
def edge_value_texts(draw: st.DrawFn) -> str:
    import copy

    data = copy.deepcopy(SEED_DATA)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(ALL_PATHS))
        parent: Any = data
        try:
            for step in path[:-1]:
                parent = parent[step]
            parent[path[-1]] = PLACEHOLDER
        except (KeyError, IndexError, TypeError):
            continue
    text = write_yaml(data)
    while PLACEHOLDER in text:
        text = text.replace(PLACEHOLDER, draw(st.sampled_from(EDGE_VALUES)), 1)
    return text


@settings(max_examples=examples(60))
@given(edge_value_texts())
def test_edge_values_in_every_field_never_crash_a_command(text: str) -> None:
    check(text, commands=True)
