"""A property value of the wrong kind or size: the message names the property, what it
takes (from the component library), what the file holds and the likely fix."""

from __future__ import annotations

import pytest

from archdraw.io import DesignError, loads
from archdraw.library import Library


def message_for(props: str, library: Library, component_type: str = "service") -> str:
    text = f"archdraw: 1\nname: P\ncomponents:\n  - id: api\n    type: {component_type}\n"
    text += f"    props:\n      {props}\n"
    with pytest.raises(DesignError) as caught:
        loads(text, "p.archdraw.yaml", library)
    [problem] = caught.value.problems
    assert problem.line == 7
    return problem.message


REPLICAS = "component 'api', property 'replicas' takes a whole number from 1 to 100,000"
ZONES = "component 'api', property 'zones' takes a whole number from 1 to 64"
TIMEOUT = "component 'api', property 'timeout_ms' takes a number of at least 0"


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        ("replicas: [2]", f"{REPLICAS}; got a list, [2]; write `replicas: 2`"),
        ("replicas: {n: 2}", f"{REPLICAS}; got a mapping, {{n: 2}}; write `replicas: 2`"),
        ('zones: "three"', f"{ZONES}; got the text 'three'; write `zones: 3`"),
        ('zones: "3"', f"{ZONES}; got the text '3'; write `zones: 3`"),
        (
            "timeout_ms: -5",
            f"{TIMEOUT}; got -5; write `timeout_ms: 5` (without the minus sign), "
            "or leave it out when it is not known",
        ),
        ("replicas: true", f"{REPLICAS}; got true; write a number, such as `replicas: 1`"),
        ("replicas: 2.5", f"{REPLICAS}; got 2.5; write `replicas: 2`"),
        ("replicas: 0", f"{REPLICAS}; got 0; write `replicas: 1` or more"),
        ("zones: 99", f"{ZONES}; got 99; write `zones: 64` or less"),
        (
            "replicas: [1, 2]",
            f"{REPLICAS}; got a list, [1, 2]; write a number, such as `replicas: 1`",
        ),
        (
            "failover: activ-standby",
            "component 'api', property 'failover' takes one of none, active-standby, "
            "active-active, dns; got the text 'activ-standby'; write `failover: active-standby`",
        ),
        (
            "failover: no",
            "component 'api', property 'failover' takes one of none, active-standby, "
            "active-active, dns; got false; write `failover: none`",
        ),
        (
            "auth: 'yes'",
            "component 'api', property 'auth' takes true or false; got the text 'yes'; "
            "write `auth: true`",
        ),
        (
            "auth: 1",
            "component 'api', property 'auth' takes true or false; got 1; write `auth: true`",
        ),
        (
            "technology: 5",
            "component 'api', property 'technology' takes text; got 5; write `technology: \"5\"`",
        ),
        (
            "technology: on",
            "component 'api', property 'technology' takes text; got true; YAML reads an unquoted "
            "yes, no, on or off as true or false: quote the word",
        ),
    ],
)
def test_a_value_of_the_wrong_kind_or_size(props: str, expected: str, library: Library) -> None:
    assert message_for(props, library) == expected


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        (".inf", "'.inf' is not a finite number"),
        ("1e400", "'1e400' is not a finite number"),
        ("1" * 400, "is 400 characters long; numbers in a design are at most 1,000,000,000,000"),
        ("5e12", "the number '5e12' is too large"),
    ],
)
def test_a_number_the_reader_refuses_names_the_property(
    written: str, reason: str, library: Library
) -> None:
    found = message_for(f"replicas: {written}", library)
    assert found.startswith(f"{REPLICAS}; ")
    assert reason in found
    assert found.endswith("; write a number, such as `replicas: 1`")


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        (
            "replics: 2",
            "component 'api', 'replics' is not a property of type 'service'; "
            "did you mean 'replicas'?",
        ),
        (
            "rps: 100",
            "component 'api', 'rps' is not a property of type 'service' (it is a property of "
            "client, peer, scheduler, worker); `archdraw types service` lists the ones it takes",
        ),
        (
            "label: API",
            "component 'api', 'label' is not a property of type 'service': it is a field of "
            "the component; write it level with 'type:', not in 'props:'",
        ),
    ],
)
def test_an_unknown_property_says_where_it_belongs(
    props: str, expected: str, library: Library
) -> None:
    assert message_for(props, library) == expected


