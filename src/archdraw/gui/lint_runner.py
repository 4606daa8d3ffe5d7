"""Live lint: findings follow the design without the UI thread waiting on the rules.

Small designs lint on the UI thread ~150 ms after the last edit (a few ms). Big ones
lint in a worker thread on the worker's own copy of the design (a `Mirror`), which
follows the document by replaying the same edits: an edit costs the UI thread a
copy of the edit, not of the design. Only one run is in flight; edits made
meanwhile wait and are replayed together by the next run (coalesced), and a result
for a revision the document has since left is dropped.
"""

from __future__ import annotations

import copy
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from archdraw.drawing.markers import FindingChanges, key_of
from archdraw.gui.heap import retire, settle_long_lived
from archdraw.library import Library
from archdraw.lint import Finding
from archdraw.lint.session import LintSession
from archdraw.lint.value_edits import ValueEdits, value_edits
from archdraw.model import (
    Change,
    Component,
    CostSettings,
    Design,
    DesignDoc,
    Document,
    Link,
    LintSettings,
    Zone,
)
from archdraw.model.edit_base import Edit
from archdraw.model.provenance import ImportBlock

DEBOUNCE_MS = 150
THREAD_ABOVE = 400  # components; smaller designs lint on the UI thread in a few ms


@dataclass
class Mirror:
    """The worker's copy of the design and the session that lints it. Only the thread
    running a job touches it; jobs run one after another."""

    design: Design
    session: LintSession
    shown: list[Finding] = field(default_factory=list)  # the last answer
    answers: int = 0  # counts the answers given: which one the next diff is from


@dataclass
class _Job:
    revision: int
    edits: list[Edit]  # copies, in the order the document applied them
    copy_of: Callable[[], Design] | None  # a fresh copy replaces the mirror first
    analysis: Callable[[Design], object] | None
    started: float = field(default_factory=time.perf_counter)


@dataclass(frozen=True)
class _Result:
    revision: int
    findings: list[Finding]
    failure: str | None
    seconds: float
    mirror: Mirror | None  # None: it could not follow an edit, copy the design next time
    changes: FindingChanges | None  # since the answer numbered `base` (None: from nothing)
    base: tuple[int, int]  # (mirror, answer) the changes are from; `answer`: this one
    answer: tuple[int, int]
    analysis: Callable[[Design], object] | None  # the function that answered `analysed`
    analysed: object


