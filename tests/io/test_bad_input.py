"""Every kind of bad design file gives DesignError naming the file, the line and the cause."""

from __future__ import annotations

from pathlib import Path

import pytest

from archdraw.io import DesignError, Limits, load
from archdraw.library import Library

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"

# file stem -> [(line, words the message must contain)], one entry per expected problem.
EXPECTED: dict[str, list[tuple[int, tuple[str, ...]]]] = {
    "malformed_yaml": [(6, ("malformed YAML", "mapping values"))],
    "wrong_version_type": [(2, ("'archdraw'", "format version number", "'one'"))],
    "missing_version": [(1, ("missing", "archdraw: 1", "format version"))],
    "newer_version": [(2, ("version 99", "newer", "upgrade archdraw"))],
    "unknown_type": [(7, ("'box'", "unknown type", "quantum_computer", "archdraw types"))],
    "duplicate_id": [(8, ("duplicate id", "'api'"))],
    "dangling_link": [(10, ("link 'api->db'", "'db'", "not a component"))],
    "zone_cycle": [(4, ("zone cycle", "outer -> inner -> outer"))],
    "unknown_property": [
        (8, ("'db'", "'replicaz'", "not a property of type 'database'", "did you mean 'replicas'"))
    ],
    "wrong_property_type": [(7, ("'api'", "'replicas'", "whole number", "'two'"))],
    "out_of_range": [
        (7, ("'cache'", "'hit_ratio'", "from 0 to 1", "got 1.5", "write `hit_ratio: 1` or less"))
    ],
    "python_tag": [(6, ("tag", "python/object/apply", "not allowed"))],
    "alias_bomb": [(8, ("aliases expand to over 100,000 values", "alias bomb"))],
    "deep_nesting": [(3, ("nesting deeper than 64",))],
    "binary_garbage": [(1, ("binary file",))],
    "empty": [(1, ("empty",))],
    "comma_in_flow_label": [(5, ("'read-only)'", "comma ends the value", "needs quotes"))],
    "list_not_mapping": [(6, ("'props'", "must be a mapping", "not a list"))],
    "duplicate_key": [(9, ("duplicate key 'replicas'", "first given on line 7"))],
    "huge_hex_integer": [(8, ("'0xffff", "4,402 characters long", "at most 1,000,000,000,000"))],
    "infinite_rate": [(5, ("'.inf'", "not a finite number"))],
    "crlf_line_endings": [(7, ("'api'", "'replicas'", "got 0", "`replicas: 1` or more"))],
    "byte_order_mark": [(4, ("'api'", "'replicas'", "'1e400'", "not a finite number"))],
    "wrong_shapes": [
        (7, ("'api'", "'replicas'", "got a list, [2]", "write `replicas: 2`")),
        (8, ("'api'", "'zones'", "got the text 'three'", "write `zones: 3`")),
        (9, ("'api'", "'timeout_ms'", "got -5", "write `timeout_ms: 5`")),
        (13, ("'db'", "'replicas'", "got a mapping, {n: 2}", "write `replicas: 2`")),
        (14, ("'db'", "'zones'", "got true", "`zones: 1`")),
    ],
    "every_round": [
        (4, ("'web'", "'rps'", "'.inf'", "not a finite number")),
        (5, ("'api'", "unknown field 'colour'")),
        (7, ("link 'web->apii'", "not a component")),
    ],
    "three_problems": [
        (9, ("'api'", "'replicas'", "from 1 to 100,000", "got 0", "`replicas: 1` or more")),
        (11, ("'db'", "unknown type", "'databse'")),
        (14, ("link 'api->cache'", "'cache'", "not a component")),
    ],
}


def load_problems(path: Path, library: Library, limits: Limits | None = None) -> list[str]:
    with pytest.raises(DesignError) as caught:
        load(path, library, limits)
    problems = caught.value.problems
    assert problems, "a DesignError must carry at least one problem"
    for problem in problems:
        assert problem.path == str(path)
        assert str(problem).startswith(f"{path}:{problem.line}:{problem.column}: ")
    return [f"{p.line}|{p.message}" for p in problems]


def test_every_bad_file_has_an_expectation() -> None:
    stems = {p.name.removesuffix(".archdraw.yaml") for p in BAD.glob("*.archdraw.yaml")}
    assert stems == set(EXPECTED)


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_bad_file_gives_clear_located_problems(stem: str, library: Library) -> None:
    path = BAD / f"{stem}.archdraw.yaml"
    found = load_problems(path, library)
    expected = EXPECTED[stem]
    assert len(found) == len(expected), found
    for text, (line, words) in zip(found, expected, strict=True):
        found_line, message = text.split("|", 1)
        assert int(found_line) == line, text
        for word in words:
            assert word in message, f"{word!r} missing from {message!r}"


