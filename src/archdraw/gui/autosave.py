"""Autosave and crash recovery.

Every `interval` seconds a dirty document is written to the platform state
folder (never over the user's file). Small designs are written as YAML on the
UI thread; big ones are snapshotted with `model_dump` on the UI thread and
written as JSON by a worker thread, because YAML-dumping thousands of
components holds the interpreter for seconds. The next start offers what is
left there; the files go once the user saves or declines.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer

from archdraw.io import dumps, loads
from archdraw.library import Library
from archdraw.model import Design, Document

BIG_DESIGN = 2000  # components; above this the file is JSON written off the UI thread


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
        self.timer = QTimer(self)
        self.timer.setInterval(max(50, int(interval_s * 1000)))
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def adopt(self, entry: AutosaveEntry) -> None:
        """Continue a recovered session's files, so saving removes them."""
        self.discard()
        self.session = entry.session

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
            return  # the previous big write is still going; the next tick catches up
        design = self.document.design
        self.directory.mkdir(parents=True, exist_ok=True)
        meta = {
            "file": str(self.document.path) if self.document.path else None,
            "saved_at": datetime.now().isoformat(timespec="seconds"),
            "name": design.name,
            "pid": os.getpid(),
        }
        self._written_revision = self.document.revision
        if len(design.components) <= BIG_DESIGN:
            data_path, meta_path = self._paths(".archdraw.yaml")
            _remove(self._paths(".json")[0])
            _write(data_path, dumps(design))
            _write(meta_path, json.dumps(meta))
            return
        snapshot = design.model_dump(mode="json", by_alias=True, exclude_none=True)
        data_path, meta_path = self._paths(".json")
        _remove(self._paths(".archdraw.yaml")[0])

        def write() -> None:
            _write(data_path, json.dumps(snapshot))
            _write(meta_path, json.dumps(meta))

        self._writer = threading.Thread(target=write, name="archdraw-autosave", daemon=True)
        self._writer.start()

    def discard(self) -> None:
        if self._writer is not None:
            self._writer.join()
        for suffix in (".archdraw.yaml", ".json"):
            _remove(self._paths(suffix)[0])
        _remove(self._paths(".json")[1])
        self._written_revision = -1

    def stop(self) -> None:
        self.timer.stop()
        if self._writer is not None:
            self._writer.join()


def _write(path: Path, text: str) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


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
        if _alive(meta.get("pid")):
            continue
        data = next(
            (
                p
                for p in (directory / f"{session}.archdraw.yaml", directory / f"{session}.json")
                if p.exists()
            ),
            None,
        )
        if data is None:
            continue
        original = Path(meta["file"]) if meta.get("file") else None
        entries.append(
            AutosaveEntry(
                session, data, meta_path, original, saved_at, str(meta.get("name", "design"))
            )
        )
    return sorted(entries, key=lambda e: e.saved_at, reverse=True)


def read_autosave(entry: AutosaveEntry, library: Library) -> Design:
    """The autosaved design; raises DesignError or ValueError when it is unreadable."""
    text = entry.data_path.read_text(encoding="utf-8")
    if entry.data_path.suffix == ".json":
        return Design.model_validate(json.loads(text))
    return loads(text, str(entry.data_path), library).design


def discard_entry(entry: AutosaveEntry) -> None:
    _remove(entry.data_path)
    _remove(entry.meta_path)
