"""Starting the editor: the QApplication, HiDPI, theme, files from the command line, recovery."""

from __future__ import annotations

import importlib
import os
import sys

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from archdraw import __version__

TEST_HOOK_ENV = "ARCHDRAW_TEST_HOOK"  # "module:function", called with the window (tests only)


def make_app() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication(sys.argv[:1])
    app.setApplicationName("archdraw")
    app.setOrganizationName("archdraw")
    app.setApplicationVersion(__version__)
    # Lets Wayland compositors and docks match windows to dev.archdraw.Archdraw.desktop.
    app.setDesktopFileName("dev.archdraw.Archdraw")
    return app


def run_editor(files: list[str]) -> int:
    app = make_app()
    from archdraw.gui.instance import Windows, forward_to_running, install
    from archdraw.gui.theme import apply_palette
    from archdraw.library import default_library

    if forward_to_running(files):
        # The editor already running opened them (or, with no file, a new window): a second
        # process would edit the same files and offer the same recovery as the first.
        return 0
    windows = Windows(default_library())
    install(app, windows)
    window = windows.new_window()
    apply_palette(app, window.theme)
    window.show()
    restored = window.files.offer_recovery()
    if files and not restored:
        windows.open(files)
    hook = os.environ.get(TEST_HOOK_ENV)
    if hook:
        module_name, _, function = hook.partition(":")
        QTimer.singleShot(
            0, lambda: getattr(importlib.import_module(module_name), function)(window)
        )
    return int(app.exec())
