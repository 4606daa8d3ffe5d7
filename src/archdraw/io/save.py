"""Saving a design: deterministic text, written atomically.

Deterministic means a design under version control diffs cleanly: keys in a
fixed order, each zone and link on one line, a component's position and props
on one line each, so moving one component changes one line.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
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


def save(design: Design, path: Path | str) -> None:
    """Write atomically: a crash leaves either the old file or the new one, never half."""
    write_atomic(Path(path), dumps(design).encode("utf-8"))


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` through a fsynced temporary file in the same folder."""
    # Write through a symlink to its target, so the link survives and the rename
    # stays within the target's file system.
    path = path.resolve()
    directory = path.parent
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        with contextlib.suppress(OSError):
            os.chmod(temporary, _mode_of(path))
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_directory(directory)


def _mode_of(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
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
