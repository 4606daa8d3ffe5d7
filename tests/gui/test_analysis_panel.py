"""The Analysis panel and canvas overlay, driven through real widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QSlider

from archdraw.model.edits import SetProperties
from archdraw.style.theme import utilization_colour

from .conftest import load_into

SHOP = """
archdraw: 1
name: shop
zones:
  - {id: eu-a, kind: zone}
  - {id: eu-b, kind: zone}
components:
  - {id: web, type: client, position: [0, 0], props: {rps: 100}}
  - {id: api, type: service, zone: eu-a, position: [300, 0],
     props: {replicas: 2, zones: 2, failover: active-active, capacity_rps: 400}}
  - {id: db, type: database, zone: eu-b, position: [600, 0], props: {capacity_rps: 250}}
  - {id: jobs, type: queue, zone: eu-b, position: [300, 250]}
  - {id: worker, type: worker, zone: eu-b, position: [600, 250]}
links:
  - {from: web, to: api}
  - {from: api, to: db}
  - {from: api, to: jobs, kind: async}
  - {from: jobs, to: worker, kind: async}
"""


def _panel(window):  # type: ignore[no-untyped-def]
    return window.analysis_panel


def _button(window, name):  # type: ignore[no-untyped-def]
    button = _panel(window).findChild(QPushButton, name)
    assert button is not None, name
    return button


def _client_row(window, client):  # type: ignore[no-untyped-def]
    rows = _panel(window).failure_clients.texts()
    return next(row for row in rows if row[0] == client)


def test_fail_a_component_from_the_panel(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, SHOP)
    window.scene.select_ids(["db"])
    qtbot.mouseClick(_button(window, "analysis-fail"), Qt.MouseButton.LeftButton)
    db, api = window.scene.components["db"], window.scene.components["api"]
    assert db.dimmed and db.overlay_text == "down"
    assert db.overlay_colour == window.theme.utilization["hot"]
    assert not api.dimmed and api.overlay_colour is None
    links = window.scene.links
    assert links["api->db"].opacity() == window.theme.down_opacity
    assert links["web->api"].opacity() == 1.0
    assert _client_row(window, "web")[1] == "100 %"
    assert "Data at risk: db (no replication; no backups)" in _panel(window).message.text()
    assert window.stack.count() == 0
    assert not window.document.dirty


def test_fail_a_zone_marks_what_is_degraded(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, SHOP)
    window.scene.select_ids(["eu-a"])
    qtbot.mouseClick(_button(window, "analysis-fail"), Qt.MouseButton.LeftButton)
    api = window.scene.components["api"]
    assert api.overlay_colour == window.theme.utilization["warm"]
    assert api.overlay_text == "degraded · serves 100%"
    assert not api.dimmed
    assert _client_row(window, "web")[1:3] == ["0 %", "0 of 2"]


def test_a_failed_worker_behind_a_queue_is_delayed_not_failed(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, SHOP)
    window.scene.select_ids(["worker"])
    window.actions_by_name["analyze-fail"].trigger()
    assert window.scene.components["worker"].dimmed
    row = _client_row(window, "web")
    assert row[1] == "0 %"
    assert row[3] == "no request fails; delayed, not lost (behind a queue): worker"


def test_growth_slider_colours_by_utilization_and_names_the_bottleneck(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, SHOP)
    slider = _panel(window).findChild(QSlider, "analysis-growth")
    slider.setFocus()
    for _ in range(4):  # four page steps of 25: 10 ** 1 = 10x
        qtbot.keyClick(slider, Qt.Key.Key_PageUp)
    assert slider.value() == 100
    assert _panel(window).growth_label.text() == "10x"
    theme = window.theme
    db, api = window.scene.components["db"], window.scene.components["api"]
    # db: 1000/s on 250/s is 400 %; api: 1000/s on 2 x 400/s is 125 %.
    assert db.overlay_colour == utilization_colour(theme, 4.0) == theme.utilization["hot"]
    assert db.overlay_text == "bottleneck 400%"
    assert api.overlay_text == "125% · 1,000/s"
    assert window.scene.components["web"].overlay_colour is None
    assert window.scene.components["jobs"].overlay_text == "1,000/s · capacity ?"
    assert _panel(window).bottleneck_label.text().startswith("db saturates at 2.5x; at 10x")
    slider.setValue(0)
    assert db.overlay_colour == theme.utilization["ok"]  # 40 % at 1x
    assert window.stack.count() == 0
    assert not window.document.dirty


def test_editing_the_design_recomputes_the_overlay(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, SHOP)
    _panel(window).set_growth(2.0)
    db = window.scene.components["db"]
    assert db.overlay_colour == window.theme.utilization["warm"]  # 80 %
    window.editing.apply(SetProperties("db", {"capacity_rps": 1000}))
    assert db.overlay_colour == window.theme.utilization["ok"]  # 20 %
    assert window.stack.count() == 1  # the edit itself; the analysis added nothing


def test_leaving_the_analysis_restores_the_normal_view(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, SHOP)
    window.scene.select_ids(["db"])
    qtbot.mouseClick(_button(window, "analysis-fail"), Qt.MouseButton.LeftButton)
    _panel(window).set_growth(5.0)
    qtbot.mouseClick(_button(window, "analysis-leave"), Qt.MouseButton.LeftButton)
    for item in window.scene.components.values():
        assert (item.overlay_colour, item.overlay_text, item.dimmed) == (None, None, False)
    assert all(link.opacity() == 1.0 for link in window.scene.links.values())
    assert _panel(window).slider.value() == 0
    assert window.stack.count() == 0


def test_weakest_points_and_availability_from_the_menu(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, SHOP)
    window.actions_by_name["analyze-weakest"].trigger()
    panel = _panel(window)
    assert panel.weakest_table.texts()[0][0] == "db (its only instance)"
    assert panel.tabs.tabText(panel.tabs.currentIndex()) == "Weakest points"
    window.actions_by_name["analyze-availability"].trigger()
    (web,) = panel.availability_table.texts()
    assert web[0] == "web" and web[1].endswith(" %") and "db" in web[3]
    assert window.stack.count() == 0


def test_a_saturated_contributor_is_named_saturated_not_a_default_figure(window, qtbot):  # type: ignore[no-untyped-def]
    # 300 req/s on db's 250 per instance: it needs 2 instances and has 1, so it is never up.
    load_into(window, SHOP.replace("props: {rps: 100}", "props: {rps: 300}"))
    window.actions_by_name["analyze-availability"].trigger()
    (web,) = _panel(window).availability_table.texts()
    assert web[1] == "0.000 %"
    assert "db (365.2 days a year, saturated today)" in web[3]


def test_failing_nothing_says_what_to_do(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, SHOP)
    window.scene.select_ids([])
    qtbot.mouseClick(_button(window, "analysis-fail"), Qt.MouseButton.LeftButton)
    assert "Select components or a zone first" in _panel(window).message.text()
    assert all(i.overlay_colour is None for i in window.scene.components.values())


def test_an_edit_asks_for_the_weakest_points_again(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, SHOP)
    qtbot.mouseClick(_button(window, "analysis-weakest"), Qt.MouseButton.LeftButton)
    panel = _panel(window)
    assert panel.weakest_table.texts()[0][0] == "db (its only instance)"
    window.editing.apply(SetProperties("db", {"replicas": 2, "failover": "active-standby"}))
    assert "press Find weakest points or Compute availability again" in panel.message.text()
    qtbot.mouseClick(_button(window, "analysis-weakest"), Qt.MouseButton.LeftButton)
    assert ["db (its only instance)"] not in [row[:1] for row in panel.weakest_table.texts()]


def test_on_a_big_design_the_slider_recomputes_when_it_pauses(window, qtbot):  # type: ignore[no-untyped-def]
    lines = ["archdraw: 1", "name: big", "components:"]
    lines.append("  - {id: web, type: client, position: [0, 0], props: {rps: 100}}")
    lines += [
        f"  - {{id: s{i}, type: service, position: [{200 + 10 * i}, 0], "
        "props: {capacity_rps: 1000}}"
        for i in range(600)
    ]
    lines.append("links:")
    lines += [f"  - {{from: web, to: s{i}}}" for i in range(600)]
    load_into(window, "\n".join(lines) + "\n")
    panel = _panel(window)
    panel.slider.setValue(100)  # 10x
    assert panel.growth_label.text() == "10x"
    first = window.scene.components["s1"]  # s0 is named the bottleneck (first of equals)
    qtbot.waitUntil(lambda: first.overlay_text == "100% · 1,000/s", timeout=5000)
    assert window.stack.count() == 0
