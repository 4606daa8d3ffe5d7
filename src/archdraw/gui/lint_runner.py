"""Live lint: re-run the rules ~150 ms after the last edit, so typing never waits on them.

Big designs are linted in a worker thread on a snapshot (`model_dump` on the
UI thread takes milliseconds; the rules take longer); results for a revision
that has since changed are dropped, and the newer one is linted next.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from archdraw.library import Library
from archdraw.lint import Finding
from archdraw.lint.session import LintSession
from archdraw.model import (
    Change,
    Component,
    Design,
    DesignDoc,
    Document,
    Link,
    LintSettings,
    Zone,
)
from archdraw.model.provenance import ImportBlock

DEBOUNCE_MS = 150


THREAD_ABOVE = 400  # components; smaller designs lint on the UI thread in a few ms
UI_THREAD_BUDGET_S = 0.03  # above, re-lint in the worker (the snapshot alone takes ~50 ms)


class LintRunner(QObject):
    findings_ready = Signal(list)
    _finished = Signal(int, object, float)

    def __init__(self, document: Document, library: Library) -> None:
        super().__init__()
        self.document, self.library = document, library
        self.session = LintSession(library)  # re-runs only the rules an edit can affect
        self.findings: list[Finding] = []
        self.last_run_s = 0.0
        self.failure: str | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.run_now)
        self._unsubscribe = document.subscribe(self._on_change)
        self._worker: threading.Thread | None = None
        self._again = False
        self._finished.connect(self._worker_done)

    def detach(self) -> None:
        self._unsubscribe()
        self.timer.stop()

    def _on_change(self, change: Change) -> None:
        self.timer.start()

    def run_now(self) -> None:
        self.timer.stop()
        if len(self.document.design.components) > THREAD_ABOVE:
            if self._worker is None and self._run_if_cheap():
                return
            self._run_in_thread()
            return
        started = time.perf_counter()
        findings, failure = _lint(self.document.design, self.session)
        self._publish(findings, failure, time.perf_counter() - started)

    def _run_if_cheap(self) -> bool:
        """Re-lint on the UI thread when the rules the edit affects are quick (a property
        value edit usually): cheaper than the snapshot a worker needs."""
        started = time.perf_counter()
        try:
            findings = self.session.lint_if_cheap(self.document.design, UI_THREAD_BUDGET_S)
        except Exception as error:  # a broken rule must not take the editor down
            self._publish([], f"lint failed: {error}", time.perf_counter() - started)
            return True
        if findings is None:
            return False
        self._publish(findings, None, time.perf_counter() - started)
        return True

    @property
    def busy(self) -> bool:
        # A worker counts until its result has been handled on the UI thread.
        return self.timer.isActive() or self._worker is not None

    def _publish(self, findings: list[Finding], failure: str | None, seconds: float) -> None:
        self.findings, self.failure, self.last_run_s = findings, failure, seconds
        self.findings_ready.emit(self.findings)

    def _run_in_thread(self) -> None:
        if self._worker is not None:
            self._again = True
            return
        revision = self.document.revision
        snapshot = self.document.design.model_dump()  # a private deep copy, as plain data
        session, finished = self.session, self._finished
        started = time.perf_counter()

        def work() -> None:
            try:
                result = _lint(_rebuild(snapshot), session, owned=True)
            except Exception as error:  # always answer, or live lint would stop for good
                result = ([], f"lint failed: {error}")
            finished.emit(revision, result, time.perf_counter() - started)

        self._worker = threading.Thread(target=work, name="archdraw-lint", daemon=True)
        self._worker.start()

    def _worker_done(self, revision: int, result: object, seconds: float) -> None:
        if self._worker is not None:
            self._worker.join()
        self._worker = None
        if revision == self.document.revision and isinstance(result, tuple):
            self._publish(result[0], result[1], seconds)
        else:
            self._again = True
        if self._again:
            self._again = False
            self.run_now()


def _rebuild(data: dict[str, Any]) -> Design:
    """The design again from its own `model_dump`: already valid, so construct it without
    re-validating (8x faster than `model_validate` on thousands of components)."""
    return Design.model_construct(
        archdraw=data["archdraw"],
        name=data["name"],
        description=data["description"],
        doc=DesignDoc.model_construct(**data["doc"]),
        zones=[Zone.model_construct(**zone) for zone in data["zones"]],
        components=[Component.model_construct(**component) for component in data["components"]],
        links=[Link.model_construct(**link) for link in data["links"]],
        lint=LintSettings.model_validate(data["lint"]),
        imported=None if data["imported"] is None else ImportBlock.model_validate(data["imported"]),
    )


def _lint(
    design: Design, session: LintSession, owned: bool = False
) -> tuple[list[Finding], str | None]:
    try:
        return session.lint(design, owned=owned), None
    except Exception as error:  # a broken rule must not take the editor down
        return [], f"lint failed: {error}"