class LintRunner(QObject):
    findings_ready = Signal(list)
    analysis_ready = Signal(object)  # what `analyse`'s function answered for the design now
    _finished = Signal(object)  # a _Result, queued from the worker thread

    def __init__(self, document: Document, library: Library) -> None:
        super().__init__()
        self.document, self.library = document, library
        self.session = LintSession(library)  # re-runs only the rules an edit can affect
        self.findings: list[Finding] = []
        self.last_run_s = 0.0
        self.failure: str | None = None
        self.revision = -1  # the document revision the findings are for
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.run_now)
        self._unsubscribe = document.subscribe(self._on_change)
        self._mirror: Mirror | None = None
        self._last_mirror: Mirror | None = None  # the one before a run took it
        self._pending: list[Edit] = []  # applied to the document, not yet to the mirror
        self._copy_needed = True
        self._prepared: tuple[Design, FirstLint] | None = None  # see `adopt`
        self._worker: threading.Thread | None = None
        self._closed = False
        self.jobs = 0  # worker runs started (coalescing makes it fewer than the edits)
        self._analysis: Callable[[Design], object] | None = None
        self._analysis_due = False
        # The findings gone and come since those published before (None: unknown), for
        # the canvas markers; and which worker answer is shown.
        self.marker_changes: FindingChanges | None = None
        self._shown = (0, -1)
        self._finished.connect(self._worker_done)

    @property
    def threaded(self) -> bool:
        return len(self.document.design.components) > THREAD_ABOVE

    def detach(self) -> None:
        self._unsubscribe()
        self.timer.stop()

    def shutdown(self, wait_s: float = 10.0) -> None:
        """Stop following the document and wait for a run in flight (a window closing)."""
        self._closed = True
        self.detach()
        worker = self._worker
        if worker is not None:
            worker.join(wait_s)

    def adopt(self, design: Design, first: FirstLint) -> None:
        """`first` linted a copy of `design` nobody else holds (by the loader, off the UI
        thread): when `design` is opened, its findings are those, and the worker follows
        the edits from that copy."""
        self._prepared = (design, first)

    def analyse(self, compute: Callable[[Design], object] | None) -> None:
        """Run `compute` (the Analysis panel's report) in the worker after the lint, on a
        copy of the design of its own (its answer may keep references into it), and after
        every edit until called with None; answers come through `analysis_ready` (an
        exception it raised, too). For designs the worker lints (`threaded`)."""
        self._analysis, self._analysis_due = compute, compute is not None
        if compute is not None:
            self.timer.start(0)

    def _on_change(self, change: Change) -> None:
        if change.edit is None:  # another design: the last one's views must not keep it
            self.session = LintSession(self.library)
        prepared, self._prepared = self._prepared, None
        if change.edit is None and prepared is not None and prepared[0] is self.document.design:
            mirror = prepared[1].mirror
            retire(self._mirror, self._last_mirror, self.findings)  # the design before's
            self._mirror = self._last_mirror = mirror
            self._copy_needed, self._pending = False, []
            self.timer.stop()
            self.marker_changes = (Counter(), Counter())  # marked with the drawing already
            self._publish(prepared[1].findings, prepared[1].failure, 0.0)
            self._shown = (id(mirror), mirror.answers)
            return
        if change.edit is None or not self.threaded:
            self._copy_needed, self._pending = True, []
        elif not self._copy_needed:
            # The edit may hold objects now in the document (added components): the
            # mirror gets its own.
            self._pending.append(copy.deepcopy(change.edit))
        self.timer.start(0 if self.threaded else DEBOUNCE_MS)

    def run_now(self) -> None:
        self.timer.stop()
        if self._closed:
            return
        if self.threaded:
            self._run_in_thread()
            return
        started = time.perf_counter()
        findings, failure = _lint(self.document.design, self.session)
        self._publish(findings, failure, time.perf_counter() - started)

    @property
    def busy(self) -> bool:
        """Findings are not yet those of the current design (a run is due or in flight)."""
        return (
            self.timer.isActive()
            or self._worker is not None
            or (self.revision != self.document.revision)
        )

    def _publish(self, findings: list[Finding], failure: str | None, seconds: float) -> None:
        self.findings, self.failure, self.last_run_s = findings, failure, seconds
        self.revision = self.document.revision
        self.findings_ready.emit(self.findings)
        self.marker_changes, self._shown = None, (0, -1)

    def _run_in_thread(self) -> None:
        if self._worker is not None:
            return  # the run in flight starts the next one when it answers
        job = _Job(self.document.revision, self._pending, self._copy_of(), self._analysis)
        self._analysis_due = False
        self.jobs += 1
        self._pending, self._copy_needed = [], False
        mirror, finished, library = self._mirror, self._finished, self.library
        self._mirror = None  # the worker's until it answers

        def work() -> None:
            nonlocal mirror
            try:
                if job.copy_of is not None or mirror is None:
                    assert job.copy_of is not None
                    mirror = Mirror(job.copy_of(), LintSession(library))
                for edit in job.edits:
                    edit.apply(mirror.design)
                findings, failure = _lint(mirror.design, mirror.session, value_edits(job.edits))
                # What the canvas markers need, worked out here rather than on the UI thread.
                changes, mirror.shown = changes_between(mirror.shown, findings), findings
                base = (id(mirror), mirror.answers)
                mirror.answers += 1
                answer = (id(mirror), mirror.answers)
            except Exception as error:  # always answer, or live lint would stop for good
                findings, failure, mirror = [], f"lint failed: {error}", None
                changes, base, answer = None, (0, -1), (0, -1)
            seconds = time.perf_counter() - job.started
            analysed: object = None
            if job.analysis is not None and mirror is not None:
                try:
                    analysed = job.analysis(rebuild(mirror.design.model_dump()))
                except Exception as error:  # the panel says what went wrong
                    analysed = error
            finished.emit(
                _Result(
                    job.revision,
                    findings,
                    failure,
                    seconds,
                    mirror,
                    changes,
                    base,
                    answer,
                    job.analysis,
                    analysed,
                )
            )

        self._worker = threading.Thread(target=work, name="archdraw-lint", daemon=True)
        self._worker.start()

    def _copy_of(self) -> Callable[[], Design] | None:
        """How the worker gets a fresh copy of the design, or None to keep its mirror."""
        if not self._copy_needed and self._mirror is not None:
            return None
        data = self.document.design.model_dump()  # a deep copy as plain data: the UI's share
        return lambda: rebuild(data)

    def _worker_done(self, result: object) -> None:
        if self._worker is not None:
            self._worker.join()
        self._worker = None
        if not isinstance(result, _Result) or self._closed:
            return
        if result.mirror is not None and result.mirror is not self._last_mirror:
            settle_long_lived()  # a fresh copy of the design, alive until the next one
        self._mirror = self._last_mirror = result.mirror
        if result.mirror is None:
            self._copy_needed = True
        if result.revision == self.document.revision:
            follows = result.base == self._shown and result.base[1] > 0
            self.marker_changes = result.changes if follows else None
            self._publish(result.findings, result.failure, result.seconds)
            self._shown = result.answer
            if result.analysis is not None and result.analysis is self._analysis:
                self.analysis_ready.emit(result.analysed)
            if self._analysis_due and self.threaded:
                self._run_in_thread()
        elif self.threaded:
            self._run_in_thread()  # stale: the edits made meanwhile are waiting
        else:
            self.run_now()


@dataclass(frozen=True)
class FirstLint:
    """A design's findings, worked out before it opens (`first_lint`)."""

    mirror: Mirror
    findings: list[Finding]
    failure: str | None


def first_lint(design: Design, library: Library) -> FirstLint:
    """Lint a private copy of `design` (which must not change meanwhile), for
    `LintRunner.adopt`."""
    mirror = Mirror(rebuild(design.model_dump()), LintSession(library))
    findings, failure = _lint(mirror.design, mirror.session)
    mirror.shown, mirror.answers = findings, 1
    return FirstLint(mirror, findings, failure)


def rebuild(data: dict[str, Any]) -> Design:
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
        cost=CostSettings.model_validate(data["cost"]),
        imported=None if data["imported"] is None else ImportBlock.model_validate(data["imported"]),
    )


def changes_between(before: list[Finding], after: list[Finding]) -> FindingChanges:
    """The findings gone and come from `before` to `after`, counted by `key_of`. The
    session hands back unchanged findings as the same objects: only the others
    are counted (equal findings that are new objects cancel out in the counts)."""
    kept = set(map(id, before)) & set(map(id, after))
    gone = Counter(key_of(f) for f in before if id(f) not in kept)
    came = Counter(key_of(f) for f in after if id(f) not in kept)
    return gone - came, came - gone


def _lint(
    design: Design, session: LintSession, edited: ValueEdits | None = None
) -> tuple[list[Finding], str | None]:
    try:
        return session.lint(design, edited=edited), None
    except Exception as error:  # a broken rule must not take the editor down
        return [], f"lint failed: {error}"
