"""A client's `audience` is a choice in the Properties panel; choosing it re-lints."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from .conftest import choose_by_keys, load_into, property_field

DASHBOARD = """
archdraw: 1
name: store dashboard
components:
  - {id: dashboard, type: client, label: Store dashboard, position: [0, 0]}
  - {id: ui, type: service, label: UI, position: [300, 0], props: {static_assets: true}}
links:
  - {from: dashboard, to: ui}
"""


def _cdn_findings(window):  # type: ignore[no-untyped-def]
    rows = (window.findings.row(i) for i in range(window.findings.row_count()))
    return [row for row in rows if row.code == "AD214"]


def test_choosing_staff_for_a_dashboard_drops_the_cdn_finding(window, qtbot):  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitActive(window)
    load_into(window, DASHBOARD)
    qtbot.waitUntil(lambda: not window.lint.busy and len(_cdn_findings(window)) == 1)
    window.scene.select_ids(["dashboard"])
    qtbot.wait(1)
    box = property_field(window, "audience", QComboBox)
    items = [box.itemText(i) for i in range(box.count())]
    # The three audiences, after the entry that leaves it not stated (shown selected).
    assert items[-3:] == ["public", "staff", "internal"]
    assert box.currentIndex() < len(items) - 3
    box.setFocus()
    qtbot.wait(1)
    for _ in range(items.index("staff") - box.currentIndex()):
        choose_by_keys(qtbot, box, Qt.Key.Key_Down)
        qtbot.wait(1)
    assert window.document.design.component("dashboard").props["audience"] == "staff"
    qtbot.waitUntil(lambda: not window.lint.busy and not _cdn_findings(window))
