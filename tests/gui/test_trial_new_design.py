"""What a new user met building a three-tier design from nothing under X11 (session 13)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, QRectF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDockWidget,
    QFormLayout,
    QLineEdit,
    QMenu,
    QStyleOptionViewItem,
)

from archdraw.gui.main_window import MainWindow
from archdraw.gui.panels.analysis_dock import ANALYSIS_WIDTH
from archdraw.gui.panels.findings_table import ELEMENT_COLUMN
from archdraw.library import builtin_library

from .conftest import load_into, property_field


def test_a_number_typed_after_clicking_into_an_unset_field_is_taken(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    load_into(window)
    window.activateWindow()
    qtbot.waitActive(window)
    window.scene.select_ids(["api"])
    field = property_field(window, "capacity_rps", QAbstractSpinBox)
    assert field.text() == "(unset)"
    words = field.findChild(QLineEdit)
    # A click among the words puts the cursor there, as a user's click does.
    qtbot.mouseClick(words, Qt.MouseButton.LeftButton, pos=QPoint(20, words.height() // 2))
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)
    QTest.keyClicks(QApplication.focusWidget(), "500")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: window.document.design.component("api").props.get("capacity_rps") == 500
    )


def test_the_palette_adds_a_type_from_the_keyboard(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitActive(window)
    palette = window.palette_panel
    palette.filter.setFocus()
    QTest.keyClicks(palette.filter, "relational")
    QTest.keyClick(palette.filter, Qt.Key.Key_Return)  # the one type the filter leaves
    qtbot.waitUntil(lambda: [c.type for c in window.document.design.components] == ["database"])
    # The type the text names, not the first shown: a Device cache comes before Cache.
    QTest.keyClick(palette.filter, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(palette.filter, "cache")
    QTest.keyClick(palette.filter, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(window.document.design.components) == 2)
    assert window.document.design.components[-1].type == "cache"
    QTest.keyClick(palette.filter, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(palette.filter, "queue")  # a worker takes jobs from a queue: two shown
    QTest.keyClick(palette.filter, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is palette.tree)
    assert palette.tree.currentItem().text(0) == "Queue"
    QTest.keyClick(palette.tree, Qt.Key.Key_Up)  # the Messaging heading: Enter adds nothing
    QTest.keyClick(palette.tree, Qt.Key.Key_Return)
    QTest.keyClick(palette.tree, Qt.Key.Key_Up)
    assert palette.tree.currentItem().text(0) == "Worker"
    QTest.keyClick(palette.tree, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(window.document.design.components) == 3)
    assert window.document.design.components[-1].type == "worker"


def test_quitting_during_an_analysis_remembers_the_docks_as_they_were(  # type: ignore[no-untyped-def]
    window, qtbot
) -> None:
    load_into(window)
    analysis = window.findChild(QDockWidget, "dock-analysis")
    before = window.findChild(QDockWidget, "dock-properties").width()
    window.scene.select_ids(["db"])
    window.actions_by_name["analyze-fail"].trigger()
    qtbot.waitUntil(lambda: analysis.width() >= ANALYSIS_WIDTH - 10)
    assert window.close()
    # The next start: the canvas had lost the 520 px to a dock no analysis needed any more,
    # and a window made small was left a canvas a few dozen pixels wide.
    again = MainWindow(builtin_library(), "light")
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    qtbot.wait(50)
    properties = again.findChild(QDockWidget, "dock-properties")
    assert not properties.visibleRegion().isEmpty()  # Properties in front, not Analysis
    assert properties.width() <= before + 10
    again.lint.timer.stop()


def test_what_is_failed_stays_on_screen_when_the_analysis_dock_widens(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    load_into(window)
    view = window.view
    window.scene.select_ids(["db"])
    box = window.scene.components["db"].sceneBoundingRect()
    room = view.viewport().width() / view.scale_factor()
    view.centerOn(box.right() + 30 - room / 2, box.center().y())  # at the canvas's right edge

    def shown() -> QRectF:
        return view.mapToScene(view.viewport().rect()).boundingRect()

    assert shown().contains(box)
    analysis = window.findChild(QDockWidget, "dock-analysis")
    window.actions_by_name["analyze-fail"].trigger()
    qtbot.waitUntil(lambda: analysis.width() >= ANALYSIS_WIDTH - 10)
    qtbot.wait(50)
    assert window.analysis_panel.failed_components == ["db"]
    assert shown().contains(box)


def test_f2_renames_the_selected_component_in_place(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    load_into(window)
    window.activateWindow()
    qtbot.waitActive(window)
    window.scene.select_ids(["api"])
    viewport = window.view.viewport()
    viewport.setFocus()
    QTest.keyClick(viewport, Qt.Key.Key_F2)
    editor = window.view.findChild(QLineEdit, "rename-editor")
    assert editor is not None and editor.isVisible() and editor.text() == "api"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor)
    QTest.keyClicks(editor, "Orders API")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.document.design.component("api").label == "Orders API")
    assert window.stack.undoText() == "Rename api to Orders API"


def test_the_canvas_menu_offers_what_a_component_needs_and_fails_it(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    load_into(window)
    item = window.scene.components["db"]
    point = window.view.mapFromScene(item.sceneBoundingRect().center())
    window.view.customContextMenuRequested.emit(point)  # what a right-click asks for
    menu = window.view.findChild(QMenu, "canvas-menu")
    qtbot.waitUntil(menu.isVisible)
    names = [a.objectName() for a in menu.actions() if not a.isSeparator()]
    assert "confirm-import-guess" not in names  # greyed on a design never imported
    assert {"rename", "group", "analyze-fail", "delete"} <= set(names)
    fail = window.actions_by_name["analyze-fail"]
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(fail).center())
    qtbot.waitUntil(lambda: window.analysis_panel.failed_components == ["db"])


ROW = """
archdraw: 1
name: row
components:
  - {id: web, type: service, label: Web, position: [0, 0]}
  - {id: cache, type: cache, label: Cache, position: [260, 0]}
  - {id: worker, type: worker, label: Worker, position: [520, 0]}
