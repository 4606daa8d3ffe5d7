"""A finding about several elements (`Finding.related`) shows them all in the editor."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt

from archdraw.gui.canvas.view import RELATED_MIN_SCALE

from .conftest import hover_text, load_into, viewport_point

# 'API' calls three dependencies with no timeout: AD205 reports it once, on one call,
# with the other two calls related.
THREE_CALLS = """
archdraw: 1
name: related
components:
  - {id: web, type: client, label: Browser, position: [0, 0]}
  - {id: api, type: service, label: API, position: [300, 0]}
  - {id: stock, type: service, label: Stock, position: [600, -200]}
  - {id: db, type: database, label: Orders DB, position: [600, 0]}
  - {id: cache, type: cache, label: Cache, position: [CACHE_X, 200]}
links:
  - {from: web, to: api, props: {timeout_ms: 500}}
  - {from: api, to: stock}
  - {from: api, to: db}
  - {from: api, to: cache}
"""
CALLS = {"api->stock", "api->db", "api->cache"}


def _open(window, qtbot, cache_x: int = 600):  # type: ignore[no-untyped-def]
    load_into(window, THREE_CALLS.replace("CACHE_X", str(cache_x)))
    window.lint.run_now()
    qtbot.wait(10)
    panel = window.findings
    row = next(r for r in range(panel.row_count()) if panel.row(r).code == "AD205")
    return panel, row


def _click_row(window, qtbot, row: int) -> None:  # type: ignore[no-untyped-def]
    panel = window.findings
    index = panel.model.index(row, 3)
    panel.table.scrollTo(index)
    rect = panel.table.visualRect(index)
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.wait(20)


def _on_screen(window) -> QRectF:  # type: ignore[no-untyped-def]
    view = window.view
    return view.mapToScene(view.viewport().rect()).boundingRect()


def test_clicking_a_folded_finding_selects_its_related_links(window, qtbot):  # type: ignore[no-untyped-def]
    panel, row = _open(window, qtbot)
    finding = panel.row(row)
    assert finding.element in CALLS
    assert {finding.element, *(r.element for r in finding.related)} == CALLS
    _click_row(window, qtbot, row)
    assert panel.current() is finding
    assert set(window.scene.selected_link_keys()) == CALLS
    assert window.scene.selected_component_ids() == []
    qtbot.waitUntil(lambda: not window.properties.rebuild_pending())
    assert window.properties.title.text().startswith("<b>3 links</b>")
    seen = _on_screen(window)
    for key in CALLS:  # close together: all in view, at the zoom the user had
        assert seen.contains(window.scene.links[key].sceneBoundingRect())
    assert window.view.scale_factor() == 1.0
    # The details and the message's tooltip name them by title, links by their ends.
    details = panel.details.toPlainText()
    others = {
        "api->stock": "API → Stock",
        "api->db": "API → Orders DB",
        "api->cache": "API → Cache",
    }
    for related in finding.related:
        assert others[related.element] in details
    assert "api->db" not in details
    tip = panel.model.index(row, 3).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith(finding.message)
    assert all(others[r.element] in tip for r in finding.related)
    # A finding about one element still selects that element alone.
    single = next(r for r in range(panel.row_count()) if panel.row(r).code == "AD201")
    _click_row(window, qtbot, single)
    assert window.scene.selected_component_ids() == ["api"]
    assert window.scene.selected_link_keys() == []


def test_related_far_away_zooms_out_only_so_far(window, qtbot):  # type: ignore[no-untyped-def]
    # One call goes 1,500 units to the right: at 100 % they do not all fit in the view, at
    # 30 % they do (whatever width the docks leave the canvas).
    panel, row = _open(window, qtbot, cache_x=1500)
    finding = panel.row(row)
    _click_row(window, qtbot, row)
    assert set(window.scene.selected_link_keys()) == CALLS
    seen = _on_screen(window)
    assert 0.3 < window.view.scale_factor() < 1.0  # zoomed out to show them, no further
    for key in CALLS:
        assert seen.contains(window.scene.links[key].sceneBoundingRect())
    # Ten times as far: they cannot all be shown at a readable zoom. The view stops at
    # RELATED_MIN_SCALE with the finding's own element in the middle.
    panel, row = _open(window, qtbot, cache_x=30000)
    finding = panel.row(row)
    window.view.actual_size()
    _click_row(window, qtbot, row)
    assert set(window.scene.selected_link_keys()) == CALLS
    assert abs(window.view.scale_factor() - RELATED_MIN_SCALE) < 1e-6
    main = window.scene.links[finding.element or ""].sceneBoundingRect()
    middle = _on_screen(window).center()
    assert abs(middle.x() - main.center().x()) < 2 and abs(middle.y() - main.center().y()) < 2


def test_hovering_a_related_element_names_the_finding(window, qtbot):  # type: ignore[no-untyped-def]
    panel, row = _open(window, qtbot)
    timeouts = panel.row(row)
    auth = next(panel.row(r) for r in range(panel.row_count()) if panel.row(r).code == "AD304")
    assert auth.component == "db" and [r.element for r in auth.related] == ["cache"]
    # 'Cache' has no marker of its own; its box's tooltip names it, then AD304.
    cache = window.scene.components["cache"].sceneBoundingRect().center()
    text = hover_text(window, qtbot, viewport_point(window, cache))
    assert text.startswith("Cache\n")
    assert f"Also named in 1 finding:\nAD304 info: {auth.message}" in text
    # A related link (one of the calls AD205 is located on another of) names AD205.
    other = next(r.element for r in timeouts.related)
    text = hover_text(
        window, qtbot, viewport_point(window, window.scene.links[other].course_middle())
    )
    assert "Also named in 1 finding:" in text and f"AD205 {timeouts.severity}:" in text
    # An element no finding elsewhere names keeps its plain tooltip.
    web = window.scene.components["web"].sceneBoundingRect().center()
    assert "Also named" not in hover_text(window, qtbot, viewport_point(window, web))
