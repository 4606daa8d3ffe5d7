"""`archdraw types`: the table, one type in full, and the --json shape."""

from __future__ import annotations

import json

import pytest

from archdraw.cli.main import run
from archdraw.library import Library

KEYS = {"id", "label", "category", "icon", "stateful", "summary", "explanation", "properties"}
PROP_KEYS = {"type", "default", "min", "max", "choices", "help"}


def test_json_lists_every_type_with_its_shape(
    capsys: pytest.CaptureFixture[str], library: Library
) -> None:
    assert run(["types", "--json", "--no-user-types"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {item["id"] for item in listed} == set(library.types)
    for item in listed:
        assert set(item) == KEYS
        assert isinstance(item["stateful"], bool)
        for spec in item["properties"].values():
            assert set(spec) == PROP_KEYS
            assert spec["type"] in ("int", "float", "bool", "str", "choice")


def test_json_of_one_type(capsys: pytest.CaptureFixture[str], library: Library) -> None:
    assert run(["types", "cache", "--json", "--no-user-types"]) == 0
    [cache] = json.loads(capsys.readouterr().out)
    assert cache["id"] == "cache" and cache["category"] == "storage" and cache["stateful"]
    assert cache["properties"]["hit_ratio"]["min"] == 0
    assert cache["properties"]["hit_ratio"]["max"] == 1
    assert cache["properties"]["hit_ratio"]["default"] == library.types["cache"].default(
        "hit_ratio"
    )


def test_table_groups_by_category(capsys: pytest.CaptureFixture[str], library: Library) -> None:
    assert run(["types", "--no-user-types"]) == 0
    out = capsys.readouterr().out
    for category in library.by_category():
        assert f"{category}:\n" in out
    for type_id in library.types:
        assert f"  {type_id} " in out


def test_one_type_in_full(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["types", "database", "--no-user-types"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("database  Relational database  [storage, stateful]")
    assert "replication" in out and "none | sync | async" in out


def test_unknown_type_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["types", "quantum", "--no-user-types"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "no type 'quantum'" in err


def test_a_mistyped_type_names_the_nearest(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["types", "loadbalancer", "--no-user-types"]) == 2
    assert "did you mean 'load_balancer'?" in capsys.readouterr().err
