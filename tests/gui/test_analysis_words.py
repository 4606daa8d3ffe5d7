"""What the Analysis panel says when a component fails, for a first design with no traffic stated.

Found by a first-time user: failing a service of a fresh design (no client
states its Peak load) read "0 of 0 requests/s fail (100 %)", and the
components table put a sentence in its Serves column, which squeezed the Why
column to a few letters per line.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QPushButton

from .conftest import load_into

FIRST_DESIGN = """
archdraw: 1
name: chat
components:
  - {id: phone, type: client, label: Phone, position: [0, 0]}
  - {id: api, type: service, label: Chat API, position: [300, 0], props: {replicas: 3}}
links:
  - {from: phone, to: api}
"""


def _fail(window, qtbot, every: bool):  # type: ignore[no-untyped-def]
    panel = window.analysis_panel
    load_into(window, FIRST_DESIGN)
    window.scene.select_ids(["api"])
    box = panel.findChild(QCheckBox, "analysis-all-instances")
    if box.isChecked() != every:
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.findChild(QPushButton, "analysis-fail"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Failing" in panel.message.text())
    return panel


def test_failing_every_instance_says_the_share_without_zero_requests(window, qtbot):  # type: ignore[no-untyped-def]
    panel = _fail(window, qtbot, every=True)
    text = panel.message.text()
    assert "0 of 0" not in text
    assert text == (
        "Failing every instance of Chat API: 100 % of client requests fail "
        "(no Peak load stated for Phone)."
    )


def test_one_instance_keeps_the_serves_figure_apart_from_the_why(window, qtbot):  # type: ignore[no-untyped-def]
    panel = _fail(window, qtbot, every=False)
    assert panel.message.text().startswith("Failing one instance of Chat API: 0 % of client")
    [row] = panel.failure_components.texts()
    assert row[:3] == ["Chat API", "degraded", "100 %"]
    assert row[3].endswith("; serves 100 % when callers retry on the other instances")
    table = panel.failure_components
    assert table.columnWidth(3) > table.columnWidth(2)


UNSTATED_WRITES = """
archdraw: 1
name: trigger
components:
  - {id: app, type: client, label: App, position: [0, 0], props: {rps: 100}}
  - {id: db, type: database, label: Orders DB, position: [300, 0]}
  - {id: hook, type: service, label: Hook, position: [600, 0], props: {replicas: 1}}
links:
  - {from: app, to: db}
  - {from: db, to: hook}
"""


def test_a_failure_behind_a_change_stream_of_unstated_writes_says_what_it_rests_on(window, qtbot):  # type: ignore[no-untyped-def]
    """No link into the store states `writes`: no request is counted as a write, so failing
    what its change stream calls fails nothing, and the panel says why."""
    panel = window.analysis_panel
    load_into(window, UNSTATED_WRITES)
    window.scene.select_ids(["hook"])
    qtbot.mouseClick(panel.findChild(QPushButton, "analysis-fail"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Failing" in panel.message.text())
    assert panel.message.text() == (
        "Failing one instance of Hook: 0 of 100 requests/s fail (0 %). No link into "
        "Orders DB states writes: no request goes on over its change stream (to Hook)."
    )


def test_a_failing_path_is_named_by_titles_with_the_editors_arrow(window, qtbot):  # type: ignore[no-untyped-def]
    panel = _fail(window, qtbot, every=True)
    table = panel.failure_clients
    qtbot.waitUntil(lambda: table.rowCount() == 1)
    tip = table.item(0, 0).toolTip()  # rich text, so Qt wraps it
    assert "Failing paths: Phone → Chat API" in tip, tip
