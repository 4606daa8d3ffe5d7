"""The Properties panel speaks in words, changes a type safely and edits many at once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QSpinBox

from archdraw.io import dumps, loads

from .conftest import load_into, property_field, viewport_point

STORE = """
archdraw: 1
name: store
components:
  - {id: db, type: database, position: [0, 0], props: {backups: true, replicas: 2}}
"""

FIVE = "archdraw: 1\nname: five\ncomponents:\n" + "".join(
    f"  - {{id: s{i}, type: service, position: [{i * 200}, 0]}}\n" for i in range(5)
)


def test_changing_the_type_drops_what_it_does_not_take_and_says_so(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, STORE)
    window.scene.select_ids(["db"])
    qtbot.wait(1)
    type_box = property_field(window, "type", QComboBox)
    qtbot.mouseClick(type_box, Qt.MouseButton.LeftButton)  # opens the list
    view = type_box.view()
    qtbot.waitUntil(view.isVisible, timeout=2000)
    view.setCurrentIndex(view.model().index(type_box.findData("client"), 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)  # as a user picking the entry
    qtbot.wait(10)
    component = window.document.design.component("db")
    assert component.type == "client" and "backups" not in component.props
    assert window.stack.count() == 1
    message = window.statusBar().currentMessage()
    assert "backups" in message and "Undo restores" in message
    text = dumps(window.document.design)
    assert loads(text, "store.archdraw.yaml", window.library).design == window.document.design
    window.stack.undo()
    qtbot.wait(10)
    component = window.document.design.component("db")
    assert component.type == "database" and component.props["backups"] is True


def test_property_rows_are_named_in_words_with_the_help_on_hover(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window)
    window.scene.select_ids(["api"])
    qtbot.wait(1)
    field = property_field(window, "capacity_rps", QSpinBox.__base__)  # a spin box of either kind
    label = window.properties.form.labelForField(field)
    assert isinstance(label, QLabel) and label.text() == "Capacity (requests/s)"
    help_text = window.library.types["service"].properties["capacity_rps"].help
    assert help_text in label.toolTip() and help_text in field.toolTip()


def test_one_value_on_five_selected_services_is_one_undo_step(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, FIVE)
    window.select_all()
    qtbot.wait(1)
    replicas = property_field(window, "replicas", QSpinBox)
    replicas.setFocus()
    replicas.selectAll()
    qtbot.keyClicks(replicas, "3")
    qtbot.keyClick(replicas, Qt.Key.Key_Return)
    qtbot.wait(10)
    design = window.document.design
    assert [c.props.get("replicas") for c in design.components] == [3] * 5
    assert window.stack.count() == 1 and "5 components" in window.stack.undoText()
    window.stack.undo()
    assert all("replicas" not in c.props for c in design.components)


def test_arrowing_through_types_is_one_step_that_undo_reverses(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, STORE)
    window.scene.select_ids(["db"])
    qtbot.wait(1)
    for _ in range(3):  # each key press changes the type: the form is rebuilt each time
        type_box = property_field(window, "type", QComboBox)
        type_box.setFocus()
        qtbot.keyClick(type_box, Qt.Key.Key_Down)
        qtbot.wait(10)
    component = window.document.design.component("db")
    assert component.type != "database" and window.stack.count() == 1
    assert "Undo restores" in window.statusBar().currentMessage()
    window.stack.undo()
    component = window.document.design.component("db")
    assert component.type == "database" and component.props == {"backups": True, "replicas": 2}


def test_every_field_fits_a_narrow_properties_dock(window, qtbot):  # type: ignore[no-untyped-def]
    """On a small screen the dock starts narrow; a field cut off at its right edge hides its
    value and its arrows (the float boxes and the type list were sized for their widest
    value and pushed the form past the dock)."""
    window.resize(1366, 768)
    load_into(window)
    window.scene.select_ids(["api"])
    property_field(window, "capacity_rps", QSpinBox.__base__)
    dock = window.properties.parentWidget()
    window.resizeDocks([dock], [250], Qt.Orientation.Horizontal)
    qtbot.wait(50)
    viewport = window.properties.form_scroll.viewport()
    fields = list(window.properties.fields.values())
    assert len(fields) > 10
    for field in fields:
        right = field.mapTo(viewport, field.rect().topRight()).x()
        assert right < viewport.width(), f"{field.objectName()} is cut off at the dock's edge"
        assert field.width() >= 24, f"{field.objectName()} is too narrow to read"


CHAIN = """
archdraw: 1
name: chain
components:
  - {id: web, type: client, position: [0, 0]}
  - {id: api, type: service, position: [400, 0]}
  - {id: db, type: database, position: [800, 0]}
links:
  - {from: web, to: api}
  - {from: api, to: db}
"""


def test_mixed_kinds_say_what_to_select_instead_of_an_empty_form(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, CHAIN)
    window.lint.timer.stop()  # no markers over the links
    panel, scene, viewport = window.properties, window.scene, window.view.viewport()

    def click(point, ctrl: bool = True) -> None:  # type: ignore[no-untyped-def]
        held = Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier
        spot = viewport_point(window, point)
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, held, spot)
        qtbot.waitUntil(lambda: not panel.rebuild_pending(), timeout=2000)
        qtbot.wait(10)

    def on_link(key: str):  # type: ignore[no-untyped-def]
        return scene.links[key].drawing.path.at(0.3)

    click(scene.components["web"].pos(), ctrl=False)
    click(scene.components["api"].pos())
    click(on_link("web->api"))
    assert scene.selected_component_ids() and scene.selected_link_keys() == ["web->api"]
    assert panel.title.isVisible() and not panel.form_scroll.isVisible()
    assert panel.title.text() == (
        "<b>2 components and 1 link</b><br>"
        "Select only the components to edit the properties they share."
    )
    click(on_link("web->api"))  # Ctrl+click again: the components alone share a form
    assert panel.form_scroll.isVisible() and panel.fields
    assert panel.title.text().startswith("<b>2 components</b>")
    click(on_link("api->db"), ctrl=False)
    click(on_link("web->api"))
    assert panel.title.text() == "<b>2 links</b><br>Select one to edit it."
    assert not panel.form_scroll.isVisible()
