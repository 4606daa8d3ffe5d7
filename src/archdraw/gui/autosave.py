"""Autosave and crash recovery.

Every `interval` seconds a dirty document is written to the platform state
folder (never over the user's file). The UI thread takes a snapshot (YAML text
for small designs; `model_dump` for big ones, because YAML-dumping thousands
of components holds the interpreter for seconds) and a worker thread writes
it, fsynced like a save, so a power loss cannot take the recovery file too.
When a design crosses the size threshold, the file in the old format goes only
after the new one is written.

A running editor holds a lock on its session's lock file; an autosave whose
lock nobody holds was left by an editor that did not close, whatever process
now has its old process id. The next start offers every such session.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer

from archdraw.io import dumps, loads
from archdraw.io.save import write_atomic
from archdraw.library import Library
from archdraw.model import Design, Document

BIG_DESIGN = 2000  # components; above this the file is JSON, snapshotted without YAML
FORMATS = (".archdraw.yaml", ".json")


@dataclass(frozen=True)
class AutosaveEntry:
    session: str
    data_path: Path
    meta_path: Path
    original: Path | None
    saved_at: datetime
    name: str

    def describe(self) -> str:
        where = str(self.original) if self.original else "an unsaved design"
        return f"'{self.name}' ({where}), autosaved {self.saved_at:%Y-%m-%d %H:%M:%S}"


class Autosave(QObject):
    def __init__(self, document: Document, directory: Path, interval_s: float) -> None:
        super().__init__()
        self.document, self.directory = document, directory
        self.session = uuid.uuid4().hex[:12]
        self._written_revision = -1
        self._writer: threading.Thread | None = None
        self._lock: int | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(max(50, int(interval_s * 1000)))
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def adopt(self, entry: AutosaveEntry) -> None:
        """Continue a recovered session's files, so saving removes them."""
        self.discard()
        self._release()
        _remove(self.directory / f"{self.session}.lock")
        self.session = entry.session
        self._hold()

    def _hold(self) -> None:
        if self._lock is None:
            self._lock = _take_lock(self.directory / f"{self.session}.lock")

    def _release(self) -> None:
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None

    def _paths(self, suffix: str) -> tuple[Path, Path]:
        return (
            self.directory / f"{self.session}{suffix}",
            self.directory / f"{self.session}.meta.json",
        )

    def tick(self) -> None:
        if self.document.dirty and self.document.revision != self._written_revision:
            self.write_now()

    def write_now(self) -> None:
        if self._writer is not None and self._writer.is_alive():
            return  # the previous write is still going; the next tick catches up
        design = self.document.design
        self.directory.mkdir(parents=True, exist_ok=True)
        self._hold()
        meta = {
            "file": str(self.document.path) if self.document.path else None,
            "saved_at": datetime.now().isoformat(timespec="seconds"),
            "name": design.name,
            "pid": os.getpid(),
        }
        self._written_revision = self.document.revision
        big = len(design.components) > BIG_DESIGN
        suffix, stale = (".json", ".archdraw.yaml") if big else (".archdraw.yaml", ".json")
        if big:  # JSON text is made on the writer thread, from a snapshot
            snapshot = design.model_dump(mode="json", by_alias=True, exclude_none=True)
            render: Callable[[], str] = partial(json.dumps, snapshot)
        else:
            render = partial(str, dumps(design))
        data_path, meta_path = self._paths(suffix)
        old_path = self._paths(stale)[0]

        def write() -> None:
            with contextlib.suppress(OSError):
                write_atomic(data_path, render().encode("utf-8"))
                write_atomic(meta_path, json.dumps(meta).encode("utf-8"))
                # Only now that the new file is safe may the old format go.
                _remove(old_path)

        self._writer = threading.Thread(target=write, name="archdraw-autosave", daemon=True)
        self._writer.start()

    def discard(self) -> None:
        if self._writer is not None:
            self._writer.join()
        for suffix in (".archdraw.yaml", ".json"):
            _remove(self._paths(suffix)[0])
        _remove(self._paths(".json")[1])
        self._written_revision = -1

    def wait(self) -> None:
        """Until the write in progress (if any) is on disk."""
        if self._writer is not None:
            self._writer.join()

    def stop(self) -> None:
        self.timer.stop()
        self.wait()
        self._release()
        _remove(self.directory / f"{self.session}.lock")


def _take_lock(path: Path) -> int | None:
    """An open descriptor holding an exclusive lock on `path`, or None where locks fail."""
    if os.name != "posix":
        return None
    import fcntl

    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return fd


def _held(lock_path: Path) -> bool | None:
    """Whether a running editor holds the lock; None when there is no lock to ask."""
    if os.name != "posix" or not lock_path.exists():
        return None
    fd = _take_lock(lock_path)
    if fd is None:
        return True
    os.close(fd)
    return False


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def _alive(pid: Any) -> bool:
    if not isinstance(pid, int) or pid == os.getpid() or os.name != "posix":
        return False
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    return True


def pending_autosaves(directory: Path) -> list[AutosaveEntry]:
    """Autosaves left by editors that are no longer running, newest first."""
    entries = []
    for meta_path in directory.glob("*.meta.json") if directory.is_dir() else ():
        session = meta_path.name.removesuffix(".meta.json")
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            saved_at = datetime.fromisoformat(str(meta["saved_at"]))
        except (OSError, ValueError, KeyError, TypeError):
            continue
        held = _held(directory / f"{session}.lock")
        if held or (held is None and _alive(meta.get("pid"))):
            continue
        data = _newest([directory / f"{session}{suffix}" for suffix in FORMATS])
        if data is None:
            continue
        original = Path(meta["file"]) if meta.get("file") else None
        entries.append(
            AutosaveEntry(
                session, data, meta_path, original, saved_at, str(meta.get("name", "design"))
            )
        )
    return sorted(entries, key=lambda e: e.saved_at, reverse=True)


def _newest(paths: list[Path]) -> Path | None:
    """The most recently written of `paths` that exist (both do after a crash mid-switch)."""
    found = []
    for path in paths:
        with contextlib.suppress(OSError):
            found.append((path.stat().st_mtime_ns, path))
    return max(found)[1] if found else None


def read_autosave(entry: AutosaveEntry, library: Library) -> Design:
    """The autosaved design; raises DesignError or ValueError when it is unreadable."""
    text = entry.data_path.read_text(encoding="utf-8")
    if entry.data_path.suffix == ".json":
        return Design.model_validate(json.loads(text))
    return loads(text, str(entry.data_path), library).design


def discard_entry(entry: AutosaveEntry) -> None:
    for suffix in FORMATS:
        _remove(entry.meta_path.with_name(f"{entry.session}{suffix}"))
    _remove(entry.meta_path)
    _remove(entry.meta_path.with_name(f"{entry.session}.lock"))
