"""A link's `request` is a name (the kind of the sender's requests the call is made for):
anything else is refused with what it takes, what the file holds and the likely fix."""

from __future__ import annotations

import pytest

from archdraw.io import DesignError, loads
from archdraw.library import Library

TAKES = "link 'a->b', property 'request' takes a name: letters, digits, '-', '_' or '.', no spaces"


def load_link(props: str, library: Library):  # type: ignore[no-untyped-def]
    text = (
        "archdraw: 1\nname: R\ncomponents: [{id: a, type: service}, {id: b, type: service}]\n"
        f"links:\n  - {{from: a, to: b, props: {{calls: 0.1, {props}}}}}\n"
    )
    return loads(text, "r.archdraw.yaml", library)


@pytest.mark.parametrize("name", ["compose", "home-timeline", "read_v2", "Orders.Create", "7"])
def test_a_name_is_kept(name: str, library: Library) -> None:
    design = load_link(f'request: "{name}"', library).design
    assert design.links[0].props["request"] == name


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        (
            "request: home timeline",
            f"{TAKES}; got the text 'home timeline'; write `request: home-timeline`",
        ),
        ("request: 3", f'{TAKES}; got 3; write `request: "3"`'),
        ('request: ""', f"{TAKES}; got the text ''"),
        ('request: "compose!"', f"{TAKES}; got the text 'compose!'"),
        ("request: [compose, read]", f"{TAKES}; got a list, ['compose', 'read']"),
        (
            "request: yes",
            f"{TAKES}; got true; YAML reads an unquoted yes, no, on or off as true or false: "
            "quote the word",
        ),
    ],
)
def test_anything_else_is_refused_with_the_fix(props: str, expected: str, library: Library) -> None:
    with pytest.raises(DesignError) as caught:
        load_link(props, library)
    [problem] = caught.value.problems
    assert (problem.line, problem.message) == (5, expected)


def test_the_schema_holds_the_same_pattern(library: Library) -> None:
    from archdraw.io.schema import design_schema

    spec = design_schema(library)["$defs"]["Link"]["properties"]["props"]["properties"]["request"]
    assert spec["type"] == "string"
    assert spec["pattern"] == r"^[A-Za-z0-9_.\-]+$"
