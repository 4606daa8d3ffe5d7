"""Opening a big design, or importing one, while the window stays responsive, with
progress and Cancel.

A worker thread reads and checks the file, places unpositioned components, draws
the design (`archdraw.drawing`, Qt-free), and lints a copy of it that the lint
worker then keeps (`archdraw.gui.lint_runner.Mirror`) with its findings marked; the UI
thread then opens it and makes its canvas items a chunk at a time from timer
ticks. The window's own event loop runs throughout: no nested loop (a modal
progress dialog's `exec` or `processEvents` would run other handlers, such as the
single-instance socket's, inside this one). Progress shows in the status bar once
an open takes longer than `PROGRESS_AFTER_MS`; Cancel works until the design is
opened (the rest is its canvas being drawn).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from archdraw.drawing import Drawing
from archdraw.gui.heap import settle_long_lived
from archdraw.gui.layout_job import place_unpositioned
from archdraw.gui.lint_runner import FirstLint, first_lint
from archdraw.io import LoadedDesign, load
from archdraw.library import Library

OPEN_IN_BACKGROUND_ABOVE = 200_000  # bytes (about 1,200 components): smaller opens at once
PROGRESS_AFTER_MS = 300
ITEMS_PER_TICK = 300  # canvas items made per pass of the event loop (a few ms each pass)


_RUNNING: set[Opening] = set()  # whose workers have not answered yet


@dataclass(frozen=True)
class Prepared:
    """A design read, placed and drawn off the UI thread, ready to open."""

    loaded: LoadedDesign
    note: str | None  # from placing unpositioned components
    drawing: Drawing  # with the findings marked
    lint: FirstLint  # the lint worker's copy of the design, linted


def prepare(
    path: Path,
    library: Library,
    stage: Callable[[str], None],
    read: Callable[[], LoadedDesign] | None = None,
) -> Prepared:
    """Everything about opening `path` that does not touch Qt (run in the worker);
    `read` reads the design another way than loading `path` (an autosave, an import)."""
    stage("Reading")
    loaded = read() if read is not None else load(path, library)
    design = loaded.design
    stage("Placing")
    note = place_unpositioned(design, library)
    stage("Drawing")
    centres = {c.id: c.position or (0.0, 0.0) for c in design.components}
    drawing = Drawing(design, library, centres, ())
    stage("Checking")
    first = first_lint(design, library)
    drawing.set_findings(first.findings)
    return Prepared(loaded, note, drawing, first)


class LoadProgress(QWidget):
    """The status bar's "Opening big.yaml: Drawing ▮▮▮  [Cancel]"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("load-progress")
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(160)
        self.bar.setTextVisible(False)
        self.cancel = QPushButton("Cancel")
        self.cancel.setObjectName("load-cancel")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        row.addWidget(self.bar)
        row.addWidget(self.cancel)
        self.hide()

    def say(self, text: str, done: int = 0, total: int = 0) -> None:
        self.label.setText(text)
        self.bar.setRange(0, total)  # 0..0: busy, no known end
        self.bar.setValue(done)


class Opening(QObject):
    """One file being opened in the background; `finished(opened)` when it is over."""

    finished = Signal(bool)
    _stage = Signal(str)  # from the worker
    _prepared = Signal(object)  # Prepared, or the exception `prepare` raised

    def __init__(
        self,
        path: Path,
        library: Library,
        progress: LoadProgress,
        accept: Callable[[Prepared], Iterator[tuple[int, int]] | None],
        failed: Callable[[BaseException], None],
        read: Callable[[], LoadedDesign] | None = None,
        verb: str = "Opening",
    ) -> None:
        """`accept` opens the design and returns the steps drawing its canvas (done and
        total items after each), or None when it was not opened; `failed` reports an
        error from reading the file; `read`, when given, reads it (see `prepare`); `verb`
        names what is under way in the status bar ("Importing compose.yaml: Reading…")."""
        super().__init__()
        self.path, self.progress, self.verb = path, progress, verb
        self._accept, self._failed = accept, failed
        self.cancelled = False
        self.stage = "Reading"
        self._steps: Iterator[tuple[int, int]] | None = None
        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.timeout.connect(self._show)
        self._tick = QTimer(self)
        self._tick.setInterval(0)
        self._tick.timeout.connect(self._next_items)
        self._stage.connect(self._staged)
        self._prepared.connect(self._arrived)
        stage, arrived = self._stage, self._prepared

        def work() -> None:
            try:
                result: object = prepare(path, library, stage.emit, read)
            except Exception as error:  # reported on the UI thread, as a synchronous open
                result = error
            arrived.emit(result)

        self.worker = threading.Thread(target=work, name="archdraw-open", daemon=True)

    def start(self) -> None:
        _RUNNING.add(self)  # the worker answers into this object, even once cancelled
        self._show_timer.start(PROGRESS_AFTER_MS)
        self.worker.start()

    @property
    def shown(self) -> bool:
        return self.progress.isVisible()

    def cancel(self) -> None:
        """Stop waiting for the file (the worker's answer is dropped); too late once the
        design is open and its canvas is being drawn."""
        if self._steps is None and not self.cancelled:
            self.cancelled = True
            self._end(False)

    def _show(self) -> None:
        self.progress.cancel.setEnabled(self._steps is None)
        self.progress.say(f"{self.verb} {self.path.name}: {self.stage}…")
        self.progress.show()

    def _staged(self, stage: str) -> None:
        self.stage = stage
        if self.shown and self._steps is None:
            self.progress.say(f"{self.verb} {self.path.name}: {stage}…")

    def _arrived(self, result: object) -> None:
        _RUNNING.discard(self)
        if self.cancelled:
            return
        if not isinstance(result, Prepared):
            self._end(False)
            self._failed(result if isinstance(result, BaseException) else RuntimeError(result))
            return
        steps = self._accept(result)
        if steps is None:
            self._end(False)
            return
        self._steps = steps
        self.progress.cancel.setEnabled(False)
        self._tick.start()

    def _next_items(self) -> None:
        assert self._steps is not None
        try:
            done, total = next(self._steps)
        except StopIteration:
            self._end(True)
            return
        settle_long_lived()  # the items made live as long as the design: no collection walks them
        if self.shown:
            self.progress.say(f"{self.verb} {self.path.name}: drawing the canvas", done, total)

    def _end(self, opened: bool) -> None:
        self._tick.stop()
        self._show_timer.stop()
        self.progress.hide()
        self.finished.emit(opened)
