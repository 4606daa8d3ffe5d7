"""The Analysis tab read at a glance: typed growth and presets, sortable tables whose rows
select components, a load chart, availability per client, words that agree."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDockWidget, QDoubleSpinBox, QPushButton

from .conftest import load_into
from .test_analysis_panel import SHOP

FAN_OUT = """
archdraw: 1
name: fan out
components:
  - {id: web, type: client, position: [0, 0], props: {rps: 100}}
  - {id: api, type: service, position: [300, 0], props: {capacity_rps: 1000}}
  - {id: auth, type: service, position: [600, -150], props: {capacity_rps: 1000}}
  - {id: db, type: database, position: [600, 0], props: {capacity_rps: 1000}}
  - {id: search, type: service, position: [600, 150], props: {capacity_rps: 1000}}
links:
  - {from: web, to: api}
  - {from: api, to: auth}
  - {from: api, to: db}
  - {from: api, to: search}
"""


def test_growth_takes_a_typed_factor_and_presets(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, SHOP)
    panel = window.analysis_panel
    box = panel.findChild(QDoubleSpinBox, "analysis-growth-box")
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, "10")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.wait(10)
    assert panel.report.growth.growth == 10.0 and panel.slider.value() == 100
    assert window.scene.components["db"].overlay_text == "bottleneck 400%"
    qtbot.mouseClick(panel.findChild(QPushButton, "analysis-preset-100"), Qt.MouseButton.LeftButton)
    assert panel.report.growth.growth == 100.0 and box.value() == 100.0
    box.selectAll()
    qtbot.keyClicks(box, "250")  # beyond the slider's end: typed numbers still count
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert panel.report.growth.growth == 250.0
    assert panel.tabs.tabText(panel.tabs.currentIndex()) == "Load"
    bars = panel.chart.bars
    assert bars[0].figure == "bottleneck 10000%" and bars[0].utilization == 100.0
    assert window.stack.count() == 0


def test_load_table_sorts_by_a_header_click_and_a_row_selects_the_component(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, SHOP)
    panel = window.analysis_panel
    panel.set_growth(2.0)
    table = panel.load_table
    header = table.horizontalHeader()
    column = 4  # utilisation
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    first = [row[4] for row in table.texts()]
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    second = [row[4] for row in table.texts()]
    assert first != second and first == list(reversed(second))
    numbers = [float(v.rstrip("%")) for v in first if v.endswith("%")]
    assert numbers == sorted(numbers) or numbers == sorted(numbers, reverse=True)
    row = next(i for i, r in enumerate(table.texts()) if r[0] == "db")
    rect = table.visualItemRect(table.item(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.scene.selected_component_ids() == ["db"]


def test_a_client_losing_everything_is_not_said_to_complete(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, FAN_OUT)
    window.scene.select_ids(["db"])
    window.actions_by_name["analyze-fail"].trigger()
    (web,) = window.analysis_panel.failure_clients.texts()
    assert web[:3] == ["web", "100 %", "1 of 3"]
    assert web[3] == "every request takes a failing path; 2 other paths unaffected"
    assert "complete" not in " ".join(web)


BASES = """
archdraw: 1
name: bases
components:
  - {id: web, type: client, position: [0, 0], props: {rps: 100}}
  - {id: app, type: client, position: [0, 200]}
  - {id: api, type: service, position: [300, 0], props: {capacity_rps: 400}}
  - {id: cache, type: cache, position: [600, 0]}
links:
  - {from: web, to: api}
  - {from: app, to: api}
  - {from: api, to: cache}
"""


def test_every_number_in_the_load_view_says_what_it_rests_on(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, BASES)
    panel = window.analysis_panel
    qtbot.mouseClick(panel.findChild(QPushButton, "analysis-preset-2"), Qt.MouseButton.LeftButton)
    rows = {row[0]: row for row in panel.load_table.texts()}
    assert rows["api"][3] == "stated" and rows["cache"][3] == "library default"
    # A client without a stated rps: the loads it adds to are lower bounds.
    assert rows["api"][1].startswith("≥ ") and rows["api"][4].startswith("≥ ")
    bars = {bar.title: bar.figure for bar in panel.chart.bars}
    assert bars["cache"].endswith("(default capacity)")
    assert "(default capacity)" not in bars["api"]


def test_an_analyze_command_widens_the_narrow_dock(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, SHOP)
    dock = window.findChild(QDockWidget, "dock-analysis")
    window.resizeDocks([dock], [330], Qt.Orientation.Horizontal)
    qtbot.wait(10)
    window.actions_by_name["analyze-weakest"].trigger()
    qtbot.wait(10)
    assert dock.isVisible() and dock.width() >= 500
