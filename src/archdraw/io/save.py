"""Saving a design: deterministic text, written atomically.

Deterministic means a design under version control diffs cleanly: keys in a
fixed order, each zone and link on one line, a component's position and props
on one line each, so moving one component changes one line.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import time
from pathlib import Path
from typing import Any

from archdraw.model.types import Design
from archdraw.source import FlowMap, FlowSeq, write_yaml


def _flow(value: Any) -> Any:
    if isinstance(value, dict):
        return FlowMap({k: _flow(v) for k, v in value.items()})
    if isinstance(value, list):
        return FlowSeq(_flow(v) for v in value)
    return value


def _shape(data: dict[str, Any]) -> dict[str, Any]:
    """Mark which parts are written on one line."""
    shaped = dict(data)
    if "zones" in shaped:
        shaped["zones"] = [FlowMap(z) for z in shaped["zones"]]
    if "links" in shaped:
        shaped["links"] = [_flow(k) for k in shaped["links"]]
    if "components" in shaped:
        components = []
        for component in shaped["components"]:
            component = dict(component)
            for key in ("position", "props"):
                if key in component:
                    component[key] = _flow(component[key])
            components.append(component)
        shaped["components"] = components
    if "lint" in shaped:
        lint = dict(shaped["lint"])
        for key in ("disable", "severity", "options"):
            if key in lint:
                lint[key] = _flow(lint[key])
        if "ignore" in lint:
            lint["ignore"] = [FlowMap(item) for item in lint["ignore"]]
        shaped["lint"] = lint
    if "cost" in shaped and "prices" in shaped["cost"]:
        shaped["cost"] = {**shaped["cost"], "prices": _flow(shaped["cost"]["prices"])}
    if "import" in shaped:
        block = dict(shaped["import"])
        for key in ("elements", "dependencies", "unknown"):
            if key in block:
                block[key] = [_flow(item) for item in block[key]]
        if "skipped" in block:
            block["skipped"] = _flow(block["skipped"])
        shaped["import"] = block
    return shaped


def dumps(design: Design) -> str:
    """The file text of `design`: the same design always gives the same bytes."""
    return write_yaml(_shape(design.to_data()))


# How much of the file being replaced is read for its opening comments.
_HEADER_BYTES = 64 * 1024


def leading_comments(path: Path) -> str:
    """The comment lines that open the file at `path` (such as the
    `# yaml-language-server: $schema=...` line editors read), or "" when there is none or
    no readable file. A save keeps them; comments further down are not kept."""
    try:
        with path.open("rb") as stream:
            head = stream.read(_HEADER_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return ""
    lines = head.splitlines(keepends=True)
    kept = []
    for line in lines[:-1] if len(head) == _HEADER_BYTES else lines:
        if not line.startswith("#"):
            break
        kept.append(line if line.endswith("\n") else line + "\n")
    return "".join(kept).replace("\r\n", "\n")


def saved_text(design: Design, path: Path | str) -> str:
    """What saving `design` over `path` writes: its opening comments, then the design."""
    return leading_comments(Path(path)) + dumps(design)


def save(design: Design, path: Path | str) -> None:
    """Write atomically: a crash leaves either the old file or the new one, never half.
    The comment lines that open the file it replaces are kept."""
    write_atomic(Path(path), saved_text(design, path).encode("utf-8"))


def _is_special(path: Path) -> bool:
    """Whether `path` exists and is neither a regular file nor a folder (what it names, when
    it is a link): a device, a pipe or a socket."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


# Temporary files of a save end in this, so one .gitignore line (`*.archdraw-tmp`) hides
# those an interrupted save leaves, and the next save of the same file can find them.
TEMPORARY_SUFFIX = ".archdraw-tmp"
# A temporary file this old was left by a save that died, even if its process id is reused.
_STALE_SECONDS = 3600


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` through a fsynced temporary file in the same folder,
    keeping the old file's permissions and, where allowed, its owner and group. A device or
    a pipe (`/dev/null`, `/dev/stdout`, a FIFO) is written into, never replaced: a rename
    would put a regular file where the system's device was."""
    if _is_special(path):
        with open(path, "ab") as stream:  # append: a device has nothing to truncate
            stream.write(data)
        return
    # Write through a symlink to its target, so the link survives and the rename
    # stays within the target's file system.
    path = path.resolve()
    directory = path.parent
    _remove_stale_temporaries(path)
    handle, temporary = tempfile.mkstemp(
        prefix=f".{path.name}.{os.getpid()}.", suffix=TEMPORARY_SUFFIX, dir=directory
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        _keep_owner_and_mode(path, temporary)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_directory(directory)


def _keep_owner_and_mode(path: Path, temporary: str) -> None:
    try:
        old = path.stat()
    except OSError:
        with contextlib.suppress(OSError):
            os.chmod(temporary, _new_file_mode())
        return
    if hasattr(os, "chown"):
        # Only root may give a file away; others keep their own group where they can.
        with contextlib.suppress(OSError):
            os.chown(temporary, old.st_uid, old.st_gid)
    with contextlib.suppress(OSError):
        os.chmod(temporary, old.st_mode & 0o7777)


def _remove_stale_temporaries(path: Path) -> None:
    """Temporary files of earlier saves of `path` whose process is gone (or that are old)."""
    prefix = f".{path.name}."
    with contextlib.suppress(OSError):
        for entry in os.scandir(path.parent):
            name = entry.name
            if not (name.startswith(prefix) and name.endswith(TEMPORARY_SUFFIX)):
                continue
            pid_text = name[len(prefix) :].split(".", 1)[0]
            with contextlib.suppress(OSError):
                age = time.time() - entry.stat(follow_symlinks=False).st_mtime
                owner = int(pid_text) if pid_text.isdigit() else None
                if owner != os.getpid() and (age > _STALE_SECONDS or not _running(owner)):
                    os.unlink(entry.path)


def _running(pid: int | None) -> bool:
    if pid is None or os.name != "posix":
        return pid is not None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, owned by someone else
    return True


def _new_file_mode() -> int:
    """The mode a new file gets here: 0o666 less the umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _sync_directory(directory: Path) -> None:
    # Makes the rename itself durable on POSIX; Windows has no directory handles.
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
