"""A link's `request` typed in the Properties panel: a name is applied; text the loader
would refuse (a space in it) is refused in the panel too, so a saved file always loads."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from archdraw.io import dumps, loads
from archdraw.library import builtin_library

from .conftest import load_into, property_field, type_into

DESIGN = """
archdraw: 1
name: requests
components:
  - {id: front, type: service, position: [0, 0]}
  - {id: media, type: service, position: [400, 0]}
links:
  - {from: front, to: media, props: {calls: 0.1}}
"""


def test_a_request_name_is_applied_and_words_are_refused(window, qtbot):  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitActive(window)
    load_into(window, DESIGN)
    window.scene.select_ids(["front->media"])
    qtbot.wait(1)
    link = lambda: window.document.design.link("front->media")  # noqa: E731
    type_into(property_field(window, "request", QLineEdit), "home timeline")
    qtbot.wait(1)
    assert "request" not in link().props
    assert window.properties.error.text() == (
        "request: expected a name: letters, digits, '-', '_' or '.', no spaces; got 'home timeline'"
    )
    field = property_field(window, "request", QLineEdit)
    assert field.text() == ""  # the refused text is not left as if it were the value
    type_into(field, "compose")
    qtbot.wait(1)
    assert link().props["request"] == "compose"
    assert window.properties.error.text() == ""
    saved = dumps(window.document.design)
    assert loads(saved, "saved.archdraw.yaml", builtin_library()).design == window.document.design


def test_the_failure_headline_says_what_its_share_rests_on() -> None:
    from archdraw.analysis import run_analysis
    from archdraw.gui.panels.analysis_rows import headline

    text = """
archdraw: 1
name: parts
components:
  - {id: users, type: client, props: {rps: 100}}
  - {id: front, type: service, label: Front end}
  - {id: media, type: service, label: Media}
  - {id: text, type: service, label: Text}
  - {id: compose, type: service}
links:
  - {from: users, to: front}
  - {from: front, to: media, props: {calls: 0.1REQUEST}}
  - {from: front, to: text, props: {calls: 0.1REQUEST}}
  - {from: media, to: compose}
  - {from: text, to: compose}
"""
    library = builtin_library()
    unstated = loads(text.replace("REQUEST", ""), "p.archdraw.yaml", library).design
    assert headline(run_analysis(unstated, library, fail=["compose"])) == (
        "Failing one instance of compose: 19 of 100 requests/s fail (19.0 %), assuming the 2 "
        "calls from Front end (to Media and Text), each made by some of its requests, are "
        "independent requests (`request` not stated): 10.0 % if they are parts of the same "
        "requests, 20.0 % if different ones."
    )
    stated = loads(text.replace("REQUEST", ", request: post"), "p.archdraw.yaml", library)
    assert headline(run_analysis(stated.design, library, fail=["compose"])) == (
        "Failing one instance of compose: 10 of 100 requests/s fail (10.0 %)."
    )
