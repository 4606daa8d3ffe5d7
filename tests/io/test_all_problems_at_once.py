"""One load reports every problem it can find, in file order: a number out of range or a
key given twice does not hide the unknown fields, bad references and out-of-range values
elsewhere; only YAML that cannot be read stops the checks, and then the message says so."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from archdraw.io import DesignError, Limits, Problem, loads
from archdraw.library import Library


def problems_of(text: str | bytes, library: Library, limits: Limits | None = None) -> list[Problem]:
    with pytest.raises(DesignError) as caught:
        loads(text, "mine.archdraw.yaml", library, limits)
    return caught.value.problems


def located(problems: list[Problem]) -> list[tuple[int, int, str]]:
    return [(p.line, p.column, p.message) for p in problems]


ROUNDS = """\
archdraw: 1
name: Rounds
components:
  - {id: web, type: client, props: {rps: .inf}}
  - {id: api, type: service, props: {replicas: 0}}
  - {id: api, type: databse}
  - {id: q, type: queue, colour: red}
links:
  - {from: web, to: apii}
  - {from: api, to: q, kind: synch}
"""


def test_a_number_problem_does_not_hide_the_schema_and_reference_problems(
    library: Library,
) -> None:
    found = located(problems_of(ROUNDS, library))
    assert [(line, column) for line, column, _ in found] == sorted(
        (line, column) for line, column, _ in found
    )
    messages = [m for _, _, m in found]
    assert messages == [
        "component 'web', property 'rps' takes a number of at least 0; '.inf' is not a finite "
        "number; write a number, such as `rps: 1`",
        "component 'api', property 'replicas' takes a whole number from 1 to 100,000; got 0; "
        "write `replicas: 1` or more",
        "duplicate id 'api' (already used by a component on line 5)",
        "component 'api' has unknown type 'databse' (did you mean 'database'? `archdraw types` "
        "lists the known ones)",
        "component 'q', unknown field 'colour'",
        "link 'web->apii' points at 'apii', which is not a component",
        "link 'api->q', 'kind' must be 'sync', 'async' or 'replication', got 'synch' "
        "(did you mean 'sync'?)",
    ]


def test_a_duplicated_key_does_not_hide_the_rest(library: Library) -> None:
    text = (
        "archdraw: 1\nname: D\ncomponents:\n  - id: api\n    type: service\n    props:\n"
        "      replicas: 2\n      replicas: 3\n  - {id: db, type: servce}\n"
    )
    assert located(problems_of(text, library)) == [
        (8, 7, "component 'api', duplicate key 'replicas' (first given on line 7); say it once"),
        (
            9,
            14,
            "component 'db' has unknown type 'servce' (did you mean 'service'? `archdraw types` "
            "lists the known ones)",
        ),
    ]


def test_a_missing_or_mistyped_version_is_reported_with_the_rest(library: Library) -> None:
    body = "name: V\ncomponents:\n  - {id: a, type: service, props: {replicas: 0}}\n"
    missing = located(problems_of(body, library))
    assert missing[0] == (1, 1, "missing 'archdraw: 1' (the format version) at the top")
    assert "'replicas' takes a whole number" in missing[1][2]
    mistyped = located(problems_of('archdraw: "1"\n' + body, library))
    assert mistyped[0] == (
        1,
        1,
        "'archdraw' must be the format version number (1), got '1'; write 'archdraw: 1'",
    )
    assert len(mistyped) == 2


def test_an_element_that_does_not_type_is_not_also_called_missing(library: Library) -> None:
    # `api` has no type and `z` a misspelt kind: the link to `api` and the component placed
    # in `z` are not reported as pointing nowhere; `db`'s own mistakes still are.
    text = """\
archdraw: 1
name: Broken elements
zones:
  - {id: z, kind: regin}
components:
  - {id: api, zone: z}
  - {id: db, type: database, zone: z, lable: Orders, props: {replicas: 0}}
links:
  - {from: api, to: db}
