"""AD101's share of lost requests follows the links' `request`: calls naming the same request
fail together; calls made by some requests that name none are taken as independent, and the
finding says so, with the share either other way."""

from __future__ import annotations

from collections.abc import Callable

from archdraw.io import LoadedDesign
from archdraw.library import Library
from archdraw.lint import lint_design
from archdraw.lint.types import Finding

Loader = Callable[[str], LoadedDesign]

DESIGN = """\
archdraw: 1
name: Composes
components:
  - {id: users, type: client}
  - {id: front, type: service, props: {replicas: 2}}
  - {id: media, type: service, props: {replicas: 2}}
  - {id: text, type: service, props: {replicas: 2}}
  - {id: compose, type: service, props: {replicas: 1}}
  - {id: timeline, type: service, props: {replicas: 1}}
links:
  - {from: users, to: front}
  - {from: front, to: timeline, props: {calls: 0.8REQUEST_READ}}
  - {from: front, to: media, props: {calls: 0.1REQUEST}}
  - {from: front, to: text, props: {calls: 0.1REQUEST}}
  - {from: media, to: compose}
  - {from: text, to: compose}
"""


def single_points(load_text: Loader, library: Library, request: str, read: str) -> dict[str, str]:
    text = DESIGN.replace("REQUEST_READ", read).replace("REQUEST", request)
    loaded = load_text(text)
    findings: list[Finding] = lint_design(loaded.design, library, loaded.locations)
    return {f.element or "": f.message for f in findings if f.code == "AD101"}


def test_the_same_request_loses_its_share_once(load_text: Loader, library: Library) -> None:
    found = single_points(load_text, library, ", request: compose", ", request: read")
    assert found["compose"].endswith("when it dies, 10 % of client requests fail")
    assert found["timeline"].endswith("when it dies, 80 % of client requests fail")


def test_unstated_calls_say_what_the_share_rests_on(load_text: Loader, library: Library) -> None:
    found = single_points(load_text, library, "", "")
    assert found["compose"].endswith(
        "when it dies, 19 % of client requests fail, assuming the 2 calls from 'front' (to "
        "'media' and 'text'), each made by some of its requests, are independent requests "
        "(`request` not stated): 10 % if they are parts of the same requests, 20 % if "
        "different ones"
    )
    # One call made by some requests reaches the timeline: nothing assumed.
    assert found["timeline"].endswith("when it dies, 80 % of client requests fail")


def test_different_requests_add_up(load_text: Loader, library: Library) -> None:
    text = (
        DESIGN.replace("REQUEST_READ", "")
        .replace(
            "{calls: 0.1REQUEST}}\n  - {from: front, to: text",
            "{calls: 0.1, request: upload}}\n  - {from: front, to: text",
        )
        .replace("REQUEST", ", request: post")
    )
    loaded = load_text(text)
    found = {
        f.element: f.message
        for f in lint_design(loaded.design, library, loaded.locations)
        if f.code == "AD101"
    }
    assert found["compose"].endswith("when it dies, 20 % of client requests fail")


def test_a_session_follows_request_names_set_and_changed(
    load_text: Loader, library: Library
) -> None:
    from archdraw.lint.session import LintSession
    from archdraw.model import Document
    from archdraw.model.edits import SetLinkProperties

    loaded = load_text(DESIGN.replace("REQUEST_READ", "").replace("REQUEST", ""))
    document, session = Document(loaded.design), LintSession(library)

    def compose_share() -> str:
        got = session.lint(document.design, loaded.locations)
        expected = lint_design(document.design, library, loaded.locations)
        assert [(f.code, f.element, f.message) for f in got] == [
            (f.code, f.element, f.message) for f in expected
        ]
        return next(f.message for f in got if f.code == "AD101" and f.element == "compose")

    assert "19 % of client requests fail, assuming" in compose_share()
    for key in ("front->media", "front->text"):  # a name stated: a new property on the link
        document.apply(SetLinkProperties(key, {"request": "post"}))
    assert compose_share().endswith("10 % of client requests fail")
    document.apply(SetLinkProperties("front->text", {"request": "edit"}))  # a value changed
    assert compose_share().endswith("20 % of client requests fail")
