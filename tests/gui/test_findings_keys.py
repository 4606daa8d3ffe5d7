"""Choosing a finding with the keyboard does what a click does: its elements are selected
on the canvas and brought into view, once the keys rest."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt

from archdraw.gui.panels.findings_table import FindingsTable

from .test_related_findings import CALLS, _open

SETTLED_MS = 2 * FindingsTable.SETTLE_MS


def _on_screen(window) -> QRectF:  # type: ignore[no-untyped-def]
    view = window.view
    return view.mapToScene(view.viewport().rect()).boundingRect()


def test_arrowing_to_a_finding_selects_and_shows_its_elements(window, qtbot):  # type: ignore[no-untyped-def]
    panel, row = _open(window, qtbot)
    assert row > 0
    located: list[tuple[list[str], list[str]]] = []
    panel.locate.connect(lambda ids, related: located.append((ids, related)))
    window.view.centerOn(-3000, -3000)  # the calls are out of view
    panel.select_row(0)  # as a marker click or a lint refresh selects: the canvas stays
    qtbot.wait(SETTLED_MS)
    assert located == [] and window.scene.selectedItems() == []
    panel.table.setFocus()
    for _ in range(row):  # pressed faster than the timer: one choice, where the keys stop
        qtbot.keyClick(panel.table, Qt.Key.Key_Down)
    assert panel.current() is panel.row(row)
    qtbot.waitUntil(lambda: bool(located), timeout=2000)
    qtbot.wait(SETTLED_MS)
    finding = panel.row(row)
    assert located == [([finding.element], [r.element for r in finding.related])]
    assert set(window.scene.selected_link_keys()) == CALLS
    seen = _on_screen(window)
    assert all(seen.contains(window.scene.links[k].sceneBoundingRect()) for k in CALLS)
    assert panel.table.hasFocus()  # the next arrow still moves through the list


def test_enter_chooses_the_current_finding_at_once(window, qtbot):  # type: ignore[no-untyped-def]
    panel, _ = _open(window, qtbot)
    single = next(r for r in range(panel.row_count()) if panel.row(r).code == "AD201")
    panel.select_row(single)
    qtbot.wait(SETTLED_MS)
    assert window.scene.selectedItems() == []
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert window.scene.selected_component_ids() == ["api"]  # no timer: chosen already
    assert window.scene.selected_link_keys() == []
    window.scene.clearSelection()
    qtbot.keyClick(panel.table, Qt.Key.Key_Enter)  # the keypad's Enter too
    assert window.scene.selected_component_ids() == ["api"]