def test_oversized_file_names_the_limit(tmp_path: Path, library: Library) -> None:
    path = tmp_path / "big.archdraw.yaml"
    path.write_text("archdraw: 1\nname: Big\n" + "# padding\n" * 200, encoding="utf-8")
    [text] = load_problems(path, library, Limits(max_bytes=1000))
    assert text.startswith("1|")
    assert "over the limit of 1,000 bytes" in text


def test_oversized_text_is_refused_before_parsing(library: Library) -> None:
    from archdraw.io import loads

    text = "archdraw: 1\nname: Big\ndescription: " + "x" * 5000 + "\n"
    with pytest.raises(DesignError, match="over the limit of 4,096 bytes"):
        loads(text, "big.archdraw.yaml", library, Limits(max_bytes=4096))


def test_node_budget_counts_alias_expansions(library: Library) -> None:
    from archdraw.io import loads

    text = "archdraw: 1\nname: n\na: &a [1, 2, 3, 4, 5, 6, 7, 8]\nb: [*a, *a, *a, *a, *a]\n"
    with pytest.raises(DesignError, match="too many values"):
        loads(text, "n.archdraw.yaml", library, Limits(max_nodes=40))
    with pytest.raises(DesignError, match="aliases expand to over 30 values"):
        loads(text, "n.archdraw.yaml", library, Limits(max_alias_values=30))


def test_missing_file_and_folder_are_design_errors(tmp_path: Path, library: Library) -> None:
    with pytest.raises(DesignError, match="cannot read"):
        load(tmp_path / "nowhere.archdraw.yaml", library)
    with pytest.raises(DesignError, match="folder"):
        load(tmp_path, library)


def test_non_utf8_text_names_the_line(library: Library) -> None:
    from archdraw.io import loads

    with pytest.raises(DesignError) as caught:
        loads(b"archdraw: 1\nname: caf\xe9\n", "latin1.archdraw.yaml", library)
    [problem] = caught.value.problems
    assert (problem.line, problem.column) == (2, 10)
    assert problem.message == (
        "not UTF-8 text: byte 0xE9 (a file saved as Latin-1 or Windows-1252, or a binary "
        "file?); save it as UTF-8"
    )


def test_a_value_fitting_no_kind_is_one_problem(library: Library) -> None:
    from archdraw.io import loads

    text = "archdraw: 1\nname: u\nlint:\n  options: {x: {a: 1}, y: [1, 2]}\n"
    with pytest.raises(DesignError) as caught:
        loads(text, "u.archdraw.yaml", library)
    messages = [(p.line, p.message) for p in caught.value.problems]
    assert messages == [
        (
            4,
            "'lint.options.x' must be true or false, a number, text or a list of text, got {a: 1}",
        ),
        (4, "'lint.options.y' must be true or false, a number, text or a list of text, got [1, 2]"),
    ]


def test_endless_device_is_refused_at_the_limit(library: Library) -> None:
    zero = Path("/dev/zero")
    if not zero.exists():
        pytest.skip("no /dev/zero on this system")
    with pytest.raises(DesignError, match="over the limit of 4,096 bytes"):
        load(zero, library, Limits(max_bytes=4096))


def test_an_error_at_the_end_of_the_file_points_into_it(library: Library) -> None:
    from archdraw.io import loads

    text = "archdraw: 1\nname: x\ncomponents:\n  - {id: a, type: service\n"
    with pytest.raises(DesignError) as caught:
        loads(text, "eof.archdraw.yaml", library)
    [problem] = caught.value.problems
    assert (problem.line, problem.column) == (4, len("  - {id: a, type: service") + 1)


@pytest.mark.parametrize("position", ["[true, false]", '["1", 2]', "[1, .nan]"])
def test_a_position_must_be_two_numbers(library: Library, position: str) -> None:
    from archdraw.io import loads

    text = (
        f"archdraw: 1\nname: x\ncomponents:\n  - {{id: a, type: service, position: {position}}}\n"
    )
    with pytest.raises(DesignError) as caught:
        loads(text, "p.archdraw.yaml", library)
    assert all(p.line == 4 for p in caught.value.problems)
