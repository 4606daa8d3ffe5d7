"""Regenerate the analysis overlay screenshots in docs/screenshots/ (runs offscreen).

.venv/bin/python scripts/analysis_screenshots.py
"""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

# The editor screenshots' script sets up the offscreen, throw-away-state app.
from screenshots import OUT, REPO, close, dock, open_design, save, settle, window

from archdraw.gui.app import make_app
from archdraw.gui.main_window import MainWindow

SAMPLE = REPO / "sample_designs" / "ecommerce.archdraw.yaml"
SIZE = (2000, 1100)


def prepared(app: QApplication) -> MainWindow:
    main = window(app, "light", SIZE)
    open_design(main, SAMPLE)
    for name in ("dock-findings", "dock-palette"):
        dock(main, name).hide()  # room for the canvas: labels show from 45 % zoom
    analysis = dock(main, "dock-analysis")
    analysis.show()
    analysis.raise_()
    main.resizeDocks([analysis], [470], Qt.Orientation.Horizontal)
    settle()
    main.view.fit()
    settle()
    return main


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    app = make_app()
    shown = prepared(app)
    panel = shown.analysis_panel
    shown.scene.select_ids(["psp", "cart_db", "catalog_cache"])
    panel.fail_selection()
    shown.scene.select_ids([])
    settle()
    save(shown, "analysis-failure.png")
    panel.leave()
    panel.set_growth(2.0)
    settle()
    save(shown, "analysis-growth.png")
    close(shown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
