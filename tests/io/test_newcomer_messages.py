"""Mistakes a newcomer makes writing a design by hand, worded for a YAML author: the
element, the field as the file spells it, what it takes, the value found, and the nearest
choice for a misspelt one; never pydantic's words for Python programmers."""

from __future__ import annotations

import pytest

from archdraw.io import DesignError, loads
from archdraw.library import Library

TEXT = """\
archdraw: 1
name: ""
doc: {purpose: 5}
zones:
  - {id: z, kind: regin}
  - {id: "bad id"}
components:
  - {id: a, type: service, position: [1, 2, 3]}
  - {id: b, type: service, position: [1]}
  - id: web
    type: client
    props:
    rps: 2000
links:
  - {from: a, to: b, kind: synch}
lint:
  severity: {AD101: fatal}
  ignore: [{rule: AD101, component: a, reason: 5}]
cost: {budget_month: -5, average_load: abc, prices: {vm.general: x}}
"""

EXPECTED = [
    (2, "'name' must not be empty"),
    (3, "'doc.purpose' must be text, got 5"),
    (
        5,
        "zone 'z', 'kind' must be 'region', 'zone', 'network' or 'group', got 'regin' "
        "(did you mean 'region'?)",
    ),
    (6, "zone 2, 'id': 'bad id' is not a valid id (use letters, digits, _ . -)"),
    (8, "component 'a', 'position' must be [x, y], two numbers, got [1, 2, 3]"),
    (9, "component 'b', 'position' must be [x, y], two numbers, got [1]"),
    (12, "component 'web', 'props' must be a mapping of names to values, not an empty value"),
    (
        13,
        "component 'web', unknown field 'rps': it is a property of type 'client'; "
        "indent it under 'props:', which is empty",
    ),
    (
        15,
        "link 'a->b', 'kind' must be 'sync', 'async' or 'replication', got 'synch' "
        "(did you mean 'sync'?)",
    ),
    (17, "'lint.severity.AD101' must be 'error', 'warning' or 'info', got 'fatal'"),
    (18, "lint ignore entry 1, 'reason' must be text, got 5"),
    (19, "'cost.budget_month' must be at least 0, got -5"),
    (19, "'cost.average_load' must be a number, got 'abc'"),
    (19, "'cost.prices' entry 'vm.general' must be a number, got 'x'"),
]


def test_each_mistake_is_named_in_the_file_s_words(library: Library) -> None:
    with pytest.raises(DesignError) as caught:
        loads(TEXT, "mine.archdraw.yaml", library)
    found = sorted((p.line, p.message) for p in caught.value.problems)
    assert found == sorted(EXPECTED)
    assert not any("should" in message or "Input" in message for _, message in found)


def test_a_tab_in_the_indentation_is_named(library: Library) -> None:
    text = "archdraw: 1\nname: x\ncomponents:\n\t- {id: a, type: service}\n"
    with pytest.raises(DesignError) as caught:
        loads(text, "tab.archdraw.yaml", library)
    [problem] = caught.value.problems
    assert (problem.line, problem.column) == (4, 1)
    assert problem.message.endswith(
        "; this is a tab, and YAML indents with spaces only; "
        "reading stops here, so nothing after this point was checked"
    )


def test_a_value_of_no_plain_kind_does_not_hide_the_element_s_other_problems(
    library: Library,
) -> None:
    text = (
        "archdraw: 1\nname: x\ncomponents:\n"
        "  - {id: a, type: service, props: {replicas: [2], timeout_ms: -1, auth: 'yes'}}\n"
    )
    with pytest.raises(DesignError) as caught:
        loads(text, "x.archdraw.yaml", library)
    assert [p.message for p in caught.value.problems] == [
        "component 'a', property 'replicas' takes a whole number from 1 to 100,000; "
        "got a list, [2]; write `replicas: 2`",
        "component 'a', property 'timeout_ms' takes a number of at least 0; got -1; "
        "write `timeout_ms: 1` (without the minus sign), or leave it out when it is not known",
        "component 'a', property 'auth' takes true or false; got the text 'yes'; "
        "write `auth: true`",
    ]


def test_a_label_cut_by_several_commas_is_quoted_back_whole(library: Library) -> None:
    text = (
        "archdraw: 1\nname: x\ncomponents:\n"
        "  - {id: db, type: database, label: Orders DB (primary, hot, replicated)}\n"
    )
    with pytest.raises(DesignError) as caught:
        loads(text, "c.archdraw.yaml", library)
    advice = 'needs quotes (label: "Orders DB (primary, hot, replicated)")'
    messages = [p.message for p in caught.value.problems]
    assert messages == [
        "component 'db', unknown field 'hot': in a one-line {...} mapping a comma ends the "
        f"value before it, so a text with a comma {advice}",
        "component 'db', unknown field 'replicated)': in a one-line {...} mapping a comma "
        f"ends the value before it, so a text with a comma {advice}",
    ]


def test_misspelt_fields_with_no_value_are_not_taken_for_a_cut_label(library: Library) -> None:
    text = "archdraw: 1\nname: x\ncomponents:\n  - {id: db, type: database, lable: DB, zoen: ~}\n"
    with pytest.raises(DesignError) as caught:
        loads(text, "c.archdraw.yaml", library)
    assert [p.message for p in caught.value.problems] == [
        "component 'db', unknown field 'lable'",
        "component 'db', unknown field 'zoen'",
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "components:\n  api: {type: service}\n",
            "'components' must be a list, not a mapping; write each as a list item, "
            "'- id: NAME' with its fields below",
        ),
        (
            "components: [{id: a, type: service}, {id: b, type: service}]\nlinks: [a -> b]\n",
            "link 1 must be a mapping of fields, not the value 'a -> b'; write {from: a, to: b}",
        ),
        (
            "zones: [eu-west]\n",
            "zone 1 must be a mapping of fields, not the value 'eu-west'; write {id: eu-west}",
        ),
        (
            "components:\n  - id: api\n    type: service\n    replicas: 3\n",
            "component 'api', unknown field 'replicas': it is a property of type 'service'; "
            "write it under 'props:'",
        ),
    ],
    ids=["components keyed by id", "link as text", "zone as text", "property as a field"],
)
def test_an_element_of_the_wrong_shape_gets_the_shape_it_takes(
    body: str, expected: str, library: Library
) -> None:
    with pytest.raises(DesignError) as caught:
        loads("archdraw: 1\nname: s\n" + body, "s.archdraw.yaml", library)
    assert [p.message for p in caught.value.problems] == [expected]


def test_a_merge_key_is_named_once_not_as_missing_fields(library: Library) -> None:
    text = (
        "archdraw: 1\nname: M\ncomponents:\n"
        "  - &svc {id: api, type: service}\n  - <<: *svc\n    id: api2\n"
    )
    with pytest.raises(DesignError) as caught:
        loads(text, "m.archdraw.yaml", library)
    assert [(p.line, p.message) for p in caught.value.problems] == [
        (
            5,
            "component 'api2', a merge key ('<<: *anchor') is not read in a design file: "
            "write the fields out in each element",
        )
    ]
