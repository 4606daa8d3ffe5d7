"""The Edit menu and the History panel name elements by label, as every other message does."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit, QMenu

from .conftest import load_into, property_field, type_into

LABELLED = """
archdraw: 1
name: test
components:
  - {id: llm_workers, type: service, label: LLM workers, position: [0, 0]}
  - {id: queue, type: queue, position: [400, 0]}
links:
  - {from: queue, to: llm_workers}
"""


def _edit_menu(window) -> QMenu:  # type: ignore[no-untyped-def]
    menus = [a.menu() for a in window.menuBar().actions() if a.text() == "&Edit"]
    assert len(menus) == 1 and isinstance(menus[0], QMenu)
    return menus[0]


def _history_rows(window) -> list[str]:  # type: ignore[no-untyped-def]
    model = window.history.model()
    return [model.index(row, 0).data() for row in range(1, model.rowCount())]


def test_edit_menu_and_history_name_the_component_by_its_label(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    load_into(window, LABELLED)
    window.scene.select_ids(["llm_workers"])
    field = property_field(window, "replicas", QAbstractSpinBox)
    type_into(field, "3")
    qtbot.waitUntil(
        lambda: window.document.design.component("llm_workers").props.get("replicas") == 3
    )
    label = property_field(window, "label", QLineEdit)
    type_into(label, "GPU workers")
    qtbot.waitUntil(lambda: window.document.design.component("llm_workers").label == "GPU workers")
    qtbot.waitUntil(lambda: len(_history_rows(window)) == 2)
    assert _history_rows(window) == [
        "Set replicas of LLM workers",
        "Rename LLM workers to GPU workers",
    ]

    menu = _edit_menu(window)
    undo = window.actions_by_name["undo"]
    menu.popup(window.mapToGlobal(window.rect().center()))
    qtbot.waitUntil(menu.isVisible)
    assert undo.text() == "Undo Rename LLM workers to GPU workers"
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(undo).center())
    qtbot.waitUntil(lambda: window.document.design.component("llm_workers").label == "LLM workers")
    # The step made before the rename keeps its words: history reads as it was written.
    assert undo.text() == "Undo Set replicas of LLM workers"
    assert _history_rows(window) == [
        "Set replicas of LLM workers",
        "Rename LLM workers to GPU workers",
    ]