def test_a_link_property_is_described_too(library: Library) -> None:
    text = (
        "archdraw: 1\nname: L\ncomponents: [{id: a, type: service}, {id: b, type: service}]\n"
        "links:\n  - {from: a, to: b, props: {timeout_ms: [300]}}\n"
    )
    with pytest.raises(DesignError) as caught:
        loads(text, "l.archdraw.yaml", library)
    [problem] = caught.value.problems
    assert problem.message == (
        "link 'a->b', property 'timeout_ms' takes a number of at least 0; got a list, [300]; "
        "write `timeout_ms: 300`"
    )


def test_a_huge_value_is_quoted_briefly(library: Library) -> None:
    found = message_for("replicas: [" + ", ".join(["7"] * 5000) + "]", library)
    assert "got a list, [7, 7, 7, 7, 7, 7, …]" in found
    assert len(found) < 200


def test_a_refused_number_where_text_goes_says_to_quote_it(library: Library) -> None:
    text = (
        "archdraw: 1\nname: T\ncomponents:\n"
        "  - {id: api, type: service, label: 1e400, props: {technology: .inf}}\n"
    )
    with pytest.raises(DesignError) as caught:
        loads(text, "t.archdraw.yaml", library)
    assert [p.message for p in caught.value.problems] == [
        "component 'api', 'label' takes text, and YAML reads 1e400 as a number (one no design "
        'uses); quote it: label: "1e400"',
        "component 'api', property 'technology' takes text, and YAML reads .inf as a number "
        '(one no design uses); quote it: technology: ".inf"',
    ]


def test_a_property_text_cut_by_a_comma_is_quoted_back_whole(library: Library) -> None:
    # message_for writes this one-line mapping as the value of `props:`.
    message = message_for("{technology: Postgres (primary, replica)}", library, "database")
    assert message == (
        "component 'api', unknown property 'replica)': in a one-line {...} mapping a comma "
        "ends the value before it, so a text with a comma needs quotes "
        '(technology: "Postgres (primary, replica)")'
    )


def test_values_are_quoted_as_yaml_writes_them(library: Library) -> None:
    text = "archdraw: 1\nname: Q\ncomponents:\n  - {id: a, type: service, position: [1, {2: ~}]}\n"
    with pytest.raises(DesignError) as caught:
        loads(text, "q.archdraw.yaml", library)
    [problem] = caught.value.problems
    assert problem.message == (
        "component 'a', 'position' must be [x, y], two numbers, got [1, {2: null}]"
    )


def test_a_limit_without_its_figure_is_true_or_false(library: Library) -> None:
    # `limits_rate` says a limit exists whose figure the source does not give: a yes or no,
    # never the figure (that is `rate_limit`).
    text = "archdraw: 1\nname: P\ncomponents:\n  - id: gw\n    type: api_gateway\n"
    text += "    props: {limits_rate: 50}\n"
    with pytest.raises(DesignError) as caught:
        loads(text, "p.archdraw.yaml", library)
    [problem] = caught.value.problems
    assert problem.message.startswith("component 'gw', property 'limits_rate' takes true or false")
    loaded = loads(text.replace("50", "true"), "p.archdraw.yaml", library)
    assert loaded.design.components[0].props["limits_rate"] is True
    # A type that takes no rate limit takes no `limits_rate` either.
    with pytest.raises(DesignError):
        loads(text.replace("api_gateway", "database").replace("50", "true"), "p.yaml", library)