"""
    messages = [m for _, _, m in located(problems_of(text, library))]
    assert messages == [
        "zone 'z', 'kind' must be 'region', 'zone', 'network' or 'group', got 'regin' "
        "(did you mean 'region'?)",
        "component 'api', missing required field 'type'",
        "component 'db', unknown field 'lable'",
        "component 'db', property 'replicas' takes a whole number from 1 to 100,000; got 0; "
        "write `replicas: 1` or more",
    ]


@pytest.mark.parametrize(
    ("text", "kind"),
    [("- id: api\n  type: service\n", "a list"), ("just words\n", "a single value")],
)
def test_a_file_that_is_not_a_mapping_says_nothing_else_was_checked(
    text: str, kind: str, library: Library
) -> None:
    assert located(problems_of(text, library)) == [
        (
            1,
            1,
            "a design must be a mapping of fields (archdraw: 1, name: ..., components: ...), "
            f"not {kind}; nothing else in the file was checked",
        )
    ]


def test_a_newer_format_stops_the_checks_and_says_so(library: Library) -> None:
    text = "archdraw: 7\nname: Future\nwidgets: [1]\n"
    [problem] = problems_of(text, library)
    assert (problem.line, problem.column) == (1, 1)
    assert problem.message.startswith("format version 7 is newer than this archdraw")
    assert problem.message.endswith("; nothing else in the file was checked")


def test_yaml_that_cannot_be_read_keeps_the_problems_before_it_and_says_it_stopped(
    library: Library,
) -> None:
    text = (
        "archdraw: 1\nname: Stop\ncomponents:\n  - {id: a, type: service, props: {rps: 1e400}}\n"
        "  - id: b\n    type: service\n  props: {}\n"
    )
    first, last = problems_of(text, library)
    assert (first.line, first.message) == (
        4,
        "'1e400' is not a finite number; write a number such as 1000",
    )
    assert last.line == 7
    assert last.message.startswith("malformed YAML")
    assert last.message.endswith("; reading stops here, so nothing after this point was checked")


def test_an_empty_file_says_only_that(library: Library) -> None:
    assert [p.message for p in problems_of("", library)] == ["the file is empty"]
    assert [p.message for p in problems_of("# a comment\n", library)] == [
        "the file is empty (only comments)"
    ]


def test_past_the_cap_the_rest_are_counted(library: Library) -> None:
    links = "".join(f"  - {{from: a, to: c{i}}}\n" for i in range(7))
    text = "archdraw: 1\nname: Cap\ncomponents: [{id: a, type: service}]\nlinks:\n" + links
    found = problems_of(text, library, Limits(max_problems=5))
    assert len(found) == 6
    assert found[-1].message == "and 2 more problems"
    assert found[-1].line == found[-2].line


def test_when_the_budget_stops_the_checks_the_note_says_there_may_be_more(
    library: Library,
) -> None:
    components = "".join(f"  - {{id: c{i}, type: service, wrong: 1}}\n" for i in range(50))
    text = "archdraw: 1\nname: Budget\ncomponents:\n" + components
    found = problems_of(text, library, Limits(max_problems=5))
    assert found[-1].message.endswith(
        "checking stopped after 5 problems, so the file may hold more"
    )
    assert found[-1].message.startswith("and ")


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.replace("\n", "\r\n").encode(),
        lambda text: b"\xef\xbb\xbf" + text.encode(),
    ],
    ids=["windows line endings", "byte order mark"],
)
def test_windows_line_endings_and_a_bom_keep_every_position(
    encode: Callable[[str], bytes], library: Library
) -> None:
    assert located(problems_of(encode(ROUNDS), library)) == located(problems_of(ROUNDS, library))


def test_a_draft_s_empty_sections_and_a_duplicate_id_say_what_to_write(library: Library) -> None:
    text = (
        "archdraw: 1\nname: Draft\nzones: [{id: a}]\ncomponents:\n"
        "  - {id: a, type: service}\nlinks:\n"
    )
    assert [m for _, _, m in located(problems_of(text, library))] == [
        "duplicate id 'a' (already used by a zone on line 3)",
        "'links' must be a list, not an empty value; write its items under it, "
        "or 'links: []', or leave it out",
    ]
