"""The properties, findings and document panels, driven through their widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
)

from .conftest import load_into, property_field

LINTED = """
archdraw: 1
name: shop
components:
  - {id: web, type: client, position: [0, 0], props: {rps: 100}}
  - {id: api, type: service, position: [300, 0], props: {replicas: 1}}
  - {id: db, type: database, position: [600, 0]}
links:
  - {from: web, to: api}
  - {from: api, to: db}
"""


def _field(window, name, kind):  # type: ignore[no-untyped-def]
    return property_field(window, name, kind)


def test_edit_a_property_in_the_panel(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window)
    window.scene.select_ids(["api"])
    replicas = _field(window, "replicas", QSpinBox)
    replicas.setFocus()
    replicas.selectAll()
    qtbot.keyClicks(replicas, "3")
    qtbot.keyClick(replicas, Qt.Key.Key_Return)
    assert window.document.design.component("api").props["replicas"] == 3
    found = window.scene.components["api"].look.instances
    assert found is not None and (found.total, found.basis) == (3, "stated")
    assert window.stack.count() == 1
    window.stack.undo()
    assert "replicas" not in window.document.design.component("api").props
    found = window.scene.components["api"].look.instances
    assert found is not None and found.basis == "default"


def test_invalid_id_is_refused_with_the_reason(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window)
    window.scene.select_ids(["api"])
    field = _field(window, "id", QLineEdit)
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "not valid!")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.document.design.component("api") is not None
    assert "not a valid id" in window.properties.error.text()
    assert window.stack.count() == 0


def test_zone_combo_moves_component_into_zone(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window)
    window.scene.select_ids(["cache"])
    box = _field(window, "zone", QComboBox)
    assert [box.itemText(i) for i in range(box.count())] == ["(none)", "Zone A"]  # as drawn
    box.setCurrentText("Zone A")
    assert window.document.design.component("cache").zone == "zone-a"
    assert window.scene.zones["zone-a"].rect.contains(window.scene.components["cache"].pos())


def test_multi_selection_edits_shared_properties(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window)
    window.scene.select_ids(["api", "inner"])
    replicas = _field(window, "replicas", QSpinBox)
    replicas.setValue(4)
    design = window.document.design
    assert design.component("api").props["replicas"] == 4
    assert design.component("inner").props["replicas"] == 4
    assert window.stack.count() == 1
    window.stack.undo()
    assert "replicas" not in design.component("inner").props


def test_fix_a_finding_from_the_panel(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, LINTED)
    window.lint.run_now()
    panel = window.findings
    fixable = [i for i in range(panel.row_count()) if panel.row(i).fix]
    assert fixable, "the design should have a finding with a fix"
    finding = panel.row(fixable[0])
    table = panel.table
    table.scrollTo(panel.model.index(fixable[0], 0))
    rect = table.visualRect(panel.model.index(fixable[0], 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert panel.current() is finding
    button = window.findings.findChild(QPushButton, "fix-button")
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.lint.timer.isActive(), timeout=2000)
    still = [(f.code, f.element) for f in window.lint.findings]
    assert (finding.code, finding.element) not in still
    element = (
        window.document.design.component(finding.fix.component) if finding.fix.component else None
    )
    if element is not None:
        for name, value in finding.fix.props.items():
            assert element.props[name] == value
    window.stack.undo()
    window.lint.run_now()
    assert (finding.code, finding.element) in [(f.code, f.element) for f in window.lint.findings]


def test_click_on_finding_selects_component_and_markers_show(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, LINTED)
    window.lint.run_now()
    finding = window.findings.row(0)
    rect = window.findings.table.visualRect(window.findings.model.index(0, 1))
    qtbot.mouseClick(window.findings.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    if finding.component:
        assert window.scene.selected_component_ids() == [finding.component]
        corner = window.scene.components[finding.component].sceneBoundingRect().topLeft()
        spots = [m.centre for m in window.scene.markers.markers.values()]
        assert any(abs(x - corner.x() - 11) < 1 and abs(y - corner.y() - 13) < 1 for x, y in spots)
    assert finding.rule.why in window.findings.details.toPlainText()


def test_disable_rule_writes_lint_settings(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, LINTED)
    window.lint.run_now()
    window.findings.select_row(0)
    code = window.findings.current().code
    qtbot.mouseClick(window.findings.disable_button, Qt.MouseButton.LeftButton)
    assert code in window.document.design.lint.disable
    window.lint.run_now()
    assert code not in {f.code for f in window.lint.findings}
    window.stack.undo()
    assert code not in window.document.design.lint.disable


def test_severity_filter_hides_lesser_findings(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, LINTED)
    window.lint.run_now()
    window.findings.severity_filter.setCurrentText("Errors only")
    panel = window.findings
    shown = [panel.model.index(i, 0).data() for i in range(panel.row_count())]
    assert shown and all(s == "error" for s in shown)
    assert len(shown) == sum(f.severity.value == "error" for f in window.lint.findings)


def test_document_panel_edits_are_one_undo_step(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window)
    purpose = window.doc_panel.findChild(QPlainTextEdit, "doc-purpose")
    failures = window.doc_panel.findChild(QPlainTextEdit, "doc-failure_modes")
    purpose.setFocus()
    qtbot.keyClicks(purpose, "Serve the shop")
    failures.setPlainText("db dies\ncache cold")
    qtbot.mouseClick(window.doc_panel.apply_button, Qt.MouseButton.LeftButton)
    doc = window.document.design.doc
    assert doc.purpose == "Serve the shop" and doc.failure_modes == ["db dies", "cache cold"]
    window.stack.undo()
    assert window.document.design.doc.purpose is None
    assert purpose.toPlainText() == ""


def test_link_kind_and_properties_from_the_panel(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, LINTED)
    window.scene.select_ids(["api->db"])
    _field(window, "kind", QComboBox).setCurrentText("async")
    assert window.document.design.link("api->db").kind == "async"
    assert window.scene.links["api->db"].kind == "async"
    timeout = _field(window, "timeout_ms", QAbstractSpinBox)
    timeout.setValue(2500)
    assert window.document.design.link("api->db").props["timeout_ms"] == 2500
    assert window.stack.count() == 2


def test_zone_form_renames_zone(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window)
    window.scene.select_ids(["zone-a"])
    label = _field(window, "label", QLineEdit)
    label.setFocus()
    label.selectAll()
    qtbot.keyClicks(label, "Frankfurt")
    qtbot.keyClick(label, Qt.Key.Key_Return)
    assert window.document.design.zone("zone-a").label == "Frankfurt"
    assert window.scene.zones["zone-a"].title == "Frankfurt"


def test_ignore_here_writes_an_ignore_entry(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, LINTED)
    window.lint.run_now()
    panel = window.findings
    row = next(i for i in range(panel.row_count()) if panel.row(i).component)
    finding = panel.row(row)
    panel.select_row(row)
    qtbot.mouseClick(panel.ignore_button, Qt.MouseButton.LeftButton)
    ignores = window.document.design.lint.ignore
    assert [(i.rule, i.component) for i in ignores] == [(finding.code, finding.component)]
    window.lint.run_now()
    remaining = [(f.code, f.component) for f in window.lint.findings]
    assert (finding.code, finding.component) not in remaining


def test_typing_in_the_document_survives_canvas_edits(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window)
    purpose = window.doc_panel.findChild(QPlainTextEdit, "doc-purpose")
    purpose.setPlainText("half typed")
    window.add_at_centre("cache")
    assert purpose.toPlainText() == "half typed"
    window.stack.undo()
    assert purpose.toPlainText() == "half typed"


def test_big_designs_lint_in_a_worker_and_drop_stale_results(window, qtbot):  # type: ignore[no-untyped-def]
    from archdraw.gui.lint_runner import THREAD_ABOVE
    from archdraw.model import Component
    from archdraw.model.edits import AddElements, SetProperties

    many = tuple(
        Component(id=f"db{i}", type="database", position=(i * 200.0, 0.0))
        for i in range(THREAD_ABOVE + 1)
    )
    window.editing.apply(AddElements(components=many))
    window.lint.run_now()
    assert window.lint.busy
    window.editing.apply(SetProperties("db0", {"replicas": 3}))  # makes the running result stale
    window.lint.run_now()
    qtbot.waitUntil(lambda: not window.lint.busy, timeout=60000)
    assert window.lint.failure is None
    assert window.lint.findings and window.findings.row_count() > 0
    assert all(f.component != "db0" or f.code != "AD101" for f in window.lint.findings)


def test_findings_summary_counts_in_words(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, LINTED)
    window.lint.run_now()
    qtbot.wait(10)
    counts = {
        s: sum(f.severity.value == s for f in window.lint.findings) for s in ("error", "warning")
    }
    assert 1 in counts.values(), counts  # the design was chosen to have one of something
    words = [f"{n} {s}" if n == 1 else f"{n} {s}s" for s, n in counts.items()]
    assert window.findings.summary.text().startswith(" · ".join(words) + " · ")
