"""Clicking a findings marker on the canvas shows its findings in the Findings panel."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDockWidget

from archdraw.drawing.markers import FindingLike, Target

if TYPE_CHECKING:
    from archdraw.gui.main_window import MainWindow


def marks(target: Target, finding: FindingLike) -> bool:
    """Whether the marker on `target` stands for `finding`: a finding is drawn on its
    component, else its link, else its zone (archdraw.drawing.markers.target_of)."""
    kind, key = target
    if kind == "component":
        return finding.component == key
    if kind == "link":
        return finding.component is None and finding.link == key
    return finding.component is None and finding.link is None and finding.zone == key


def show_findings_of(window: MainWindow, kind: str, key: str) -> None:
    """Select the marked element's first finding in the Findings panel and bring it forward."""
    panel = window.findings
    row = next((i for i in range(panel.row_count()) if marks((kind, key), panel.row(i))), None)
    if row is None:
        return
    panel.select_row(row)
    dock = window.findChild(QDockWidget, "dock-findings")
    if dock is not None:
        dock.show()
        dock.raise_()


def connect_marker_clicks(window: MainWindow) -> None:
    window.scene.marker_clicked.connect(lambda kind, key: show_findings_of(window, kind, key))
