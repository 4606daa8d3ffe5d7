"""What the user typed and did not yet enter (no Enter, no Apply, the cursor still in the
field) is saved by File > Save: the file holds what the window shows. Found under Xvfb:
a label typed into Properties, then Ctrl+S, said "Saved" and wrote the old label."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox, QPlainTextEdit, QSpinBox

from archdraw.io import load

from .conftest import TWO_SERVICES, property_field
from .test_editor_floor import ASK_SAVE_CHANGES


def _open(window, tmp_path):  # type: ignore[no-untyped-def]
    path = tmp_path / "shop.archdraw.yaml"
    path.write_text(TWO_SERVICES)
    assert window.files.open_path(path)
    return path


def test_a_label_still_being_typed_is_saved(window, qtbot, tmp_path):  # type: ignore[no-untyped-def]
    path = _open(window, tmp_path)
    window.scene.select_ids(["api"])
    label = property_field(window, "label", QLineEdit)
    label.setFocus()
    label.selectAll()
    qtbot.keyClicks(label, "Orders API")
    qtbot.keyClick(label, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert load(path, window.library).design.component("api").label == "Orders API"
    assert window.document.design.component("api").label == "Orders API"
    assert not window.isWindowModified()


def test_a_number_still_being_typed_is_saved(window, qtbot, tmp_path):  # type: ignore[no-untyped-def]
    path = _open(window, tmp_path)
    window.scene.select_ids(["api"])
    replicas = property_field(window, "replicas", QSpinBox)
    replicas.setFocus()
    replicas.selectAll()
    qtbot.keyClicks(replicas, "4")
    window.actions_by_name["save"].trigger()  # from the File menu: the field keeps its focus
    assert load(path, window.library).design.component("api").props["replicas"] == 4


def test_design_document_text_not_applied_is_saved(window, qtbot, tmp_path):  # type: ignore[no-untyped-def]
    path = _open(window, tmp_path)
    purpose = window.doc_panel.findChild(QPlainTextEdit, "doc-purpose")
    purpose.setFocus()
    qtbot.keyClicks(purpose, "Take orders")
    window.actions_by_name["save"].trigger()
    assert load(path, window.library).design.doc.purpose == "Take orders"
    assert not window.doc_panel.apply_button.isEnabled()
    window.actions_by_name["undo"].trigger()  # applied as an edit like Apply does
    assert window.document.design.doc.purpose is None


def test_closing_with_text_not_applied_asks_to_save(window, qtbot, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    _open(window, tmp_path)
    purpose = window.doc_panel.findChild(QPlainTextEdit, "doc-purpose")
    purpose.setFocus()
    qtbot.keyClicks(purpose, "Take orders")
    monkeypatch.setattr(type(window), "ask_save_changes", ASK_SAVE_CHANGES)
    asked: list[str] = []

    def question(parent, title, text, buttons):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", question)
    assert window.close() is False
    assert asked == ["Save the changes to shop.archdraw.yaml?"]
