"""What the QA pass found: panels name things as the canvas does, windows cascade,
a missing file is called missing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from archdraw.io import load

from .conftest import load_into, property_field

SAMPLES = Path(__file__).resolve().parents[2] / "sample_designs"

NAMED = """
archdraw: 1
name: named
components:
  - {id: web, type: client, label: Web app, position: [0, 0]}
  - {id: api_srv, type: service, label: Booking API, position: [300, 0]}
  - {id: orders_db, type: database, position: [600, 0]}
links:
  - {from: web, to: api_srv}
  - {from: api_srv, to: orders_db}
"""


def _element_cell(window, row):  # type: ignore[no-untyped-def]
    return window.findings.model.index(row, 2)


def test_findings_name_components_and_links_by_their_titles(window, qtbot):  # type: ignore[no-untyped-def]
    design = load(SAMPLES / "booking.archdraw.yaml", window.library).design
    window.files.replace(design, None)
    window.lint.run_now()
    qtbot.wait(10)
    panel = window.findings
    titles = {c.id: c.title for c in design.components}
    shown = {}
    for row in range(panel.row_count()):
        finding = panel.row(row)
        cell = _element_cell(window, row)
        shown[finding.element] = cell.data(Qt.ItemDataRole.DisplayRole)
        assert cell.data(Qt.ItemDataRole.ToolTipRole) == finding.element  # the id on hover
    components = [e for e in shown if e in titles]
    assert {"calendar_db", "listings_db"} <= set(components)
    assert shown["calendar_db"] == "Calendars DB" and shown["listings_db"] == "Listings"
    assert all(shown[e] == titles[e] for e in components)
    # Clicking the row (the Element cell) still selects the component by its id.
    row = next(r for r in range(panel.row_count()) if panel.row(r).element == "calendar_db")
    rect = panel.table.visualRect(_element_cell(window, row))
    panel.table.scrollTo(_element_cell(window, row))
    rect = panel.table.visualRect(_element_cell(window, row))
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.wait(10)
    assert window.scene.selected_component_ids() == ["calendar_db"]


def test_a_link_finding_reads_source_to_target_by_titles(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, NAMED)
    window.lint.run_now()
    qtbot.wait(10)
    panel = window.findings
    rows = [r for r in range(panel.row_count()) if panel.row(r).link and not panel.row(r).component]
    assert rows, "links without timeouts should have findings"
    shown = {_element_cell(window, r).data(Qt.ItemDataRole.DisplayRole) for r in rows}
    assert shown <= {"Web app → Booking API", "Booking API → orders_db"}
    assert "Booking API → orders_db" in shown  # an unlabelled end falls back to its id


def test_the_type_box_lists_type_labels_and_sets_the_type_id(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, NAMED)
    window.scene.select_ids(["orders_db"])
    qtbot.wait(1)
    type_box = property_field(window, "type", QComboBox)
    library = window.library.types
    texts = [type_box.itemText(i) for i in range(type_box.count())]
    ids = [type_box.itemData(i) for i in range(type_box.count())]
    assert sorted(ids) == sorted(library)
    assert texts == [library[t].label for t in ids]
    assert type_box.currentText() == library["database"].label
    assert type_box.currentData() == "database"
    # Pick "Cache" by its label, through the open list, as a user does.
    qtbot.mouseClick(type_box, Qt.MouseButton.LeftButton)
    view = type_box.view()
    qtbot.waitUntil(view.isVisible, timeout=2000)
    view.setCurrentIndex(view.model().index(type_box.findText(library["cache"].label), 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.wait(10)
    assert window.document.design.component("orders_db").type == "cache"
    type_box = property_field(window, "type", QComboBox)
    assert type_box.currentText() == library["cache"].label
    window.stack.undo()
    qtbot.wait(10)
    assert window.document.design.component("orders_db").type == "database"
    type_box = property_field(window, "type", QComboBox)
    assert type_box.currentData() == "database"


def test_the_link_form_names_the_link_by_its_ends_titles(window, qtbot):  # type: ignore[no-untyped-def]
    from .conftest import load_into

    load_into(
        window,
        """
archdraw: 1
name: t
components:
  - {id: api, type: service, label: Shop API, position: [0, 0]}
  - {id: db, type: database, label: Orders <DB>, position: [400, 0]}
links:
  - {from: api, to: db}
""",
    )
    window.scene.select_ids(["api->db"])
    qtbot.wait(10)
    assert window.properties.title.text() == "<b>Link</b> Shop API → Orders &lt;DB&gt;"