"""


def test_grouping_says_what_lies_in_the_new_zone_without_being_in_it(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    load_into(window, ROW)
    window.scene.select_ids(["web", "worker"])
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(window.document.design.zones) == 1)
    zone = window.document.design.zones[0]
    assert window.document.design.component("cache").zone is None  # not chosen: not grouped
    assert window.scene.innermost_zone_at(window.scene.components["cache"].pos()) == zone.id
    assert window.statusBar().currentMessage() == (
        "Cache lies inside New zone's frame but is not in it: set its Zone in Properties "
        "to put it in, or drag it out of the frame"
    )


NO_RPS = """
archdraw: 1
name: no rps
components:
  - {id: client, type: client, position: [0, 0]}
  - {id: web, type: service, position: [260, 0]}
  - {id: cache, type: cache, position: [520, 0]}
links:
  - {from: client, to: web}
  - {from: web, to: cache}
"""


def test_growth_with_no_stated_rps_does_not_paint_boxes_as_idle(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    load_into(window, NO_RPS)
    window.analysis_panel.set_growth(10.0)
    cache = window.scene.components["cache"]
    qtbot.waitUntil(lambda: cache.overlay_text is not None)
    # Its load comes from a client that states no rps: unknown, not "0% · 0.0/s" in green.
    assert cache.overlay_text == "load unknown"
    assert "Growth is unknown" in window.analysis_panel.bottleneck_label.text()


def test_the_document_tab_names_its_rows_in_words(window) -> None:  # type: ignore[no-untyped-def]
    panel = window.doc_panel
    form = panel.findChild(QFormLayout)
    words = [form.labelForField(f).text() for f in (panel.name, *panel.fields.values())]
    assert words == [
        "Name",
        "Purpose",
        "Principles",
        "Boundaries",
        "Trade-offs",
        "Failure modes",
        "Scaling limits",
    ]


TIERS = """
archdraw: 1
name: tiers
components:
  - {id: lb, type: load_balancer, label: LB, position: [0, 0]}
  - {id: web, type: service, label: Web, position: [260, 0], props: {managed: true}}
