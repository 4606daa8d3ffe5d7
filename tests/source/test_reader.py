"""archdraw.source: located reading, budgets, and write/read agreement on every scalar."""

from __future__ import annotations

import math
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from archdraw.source import (
    FlowMap,
    FlowSeq,
    Limits,
    SourceError,
    read_yaml,
    read_yaml_documents,
    write_yaml,
)

TEXT = """\
top: 1
items:
  - name: a
    values: [1, 2.5, true, null, "x"]
  - {name: b, deep: {k: v}}
"""


def test_values_and_locations() -> None:
    data, locations = read_yaml(TEXT, "t.yaml")
    assert data == {
        "top": 1,
        "items": [
            {"name": "a", "values": [1, 2.5, True, None, "x"]},
            {"name": "b", "deep": {"k": "v"}},
        ],
    }
    assert locations.exact(("top",)) == (1, 1)
    assert locations.exact(("items", 0)) == (3, 5)
    assert locations.exact(("items", 1)) == (5, 5)
    assert locations.exact(("items", 1, "deep", "k")) == (5, TEXT.splitlines()[4].index("k:") + 1)
    assert locations.exact(("items", 0, "values", 3)) == (4, TEXT.splitlines()[3].index("null") + 1)
    assert locations.exact(("items", 0, "values", 9)) is None
    assert locations.of(("items", 0, "values", 9)) == (4, 5)
    assert locations.of(("nowhere", 3)) == (1, 1)


def test_every_duplicate_key_is_reported() -> None:
    with pytest.raises(SourceError) as caught:
        read_yaml("a: 1\nb: 2\na: 3\nm: {x: 1, x: 2}\n", "d.yaml")
    assert [(p.line, p.column) for p in caught.value.problems] == [(3, 1), (4, 11)]
    assert all("duplicate key" in p.message for p in caught.value.problems)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("a: !!python/tuple [1, 2]\n", "not allowed"),
        ("a: !custom x\n", "not allowed"),
        ("a: &x [*x]\n", "refers to itself"),
        ("a: *nothing\n", "no anchor"),
        ("? [1, 2]\n: x\n", "plain text"),
        ("a: 1\n---\nb: 2\n", "one YAML document"),
        ("", "empty"),
        ("   \n# only a comment\n", "empty"),
    ],
)
def test_refusals(text: str, words: str) -> None:
    with pytest.raises(SourceError, match=words):
        read_yaml(text, "r.yaml")


def test_depth_and_node_budgets() -> None:
    with pytest.raises(SourceError, match="deeper than 3"):
        read_yaml("a: [[[[1]]]]\n", "deep.yaml", Limits(max_depth=3))
    assert read_yaml("a: [[1]]\n", "ok.yaml", Limits(max_depth=3))[0] == {"a": [[1]]}
    with pytest.raises(SourceError, match="over 10"):
        read_yaml("a: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]\n", "n.yaml", Limits(max_nodes=10))


def test_aliases_are_copies_not_shared() -> None:
    data, _ = read_yaml("a: &x {k: [1]}\nb: *x\n", "alias.yaml")
    assert data == {"a": {"k": [1]}, "b": {"k": [1]}}
    assert data["a"] is not data["b"]


def test_writer_flow_styles() -> None:
    text = write_yaml({"a": FlowSeq([1, 2]), "b": FlowMap({"x": "y"}), "c": [1]})
    assert text == "a: [1, 2]\nb: {x: y}\nc:\n- 1\n"


# Scalars that PyYAML's safe loader reads as something other than text.
TRICKY = [
    "yes", "No", "on", "~", "null", "0x1f", "0o17", "017", "1_000", "1e3", "1.5e-3", ".inf",
    "-.Inf", ".NaN", "12:30:45", "2001-12-14", "+1", "0b101", "=", "<<", "3.", "-0",
]  # fmt: skip


@pytest.mark.parametrize("scalar", TRICKY)
def test_scalars_resolve_like_the_safe_loader(scalar: str) -> None:
    if scalar.lower().lstrip("-") in (".inf", ".nan"):  # no design can mean them
        with pytest.raises(SourceError, match="not a finite number"):
            read_yaml(f"v: {scalar}\n", "s.yaml")
        return
    if scalar in ("017", "12:30:45"):  # 1.1 and 1.2 disagree: refused (test_ambiguous_ints)
        with pytest.raises(SourceError, match=r"YAML 1\.2 readers"):
            read_yaml(f"v: {scalar}\n", "s.yaml")
        assert (
            read_yaml_documents(f"v: {scalar}\n", "s.yaml")[0][0]["v"]
            == yaml.safe_load(f"v: {scalar}\n")["v"]
        )
        return
    ours = read_yaml(f"v: {scalar}\n", "s.yaml")[0]["v"]
    if scalar in ("=", "<<"):  # the safe loader cannot even construct these
        assert ours == scalar
        return
    theirs = yaml.safe_load(f"v: {scalar}\n")["v"]
    if scalar in ("1e3",):  # our one addition: exponent floats without a dot
        assert ours == 1000.0
    elif scalar in ("2001-12-14", "=", "<<"):  # dates, value and merge keys stay text
        assert ours == scalar
    elif isinstance(theirs, float) and math.isnan(theirs):
        assert math.isnan(ours)
    else:
        assert ours == theirs and type(ours) is type(theirs)


plain = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**12), 10**12)
    | st.floats(-1e12, 1e12)
    | st.text(st.characters(exclude_categories=("Cs",)))
    | st.sampled_from([t for t in TRICKY if "." not in t.lower().lstrip("-+")[:1]]),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(st.characters(exclude_categories=("Cs",)), max_size=8), inner)
    ),
    max_leaves=12,
)


def _flowed(value: Any, flow: bool) -> Any:
    if isinstance(value, dict):
        items = {k: _flowed(v, flow) for k, v in value.items()}
        return FlowMap(items) if flow else items
    if isinstance(value, list):
        items_list = [_flowed(v, flow) for v in value]
        return FlowSeq(items_list) if flow else items_list
    return value


@settings(max_examples=400)
@given(plain, st.booleans())
def test_whatever_we_write_reads_back_the_same(value: Any, flow: bool) -> None:
    document = {"v": _flowed(value, flow)}
    assert read_yaml(write_yaml(document), "w.yaml")[0] == {"v": value}


def test_repeated_short_texts_are_one_string_and_long_ones_are_not() -> None:
    """Ids repeat across a design (links name components): the reader shares one string per
    short text, so look-ups by id compare pointers. Long prose is left alone."""
    prose = "a description " * 10
    text = (
        "components:\n  - {id: api-1, type: service}\n"
        "links:\n  - {from: api-1, to: db-1}\n  - {from: db-1, to: api-1}\n"
        f"notes: ['{prose}', '{prose}']\n"
    )
    data, _ = read_yaml(text, "t.yaml")
    first, second = data["links"]
    assert data["components"][0]["id"] is first["from"] is second["to"]
    assert first["to"] is second["from"]
    assert next(iter(first)) is next(iter(second))  # keys too
    assert data["notes"][0] == data["notes"][1] and data["notes"][0] is not data["notes"][1]
