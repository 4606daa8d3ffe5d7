"""YAML that cannot be read: the message names the likely slip behind the parser's words
and says that nothing after that point was checked."""

from __future__ import annotations

import pytest

from archdraw.io import DesignError, loads
from archdraw.library import Library

HEAD = "archdraw: 1\nname: Hints\ncomponents:\n"
STOPS = "; reading stops here, so nothing after this point was checked"


@pytest.mark.parametrize(
    ("body", "line", "slip"),
    [
        (
            "  - id: api\n    type: service\n    label: API: v2\n",
            6,
            "a text holding ': ' needs quotes (label: \"API: v2\")",
        ),
        (
            "  - {id: api, type: service, label: API: v2}\n",
            4,
            "inside {...} a text holding ': ' or a quote needs quotes around it "
            '(label: "API: v2")',
        ),
        (
            "  - id: api\n    type: service\n    props:\n      replicas 2\n      zones: 2\n",
            8,
            "line 7 ('replicas 2') has no ':' after its key (write 'replicas: 2')",
        ),
        (
            "  -id: api\n   type: service\n",
            5,
            "line 4 needs a space after '-' to start a list item ('- id: api')",
        ),
        (
            "  - {id: api, type: service\n  - {id: db, type: database}\n",
            5,
            "the '{' on line 4 is not closed with '}' on its line",
        ),
        (
            "  - id: api\n    type: service\n   label: API\n",
            6,
            "the indentation of line 6 fits no level above it; the keys of one mapping, and "
            "the '- ' of one list's items, line up under each other",
        ),
    ],
    ids=["colon", "colon in braces", "no colon", "dash", "open brace", "indentation"],
)
def test_the_likely_slip_is_named(body: str, line: int, slip: str, library: Library) -> None:
    with pytest.raises(DesignError) as caught:
        loads(HEAD + body, "h.archdraw.yaml", library)
    [problem] = caught.value.problems
    assert problem.line == line
    assert problem.message.startswith("malformed YAML: ")
    assert problem.message.endswith(f"; {slip}{STOPS}")


def test_an_unclosed_quote_names_where_it_opens(library: Library) -> None:
    with pytest.raises(DesignError) as caught:
        loads('archdraw: 1\nname: "Open\ncomponents: []\n', "q.archdraw.yaml", library)
    [problem] = caught.value.problems
    assert problem.message.endswith(f"; the quote that opens on line 2 is never closed{STOPS}")


def test_a_problem_of_the_whole_file_has_no_stop_note(library: Library) -> None:
    with pytest.raises(DesignError) as caught:
        loads(b"archdraw: 1\nname: caf\xe9\n", "l.archdraw.yaml", library)
    [problem] = caught.value.problems
    assert STOPS not in problem.message