"""


def test_a_shared_form_says_where_the_selected_components_differ(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    load_into(window, TIERS)
    window.scene.select_ids(["lb", "web"])
    failover = property_field(window, "failover", QComboBox)
    # Each by its own type's default: the load balancer's is active-active, the service's none.
    assert failover.currentText() == "(values differ)"
    assert property_field(window, "capacity_rps", QAbstractSpinBox).text() == "(values differ)"
    managed = property_field(window, "managed", QCheckBox)
    assert managed.checkState() == Qt.CheckState.PartiallyChecked  # not "no" for both
    qtbot.mouseClick(managed, Qt.MouseButton.LeftButton, pos=QPoint(4, managed.height() // 2))
    design = window.document.design
    qtbot.waitUntil(lambda: design.component("lb").props.get("managed") is True)
    assert design.component("web").props.get("managed") is True
    assert window.stack.count() == 1
    qtbot.waitUntil(lambda: managed.checkState() == Qt.CheckState.Checked)
    assert not managed.isTristate()


CALLS = """
archdraw: 1
name: calls
components:
  - {id: client, type: client, position: [0, 0], props: {rps: 100}}
  - {id: web, type: service, label: Storefront web app, position: [260, 0]}
  - {id: worker, type: service, label: Worker, position: [260, 200]}
  - {id: db, type: database, label: Relational database, position: [520, 0]}
links:
  - {from: client, to: web}
  - {from: client, to: worker}
  - {from: web, to: db}
  - {from: worker, to: db}
"""


def test_a_narrow_element_column_keeps_a_link_s_arrow_and_both_ends(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    load_into(window, CALLS)
    table, model = window.findings.table, window.findings.model

    def link_row(title: str) -> QModelIndex | None:
        for row in range(model.rowCount()):
            index = model.index(row, ELEMENT_COLUMN)
            if index.data() == title:
                return index
        return None

    def painted(title: str) -> str:
        """What Qt paints: the delegate's text, elided as its mode says to the room."""
        index = link_row(title)
        option = QStyleOptionViewItem()
        option.initFrom(table)
        option.rect = table.visualRect(index)
        table.itemDelegateForColumn(ELEMENT_COLUMN).initStyleOption(option, index)
        room = option.rect.width() - 8
        return option.fontMetrics.elidedText(option.text, option.textElideMode, room)

    long_ends, short_end = (
        "Storefront web app → Relational database",
        "Worker → Relational database",
    )
    qtbot.waitUntil(lambda: None not in (link_row(long_ends), link_row(short_end)))
    table.setColumnWidth(ELEMENT_COLUMN, 140)
    source, _, target = painted(long_ends).partition(" → ")
    assert target, painted(long_ends)  # the arrow says it is a link ("Storefront…database")
    assert source.startswith("Sto") and target.startswith("Rel"), painted(long_ends)
    source, _, target = painted(short_end).partition(" → ")
    assert source == "Worker" and target.startswith("Rel"), painted(short_end)


