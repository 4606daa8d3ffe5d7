"""Live lint: re-run the rules ~150 ms after the last edit, so typing never waits on them."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer, Signal

from archdraw.library import Library
from archdraw.lint import Finding, lint_design
from archdraw.model import Change, Document

DEBOUNCE_MS = 150


class LintRunner(QObject):
    findings_ready = Signal(list)

    def __init__(self, document: Document, library: Library) -> None:
        super().__init__()
        self.document, self.library = document, library
        self.findings: list[Finding] = []
        self.last_run_s = 0.0
        self.failure: str | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.run_now)
        self._unsubscribe = document.subscribe(self._on_change)

    def detach(self) -> None:
        self._unsubscribe()
        self.timer.stop()

    def _on_change(self, change: Change) -> None:
        self.timer.start()

    def run_now(self) -> None:
        self.timer.stop()
        started = time.perf_counter()
        try:
            self.findings = lint_design(self.document.design, self.library)
            self.failure = None
        except Exception as error:  # a broken rule must not take the editor down
            self.findings, self.failure = [], f"lint failed: {error}"
        self.last_run_s = time.perf_counter() - started
        self.findings_ready.emit(self.findings)

    def worst_by_component(self) -> dict[str, str]:
        worst: dict[str, str] = {}
        for finding in self.findings:
            if finding.component is None:
                continue
            current = worst.get(finding.component)
            if current is None or finding.severity.rank > _rank(current):
                worst[finding.component] = finding.severity.value
        return worst


def _rank(severity: str) -> int:
    return {"error": 3, "warning": 2, "info": 1}.get(severity, 0)
