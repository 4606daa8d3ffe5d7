"""Regenerate the editor screenshots in docs/screenshots/ (runs offscreen, or under xvfb-run).

.venv/bin/python scripts/screenshots.py
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
SAMPLE = REPO / "sample_designs" / "rag-pipeline.archdraw.yaml"
NAIVE = REPO / "sample_designs" / "rag-pipeline-naive.archdraw.yaml"
SIZE = (1700, 1060)


def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def window(app: QApplication, theme: str, size: tuple[int, int] = SIZE) -> MainWindow:
    main = MainWindow(builtin_library(), theme)
    apply_palette(app, main.theme)
    main.resize(*size)
    main.show()
    settle()
    return main


def open_design(main: MainWindow, path: Path) -> None:
    if not main.files.open_path(path):
        raise SystemExit(f"cannot open {path}")
    main.lint.run_now()
    settle()
    main.view.fit()
    settle()


def dock(main: MainWindow, name: str) -> QDockWidget:
    found = main.findChild(QDockWidget, name)
    if found is None:
        raise SystemExit(f"no dock {name}")
    found.raise_()
    return found


def save(widget: object, name: str) -> None:
    path = OUT / name
    widget.grab().save(str(path))  # type: ignore[attr-defined]
    print(f"wrote {path.relative_to(REPO)}")


def close(main: MainWindow) -> None:
    main.document.dirty = False
    main.close()
    main.deleteLater()
    settle()


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    app = make_app()
    empty = window(app, "light")
    save(empty, "empty-window.png")
    close(empty)
    for theme in ("light", "dark"):
        shown = window(app, theme)
        open_design(shown, SAMPLE)
        shown.resizeDocks([dock(shown, "dock-findings")], [150], Qt.Orientation.Vertical)
        shown.resizeDocks([dock(shown, "dock-palette")], [200], Qt.Orientation.Horizontal)
        settle()
        shown.view.fit()
        first = next(iter(shown.scene.components))
        shown.scene.select_ids([first])
        settle()
        save(shown, f"design-{theme}.png")
        if theme == "light":
            dock(shown, "dock-properties")
            settle()
            save(dock(shown, "dock-properties"), "properties-panel.png")
        close(shown)
    naive = window(app, "light")
    open_design(naive, NAIVE)
    if naive.findings.row_count():
        naive.findings.select_row(0)
    naive.resizeDocks([dock(naive, "dock-findings")], [330], Qt.Orientation.Vertical)
    settle()
    save(dock(naive, "dock-findings"), "findings-panel.png")
    save(naive, "design-naive-findings.png")
    close(naive)
    return 0


if __name__ == "__main__":
    sys.exit(main())