def test_ctrl_equals_zooms_in_as_ctrl_plus_does(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    load_into(window)
    window.activateWindow()
    qtbot.waitActive(window)
    viewport = window.view.viewport()
    viewport.setFocus()
    before = window.view.scale_factor()
    QTest.keyClick(viewport, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.view.scale_factor() > before * 1.2)


COLUMN = """
archdraw: 1
name: column
zones:
  - {id: runs, label: Billing runs}
components:
  - {id: api, type: service, label: API, position: [0, 0]}
  - {id: dunning, type: worker, label: Dunning, zone: runs, position: [0, 200]}
  - {id: ingest, type: service, label: Ingest, position: [0, 400]}
"""


def test_grouping_names_a_component_of_another_zone_left_inside_the_frame(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    load_into(window, COLUMN)
    window.scene.select_ids(["api", "ingest"])
    window.actions_by_name["group"].trigger()
    qtbot.waitUntil(lambda: len(window.document.design.zones) == 2)
    assert window.document.design.component("dunning").zone == "runs"
    assert (
        window.statusBar()
        .currentMessage()
        .startswith("Dunning lies inside New zone's frame but is not in it")
    )


def test_cut_takes_only_what_the_clipboard_carries(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    load_into(window)
    count = len(window.document.design.components)
    window.scene.select_ids(["zone-a"])
    window.actions_by_name["cut"].trigger()
    qtbot.wait(20)
    assert [z.id for z in window.document.design.zones] == ["zone-a"]  # not cut into nothing
    assert window.stack.count() == 0
    window.scene.select_ids(["zone-a", "api"])  # the component goes, with its links
    window.actions_by_name["cut"].trigger()
    qtbot.waitUntil(lambda: window.document.design.component("api") is None)
    assert [z.id for z in window.document.design.zones] == ["zone-a"]
    assert "id: api" in QApplication.clipboard().text()
    window.actions_by_name["paste"].trigger()
    qtbot.waitUntil(lambda: len(window.document.design.components) == count)


def test_history_says_which_rule_was_disabled_and_where_one_was_ignored(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    load_into(window, CALLS)
    window.lint.run_now()
    panel = window.findings
    row = next(i for i in range(panel.row_count()) if panel.row(i).component == "db")
    finding = panel.row(row)
    panel.select_row(row)
    qtbot.mouseClick(panel.ignore_button, Qt.MouseButton.LeftButton)
    assert window.stack.text(0) == f"Ignore {finding.code} on Relational database"
    window.lint.run_now()
    panel.select_row(0)
    finding = panel.current()
    qtbot.mouseClick(panel.disable_button, Qt.MouseButton.LeftButton)
    assert window.stack.text(1) == f"Disable rule {finding.code} {finding.name}"


def test_tab_goes_from_the_canvas_into_the_selection_s_form(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    load_into(window)
    window.activateWindow()
    qtbot.waitActive(window)
    window.scene.select_ids(["api"])
    label = property_field(window, "label", QLineEdit)
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is property_field(window, "id", QLineEdit)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is label
    QTest.keyClick(label, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClick(
        QApplication.focusWidget(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier
    )
    assert QApplication.focusWidget() is window.view


def test_tab_leaves_a_document_field_instead_of_typing_into_it(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitActive(window)
    purpose = window.doc_panel.fields["purpose"]
    purpose.setFocus()
    QTest.keyClicks(purpose, "Sell things")
    QTest.keyClick(purpose, Qt.Key.Key_Tab)
    assert purpose.toPlainText() == "Sell things"  # no tab character in the file's text
    assert QApplication.focusWidget() is window.doc_panel.fields["principles"]


def test_escape_in_a_field_puts_its_value_back(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    load_into(window, ROW)
    window.activateWindow()
    qtbot.waitActive(window)
    window.scene.select_ids(["web"])
    label = property_field(window, "label", QLineEdit)
    label.setFocus()
    label.selectAll()
    QTest.keyClicks(label, "oops")
    QTest.keyClick(label, Qt.Key.Key_Escape)
    assert label.text() == "Web"
    replicas = property_field(window, "replicas", QAbstractSpinBox)
    replicas.setFocus()  # leaving the label applies what it holds: nothing new
    replicas.selectAll()
    QTest.keyClicks(replicas, "7")
    QTest.keyClick(replicas, Qt.Key.Key_Escape)
    assert replicas.text() == "1"
    window.view.setFocus()
    qtbot.wait(50)
    web = window.document.design.component("web")
    assert web.label == "Web" and "replicas" not in web.props
    assert window.stack.count() == 0
