"""Regenerate the analysis overlay screenshots in docs/screenshots/ (runs offscreen).

.venv/bin/python scripts/analysis_screenshots.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["ARCHDRAW_STATE_DIR"] = tempfile.mkdtemp(prefix="archdraw-shots-")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget

from archdraw.gui.app import make_app
from archdraw.gui.main_window import MainWindow
from archdraw.gui.theme import apply_palette
from archdraw.library import builtin_library

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "docs" / "screenshots"
SAMPLE = REPO / "sample_designs" / "ecommerce.archdraw.yaml"
SIZE = (2000, 1100)


def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def prepared(app: QApplication) -> MainWindow:
    main = MainWindow(builtin_library(), "light")
    apply_palette(app, main.theme)
    main.resize(*SIZE)
    main.show()
    settle()
    if not main.files.open_path(SAMPLE):
        raise SystemExit(f"cannot open {SAMPLE}")
    main.lint.run_now()
    for name in ("dock-findings", "dock-palette"):
        dock = main.findChild(QDockWidget, name)
        if dock is not None:
            dock.hide()  # room for the canvas: labels show from 45 % zoom
    analysis = main.findChild(QDockWidget, "dock-analysis")
    if analysis is None:
        raise SystemExit("the Analysis dock is missing")
    analysis.show()
    analysis.raise_()
    main.resizeDocks([analysis], [470], Qt.Orientation.Horizontal)
    settle()
    main.view.fit()
    settle()
    return main


def save(main: MainWindow, name: str) -> None:
    path = OUT / name
    main.grab().save(str(path))
    print(f"wrote {path.relative_to(REPO)}")


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    app = make_app()
    window = prepared(app)
    panel = window.analysis_panel  # type: ignore[attr-defined]
    window.scene.select_ids(["psp", "cart_db", "catalog_cache"])
    panel.fail_selection()
    window.scene.select_ids([])
    settle()
    save(window, "analysis-failure.png")
    panel.leave()
    panel.set_growth(2.0)
    settle()
    save(window, "analysis-growth.png")
    window.document.dirty = False
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
