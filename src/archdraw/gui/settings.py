"""Where the editor keeps its settings and state; `ARCHDRAW_STATE_DIR` isolates them (tests)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings

STATE_DIR_ENV = "ARCHDRAW_STATE_DIR"
AUTOSAVE_SECONDS_ENV = "ARCHDRAW_AUTOSAVE_SECONDS"


def state_dir() -> Path:
    override = os.environ.get(STATE_DIR_ENV)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_state_dir("archdraw"))


def settings() -> QSettings:
    if os.environ.get(STATE_DIR_ENV):
        return QSettings(str(state_dir() / "settings.ini"), QSettings.Format.IniFormat)
    return QSettings("archdraw", "archdraw")


def autosave_interval_s() -> float:
    override = os.environ.get(AUTOSAVE_SECONDS_ENV)
    if override:
        try:
            return max(0.05, float(override))
        except ValueError:
            pass
    value = settings().value("autosave_seconds", 30)
    try:
        return max(1.0, float(str(value)))
    except ValueError:
        return 30.0
