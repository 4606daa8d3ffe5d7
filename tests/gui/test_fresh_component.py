"""A component fresh from the palette states nothing yet: findings that rest on its type's
library defaults say so and are info, not errors the user did not make."""

from __future__ import annotations

from archdraw.lint import Severity
from archdraw.style import NODE_WIDTH

from .conftest import drag
from .test_editor_floor import _double_click_palette
from .test_related_findings import _click_row


def test_a_fresh_realtime_gateway_is_asked_about_not_blamed(window, qtbot):  # type: ignore[no-untyped-def]
    window.actions_by_name["new"].trigger()
    _double_click_palette(window, qtbot, "realtime_gateway")
    (gateway,) = window.document.design.components
    assert gateway.props == {}
    window.lint.run_now()
    panel = window.findings
    found = [panel.row(i) for i in range(panel.row_count()) if panel.row(i).code == "AD603"]
    assert [f.severity for f in found] == [Severity.INFO]
    assert "assuming the library default `replicas: 2`" in found[0].message
    assert "0 errors" in panel.summary.text()


def test_a_fresh_service_and_database_behind_a_client_are_asked_about(window, qtbot):  # type: ignore[no-untyped-def]
    window.actions_by_name["new"].trigger()
    for type_id in ("client", "service", "database"):
        _double_click_palette(window, qtbot, type_id)
    client, service, database = window.document.design.components
    for source, target in ((client, service), (service, database)):
        assert source.position is not None and target.position is not None
        edge = (source.position[0] + NODE_WIDTH / 2 - 3, source.position[1])
        drag(window, edge, (target.position[0], target.position[1]))
    assert [(k.source, k.target) for k in window.document.design.links] == [
        (client.id, service.id),
        (service.id, database.id),
    ]
    window.lint.run_now()
    panel = window.findings
    rows = [panel.row(i) for i in range(panel.row_count())]
    # One question for both (one cause), listed once, at the first in the file.
    (spof,) = [f for f in rows if f.code == "AD101"]
    assert spof.component == service.id
    assert [r.element for r in spof.related] == [database.id]
    assert spof.severity is Severity.INFO
    assert "`replicas` not stated" in spof.message
    assert f"'{service.title}'" in spof.message and f"'{database.title}'" in spof.message
    assert spof.fix is None  # one fix sets one component's properties
    assert "0 errors" in panel.summary.text()
    # Selecting it selects the component it is located at, with the other it names.
    _click_row(window, qtbot, rows.index(spof))
    assert panel.current() is spof
    assert sorted(window.scene.selected_component_ids()) == sorted([service.id, database.id])


def test_a_fresh_scheduler_is_asked_how_many_instances_it_runs(window, qtbot):  # type: ignore[no-untyped-def]
    window.actions_by_name["new"].trigger()
    _double_click_palette(window, qtbot, "scheduler")
    (scheduler,) = window.document.design.components
    window.lint.run_now()
    panel = window.findings
    found = [panel.row(i) for i in range(panel.row_count()) if panel.row(i).code == "AD109"]
    assert [f.severity for f in found] == [Severity.INFO]
    assert "`replicas` not stated" in found[0].message and scheduler.title in found[0].message
