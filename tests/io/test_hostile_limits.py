"""Files inside every limit load in bounded memory, with few and short messages (issue 15).

Each shape is the cheapest way to spend the loader's memory per input byte:
empty mappings, deep flow collections, long keys, many keys, one-character
values. The bound checked is the one the README states (per byte of input,
above the program's own memory), measured with tracemalloc.
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable

import pytest

from archdraw.io import DesignError, Limits, loads
from archdraw.library import Library

HEAD = "archdraw: 1\nname: x\n"
# Bytes of memory the loader may hold at its peak per byte of input (README).
BYTES_PER_INPUT_BYTE = 160
MAX_MESSAGE = 500


def _deep(count: int) -> str:
    unit = "[" * 60 + "]" * 60
    return HEAD + "components: [" + ",".join([unit] * count) + "]\n"


SHAPES: dict[str, Callable[[int], str]] = {
    "empty maps as components": lambda n: HEAD + "components: [" + ",".join(["{}"] * n) + "]\n",
    "one-character components": lambda n: HEAD + "components: [" + ",".join(["1"] * n) + "]\n",
    "empty maps in a text list": lambda n: (
        HEAD + "doc:\n  principles: [" + ",".join(["{}"] * min(n, 9_000)) + "]\n"
    ),
    "empty maps in a lint option": lambda n: (
        HEAD + "lint:\n  options:\n    a: [" + ",".join(["{}"] * min(n, 9_000)) + "]\n"
    ),
    "deep flow collections": lambda n: _deep(n // 60),
    "many unknown keys": lambda n: (
        HEAD
        + "components: ["
        + ",".join("{" + ",".join(f"k{i}: 1" for i in range(100)) + "}" for _ in range(n // 100))
        + "]\n"
    ),
    "long keys": lambda n: (
        HEAD
        + "lint:\n  options: {"
        + ",".join(f"{'k' * 2000}{i}: 1" for i in range(n // 1000))
        + "}\n"
    ),
    "junk links": lambda n: HEAD + "links: [" + ",".join(["{a: 1}"] * n) + "]\n",
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_memory_per_input_byte_is_bounded(shape: str, library: Library) -> None:
    text = SHAPES[shape](30_000).encode()
    loads(HEAD.encode(), "warm.archdraw.yaml", library)  # pydantic builds its validators once
    tracemalloc.start()
    try:
        with pytest.raises(DesignError) as caught:
            loads(text, "hostile.archdraw.yaml", library)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < BYTES_PER_INPUT_BYTE * len(text), f"{peak / len(text):.0f} bytes per byte"
    problems = caught.value.problems
    assert len(problems) <= Limits().max_problems + 1
    assert all(len(str(p)) < MAX_MESSAGE for p in problems), max(map(str, problems), key=len)


def test_long_lists_below_the_top_level_are_refused(library: Library) -> None:
    text = HEAD + "lint:\n  options:\n    a: [" + ",".join(["1"] * 10_001) + "]\n"
    with pytest.raises(DesignError, match="over 10,000 items") as caught:
        loads(text, "long.archdraw.yaml", library)
    assert caught.value.problems[0].line == 5


def test_mappings_and_lists_have_their_own_budget(library: Library) -> None:
    text = HEAD + "components: [" + ",".join(["{}"] * 50) + "]\n"
    with pytest.raises(DesignError, match="too many mappings and lists"):
        loads(text, "c.archdraw.yaml", library, Limits(max_collections=40))


def test_problems_stop_at_the_budget(library: Library) -> None:
    text = HEAD + "components: [" + ",".join(["{}"] * 5000) + "]\n"
    with pytest.raises(DesignError) as caught:
        loads(text, "many.archdraw.yaml", library)
    problems = caught.value.problems
    assert len(problems) == Limits().max_problems + 1
    assert any("stopped after 100 problems" in p.message for p in problems)


def test_a_huge_value_is_quoted_briefly(library: Library) -> None:
    text = HEAD + "components:\n  - {id: a, type: service, props: {replicas: [" + "x, " * 5000
    text += "x]}}\n"
    with pytest.raises(DesignError) as caught:
        loads(text, "q.archdraw.yaml", library)
    assert all(len(str(p)) < MAX_MESSAGE for p in caught.value.problems)


def test_a_component_missing_its_fields_is_not_called_a_union(library: Library) -> None:
    with pytest.raises(DesignError) as caught:
        loads(HEAD + "components:\n  - {}\n", "m.archdraw.yaml", library)
    messages = sorted(p.message for p in caught.value.problems)
    assert messages == [
        "component 1, missing required field 'id'",
        "component 1, missing required field 'type'",
    ]
