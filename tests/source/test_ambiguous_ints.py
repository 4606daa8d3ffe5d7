"""Integers YAML 1.1 and 1.2 read differently: refused in archdraw's files, kept in others'."""

from __future__ import annotations

import pytest

from archdraw.io import DesignError, loads
from archdraw.library import Library
from archdraw.source import SourceError, read_yaml, read_yaml_documents


@pytest.mark.parametrize(
    ("written", "says"),
    [
        (
            "010",
            "'010' starts with a zero: YAML 1.1 readers take it as octal (8) and YAML 1.2 "
            "readers as 10; write 10 (or 8) without the leading zero",
        ),
        (
            "-0_50",
            "'-0_50' starts with a zero: YAML 1.1 readers take it as octal (-40) and "
            "YAML 1.2 readers as -50; write -50 (or -40) without the leading zero",
        ),
        (
            "1:30",
            "'1:30' is a base-60 number to YAML 1.1 readers (90) and text to YAML 1.2 "
            "readers; write the number you mean without ':', such as 90",
        ),
    ],
)
def test_an_ambiguous_integer_is_refused_with_both_readings(written: str, says: str) -> None:
    with pytest.raises(SourceError) as caught:
        read_yaml(f"replicas: {written}\n", "x.yaml")
    assert [p.message for p in caught.value.problems] == [says]


@pytest.mark.parametrize(
    ("written", "value"),
    [("0", 0), ("10", 10), ("-7", -7), ("0.5", 0.5), ("010.5", 10.5), ("1_000", 1000)],
)
def test_numbers_every_reader_agrees_on_are_read(written: str, value: float) -> None:
    assert read_yaml(f"n: {written}\n", "x.yaml")[0]["n"] == value


def test_another_tool_s_manifest_keeps_yaml_1_1_octal() -> None:
    [(compose, _)] = read_yaml_documents(
        "services:\n  web:\n    configs: [{mode: 0644}]\n", "c.yaml"
    )
    assert compose["services"]["web"]["configs"][0]["mode"] == 0o644


def test_a_design_names_the_property_and_keeps_checking(library: Library) -> None:
    text = (
        "archdraw: 1\nname: X\ncomponents:\n"
        "  - {id: a, type: service, props: {replicas: 010}}\n"
        "  - {id: b, type: servce}\n"
    )
    with pytest.raises(DesignError) as caught:
        loads(text, "x.archdraw.yaml", library)
    messages = [str(p) for p in caught.value.problems]
    assert messages[0] == (
        "x.archdraw.yaml:4:46: component 'a', property 'replicas' takes a whole number from 1 "
        "to 100,000; '010' starts with a zero: YAML 1.1 readers take it as octal (8) and YAML "
        "1.2 readers as 10; write 10 (or 8) without the leading zero"
    )
    assert len(messages) == 2 and "unknown type 'servce'" in messages[1]
