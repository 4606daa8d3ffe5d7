"""Status bar messages that name a file: shortened in the middle to the room left of the
counts, so the file name at the end stays readable (Qt would cut it off at the right)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QSizeGrip, QWidget

GAP = 16  # px kept between the message and the counts beside it


def show_path_message(window: QMainWindow, verb: str, path: Path, ms: int) -> str:
    """Show "`verb` `path`" for `ms` milliseconds; returns the text shown."""
    bar = window.statusBar()
    beside = [
        child.x()
        for child in bar.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if child.isVisible() and not isinstance(child, QSizeGrip) and child.x() > 0
    ]
    room = (min(beside) if beside else bar.width()) - GAP
    metrics = bar.fontMetrics()
    # The folders give way first; the file name goes whole as long as it fits at all.
    folder, name = str(path.parent), path.name
    whole = f"{verb} {path}"
    if metrics.horizontalAdvance(whole) <= room:
        text = whole
    else:
        ends = metrics.horizontalAdvance(f"{verb} {os.sep}{name}")
        if room - ends >= metrics.horizontalAdvance("/…/"):
            short = metrics.elidedText(folder, Qt.TextElideMode.ElideMiddle, room - ends)
            text = f"{verb} {short}{os.sep}{name}"
        else:
            text = metrics.elidedText(f"{verb} {name}", Qt.TextElideMode.ElideMiddle, room)
    bar.showMessage(text, ms)
    return text
