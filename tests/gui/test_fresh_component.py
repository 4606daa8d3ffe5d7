"""A component fresh from the palette states nothing yet: findings that rest on its type's
library defaults say so and are info, not errors the user did not make."""

from __future__ import annotations

from archdraw.lint import Severity

from .test_editor_floor import _double_click_palette


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
