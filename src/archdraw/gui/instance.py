"""One editor process per user: its windows, files sent by a second launch, files sent by the OS.

A second `archdraw FILE` finds the running editor through a local socket
(a named pipe on Windows), hands it the file paths and exits; the running
editor opens each file in a window of its own, or raises the window that
already shows it. macOS does not pass files as arguments: Finder sends a
`QFileOpenEvent` to the application, possibly before any window exists, so
the application-wide event filter here opens those too.
"""

from __future__ import annotations

import getpass
import hashlib
import json
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication

from archdraw.gui.dialogs import bring_forward
from archdraw.gui.main_window import MainWindow
from archdraw.gui.settings import state_dir
from archdraw.library import Library

CONNECT_TIMEOUT_MS = 500
REPLY_TIMEOUT_MS = 5000
ACK = b"opened\n"
CASCADE_STEP = 32  # about a title bar: each window's title stays visible above the next
MIN_CASCADE_SIZE = QSize(640, 480)


def server_name() -> str:
    """A name per user and state folder, so test runs never reach a user's editor."""
    key = f"{getpass.getuser()}:{state_dir()}".encode()
    return f"archdraw-{hashlib.sha256(key).hexdigest()[:16]}"


def forward_to_running(paths: list[str]) -> bool:
    """Send `paths` to an editor already running for this user; True if it took them."""
    socket = QLocalSocket()
    socket.connectToServer(server_name())
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return False
    message = json.dumps([str(Path(p).resolve()) for p in paths]).encode() + b"\n"
    socket.write(message)
    if not socket.waitForBytesWritten(REPLY_TIMEOUT_MS):
        return False
    answered = socket.waitForReadyRead(REPLY_TIMEOUT_MS) and socket.readAll().data() == ACK
    socket.disconnectFromServer()
    return bool(answered)


class Windows(QObject):
    """Every editor window of this process, and the way files reach them."""

    def __init__(self, library: Library, theme_choice: str | None = None) -> None:
        super().__init__()
        self.library, self.theme_choice = library, theme_choice
        self.windows: list[MainWindow] = []
        self.server: QLocalServer | None = None

    def new_window(self) -> MainWindow:
        window = MainWindow(self.library, self.theme_choice)
        if self.windows:
            cascade(window, self.windows[-1])
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.destroyed.connect(lambda *_: self._forget(window))
        self.windows.append(window)
        return window

    def _forget(self, window: MainWindow) -> None:
        self.windows = [w for w in self.windows if w is not window]

    def open(self, paths: list[str]) -> None:
        """Open each file in its own window: the one that shows it, an empty one, or a new one."""
        for raw in paths:
            path = Path(raw).resolve()
            window = next((w for w in self.windows if w.document.path == path), None)
            if window is None:
                reused = next((w for w in self.windows if _untouched(w)), None)
                window = reused or self.new_window()
                window.show()
                window.open_files([str(path)])
                if reused is None and window.document.path != path:
                    window = self._drop_failed(window)
            bring_forward(window)  # with its dialogs: why the file did not open, say

    def open_empty(self) -> None:
        """A launch with no file: an empty window (the one already empty, if any)."""
        window = next((w for w in self.windows if _untouched(w)), None) or self.new_window()
        bring_forward(window)

    def _drop_failed(self, window: MainWindow) -> MainWindow:
        """A window opened for a file that did not open would stay behind empty: close it
        and show its problems on another window (if any is left to show them)."""
        host = next((w for w in reversed(self.windows) if w is not window), None)
        dialog = window.files.last_problems
        if host is None or dialog is None:
            return window
        title, summary, problems = dialog.windowTitle(), dialog.summary, dialog.problems
        dialog.close()
        window.close()
        host.files.show_problems(title, summary, problems)
        return host

    # A second launch ------------------------------------------------------------------
    def listen(self) -> bool:
        """Accept files from later launches; False if another editor already listens."""
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(server_name()):
            # A crashed editor leaves its socket file behind on Unix: remove it once.
            QLocalServer.removeServer(server_name())
            if not server.listen(server_name()):
                return False
        server.newConnection.connect(self._accept)
        self.server = server
        return True

    def _accept(self) -> None:
        assert self.server is not None
        while (socket := self.server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        try:
            paths = json.loads(bytes(socket.readLine().data()).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            socket.disconnectFromServer()
            return
        if isinstance(paths, list) and all(isinstance(p, str) for p in paths):
            socket.write(ACK)
            socket.flush()
            self.open(paths) if paths else self.open_empty()

    # Files the operating system sends (macOS Finder) ----------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        opening = event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent)
        if opening and event.file():  # type: ignore[attr-defined]
            self.open([event.file()])  # type: ignore[attr-defined]
            return True
        return super().eventFilter(watched, event)


def cascade(window: MainWindow, last: MainWindow) -> None:
    """Place a new window down and to the right of the last one, so neither hides the other.

    It stays on the last window's screen: where the step would push it off, the cascade
    starts again at the screen's top left, and a window wider or taller than what is
    left is made smaller rather than cut off.
    """
    screen = last.screen() or window.screen()
    if screen is None:
        return
    available = screen.availableGeometry()
    frame = last.frameGeometry()
    border = frame.size() - last.size()  # title bar and edges, as the last window has them
    place = frame.topLeft() + QPoint(CASCADE_STEP, CASCADE_STEP)
    if not available.contains(QRect(place, MIN_CASCADE_SIZE + border)):
        place = available.topLeft()
    window.resize(
        min(window.width(), available.right() + 1 - place.x() - border.width()),
        min(window.height(), available.bottom() + 1 - place.y() - border.height()),
    )
    window.move(place)


def _untouched(window: MainWindow) -> bool:
    """A window still showing the empty design it started with."""
    document = window.document
    return document.path is None and not document.dirty and not document.design.components


def install(app: QApplication, windows: Windows) -> None:
    app.installEventFilter(windows)
    windows.listen()
