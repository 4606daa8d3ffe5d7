"""Clicking a finding on a design that opened fitted (far out) shows its element readably.

The e-commerce sample opens at about 23 % in a 1366 x 768 screen; clicking a finding
centred its component there, a box reading "Paym..." among thirty others.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from archdraw.drawing import level_at

SAMPLE = Path(__file__).parents[2] / "sample_designs" / "ecommerce.archdraw.yaml"


def test_clicking_a_finding_from_far_out_comes_close_enough_to_read_it(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.resize(1256, 691)
    assert window.files.open_path(SAMPLE)
    window.lint.run_now()
    qtbot.waitUntil(lambda: window.findings.row_count() > 0, timeout=5000)
    view = window.view
    assert view.scale_factor() < 0.4  # opened fitted: every box, none readable
    panel = window.findings
    index = panel.model.index(0, 3)
    qtbot.mouseClick(
        panel.table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=panel.table.visualRect(index).center(),
    )
    finding = panel.row(0)
    qtbot.waitUntil(lambda: window.scene.selected_component_ids() == [finding.element])
    item = window.scene.components[finding.element or ""]
    assert level_at(item.look, view.scale_factor()) == "full"
    on_screen = view.mapToScene(view.viewport().rect()).boundingRect()
    assert on_screen.contains(item.sceneBoundingRect())
    # Already close: a click moves the view, never zooms it.
    view.actual_size()
    qtbot.mouseClick(
        panel.table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=panel.table.visualRect(index).center(),
    )
    qtbot.wait(20)
    assert view.scale_factor() == 1.0
