"""Regenerate the README's editor screenshots in docs/screenshots/, under Xvfb.

.venv/bin/python scripts/screenshots.py

Without a display it starts itself again under `xvfb-run`, so the editor runs on
a real (virtual) X server as it does for a user; QT_QPA_PLATFORM=offscreen also
works. Every picture is taken in both themes: the editor as a design opens, at
Fit on the largest sample, with findings, and with the analysis views.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

if not os.environ.get("DISPLAY") and not os.environ.get("QT_QPA_PLATFORM"):
    if shutil.which("xvfb-run") is None:
        raise SystemExit("screenshots: no display and no xvfb-run (or set QT_QPA_PLATFORM)")
    command = ["xvfb-run", "-a", "-s", "-screen 0 1920x1200x24", sys.executable, *sys.argv]
    raise SystemExit(subprocess.call(command))
os.environ["ARCHDRAW_STATE_DIR"] = tempfile.mkdtemp(prefix="archdraw-shots-")

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QCursor, QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDockWidget, QToolTip

from archdraw.gui.app import make_app
from archdraw.gui.main_window import MainWindow
from archdraw.gui.settings import settings
from archdraw.gui.theme import apply_palette
from archdraw.io import load
from archdraw.io.samples import sample_dir
from archdraw.library import builtin_library

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "docs" / "screenshots"
SAMPLE = REPO / "sample_designs" / "rag-pipeline.archdraw.yaml"
NAIVE = REPO / "sample_designs" / "rag-pipeline-naive.archdraw.yaml"
SIZE = (1680, 1050)  # a common laptop screen: the sample opens with full faces (above 53 %)
THEMES = ("light", "dark")


def settle(rounds: int = 8) -> None:
    for _ in range(rounds):
        QApplication.processEvents()


def largest_sample() -> Path:
    library = builtin_library()
    paths = sorted(Path(sample_dir()).glob("*.archdraw.yaml"))
    return max(paths, key=lambda p: (len(load(p, library).design.components), p.name))


def window(app: QApplication, theme: str, size: tuple[int, int] = SIZE) -> MainWindow:
    settings().clear()  # each picture starts from a first start's layout, not the last one's
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


def dock(main: MainWindow, name: str) -> QDockWidget:
    found = main.findChild(QDockWidget, name)
    if found is None:
        raise SystemExit(f"no dock {name}")
    found.show()
    found.raise_()
    return found


def save(widget: object, name: str) -> None:
    settle()
    path = OUT / name
    widget.grab().save(str(path))  # type: ignore[attr-defined]
    print(f"wrote {path.relative_to(REPO)}")


def close(main: MainWindow) -> None:
    main.document.history.mark_clean()  # nothing to save: no prompt
    main.close()
    main.deleteLater()
    settle()


def at_open(app: QApplication, theme: str) -> None:
    shown = window(app, theme)
    open_design(shown, SAMPLE)  # as `archdraw FILE` opens it: no extra fit
    ids = [c.id for c in shown.document.design.components]
    shown.scene.select_ids(["llm" if "llm" in ids else ids[0]])  # many kinds of property
    save(shown, f"editor-open-{theme}.png")
    if theme == "light":
        save(dock(shown, "dock-properties"), "properties-panel.png")
    close(shown)


def at_fit(app: QApplication, theme: str) -> None:
    shown = window(app, theme)
    open_design(shown, largest_sample())
    settle()
    shown.actions_by_name["fit"].trigger()
    save(shown, f"editor-fit-{theme}.png")
    close(shown)


def with_findings(app: QApplication, theme: str) -> None:
    shown = window(app, theme)
    open_design(shown, NAIVE)
    shown.resizeDocks([dock(shown, "dock-findings")], [300], Qt.Orientation.Vertical)
    if theme == "light":  # nothing selected: the design overview
        save(dock(shown, "dock-properties"), "properties-overview.png")
    if shown.findings.row_count():
        shown.findings.select_row(0)
    save(shown, f"editor-findings-{theme}.png")
    hover_marker(shown, f"editor-marker-tooltip-{theme}.png")
    close(shown)


def hover_marker(shown: MainWindow, name: str) -> None:
    """Rest the pointer on the marker with the most findings; the tooltip is its own
    window, so the picture is taken from the screen where the editor is."""
    markers = shown.scene.drawing.markers
    if not markers:
        raise SystemExit("no findings markers to hover")
    marker = max(markers.values(), key=lambda m: (m.count, m.centre))
    viewport = shown.view.viewport()
    spot = shown.view.mapFromScene(*marker.centre)
    shown.raise_()
    shown.activateWindow()  # Qt shows tooltips for the active window only
    QTest.qWait(200)
    for step in (QPoint(40, 40), QPoint(4, 0), QPoint(0, 0)):  # the X pointer itself
        QCursor.setPos(viewport.mapToGlobal(spot + step))
        QTest.qWait(100)
    for _ in range(500):
        if QToolTip.isVisible():
            break
        QTest.qWait(10)
    else:
        raise SystemExit("the marker's tooltip did not show")
    settle()
    corner = shown.mapToGlobal(QPoint(0, 0))  # the whole window: the tooltip may leave the canvas
    size = shown.size()
    screen = QGuiApplication.primaryScreen()
    picture = screen.grabWindow(0, corner.x(), corner.y(), size.width(), size.height())
    path = OUT / name
    picture.save(str(path))
    print(f"wrote {path.relative_to(REPO)}")
    QToolTip.hideText()
    QCursor.setPos(screen.geometry().bottomRight())  # hovering nothing in the next pictures


def with_analysis(app: QApplication, theme: str) -> None:
    shown = window(app, theme)
    open_design(shown, largest_sample())
    dock(shown, "dock-palette").hide()
    dock(shown, "dock-findings").hide()
    dock(shown, "dock-history").hide()  # it shares the bottom with Findings
    analysis = dock(shown, "dock-analysis")
    shown.resizeDocks([analysis], [560], Qt.Orientation.Horizontal)
    settle()
    shown.actions_by_name["fit"].trigger()
    panel = shown.analysis_panel
    components = list(shown.scene.components)
    wanted = [c for c in ("psp", "cart_db", "catalog_cache") if c in components] or components[1:2]
    shown.scene.select_ids(wanted)
    panel.fail_selection()
    shown.scene.select_ids([])
    save(shown, f"editor-analysis-failure-{theme}.png")
    panel.leave()  # leaving brings Properties forward: show the Load tab again
    panel.set_growth(2.0)
    analysis.raise_()
    panel.tabs.setCurrentIndex(1)  # Load
    save(shown, f"editor-analysis-load-{theme}.png")
    panel.show_extra("availability")
    save(analysis, f"analysis-availability-{theme}.png")
    close(shown)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    app = make_app()
    empty = window(app, "light")
    save(empty, "empty-window.png")
    close(empty)
    for theme in THEMES:
        for take in (at_open, at_fit, with_findings, with_analysis):
            take(app, theme)
    return 0


if __name__ == "__main__":
    sys.exit(main())
