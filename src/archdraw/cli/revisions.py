"""Designs read from git: `REV:path`, a revision alone, the designs changed since one.

git is run as a subprocess (no library): paths are given relative to the
working directory with git's `./` prefix, so they work from any sub-folder.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

DESIGN_PATTERNS = ("*.archdraw.yaml", "*.archdraw.yml")


class RevisionError(Exception):
    """git is missing, this is no repository, or the revision does not exist."""


def _git(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except OSError as error:
        raise RevisionError(f"cannot run git: {error.strerror or error}") from None


def is_revision(text: str) -> bool:
    done = _git("rev-parse", "--verify", "--quiet", f"{text}^{{commit}}")
    return done.returncode == 0


def split_spec(spec: str) -> tuple[str, str] | None:
    """("REV", "path") for a `REV:path` argument, else None."""
    revision, colon, path = spec.partition(":")
    if not colon or not revision or not path:
        return None
    return revision, path


def read_at(revision: str, path: str) -> bytes | None:
    """The file's bytes at `revision`, or None when it does not exist there."""
    if not is_revision(revision):
        raise RevisionError(f"'{revision}' is not a git revision here")
    relative = path if path.startswith("./") or Path(path).is_absolute() else f"./{path}"
    if Path(relative).is_absolute():
        top = _git("rev-parse", "--show-toplevel").stdout.decode().strip()
        relative = Path(relative).resolve().relative_to(Path(top).resolve()).as_posix()
    done = _git("show", f"{revision}:{relative}")
    if done.returncode != 0:
        exists = _git("cat-file", "-e", f"{revision}:{relative}")
        if exists.returncode != 0:
            return None
        raise RevisionError(done.stderr.decode(errors="replace").strip())
    return done.stdout


def _renames_and_changes(old: str, new: str | None) -> list[tuple[str, str]]:
    """(path at `old`, path at `new`) of every design that differs, a renamed or moved one
    paired with its earlier path (git's rename detection), relative to the working
    directory and limited to it."""
    revisions = [old] if new is None else [old, new]
    done = _git(
        "diff", "--name-status", "-z", "-M", "--relative", *revisions, "--", *DESIGN_PATTERNS
    )
    if done.returncode != 0:
        raise RevisionError(done.stderr.decode(errors="replace").strip())
    fields = done.stdout.decode().split("\0")
    pairs: list[tuple[str, str]] = []
    index = 0
    while index < len(fields) and fields[index]:
        status = fields[index]
        if status[:1] in ("R", "C"):
            pairs.append((fields[index + 1], fields[index + 2]))
            index += 3
        else:
            pairs.append((fields[index + 1], fields[index + 1]))
            index += 2
    return pairs


def changed_designs(old: str, new: str | None) -> list[tuple[str, str]]:
    """(path at `old`, path at `new`) of the design files that differ between `old` and
    `new` (the working tree, untracked designs included, when None), sorted by the newer
    path. A design moved or renamed is one pair, so its findings are not all new."""
    pairs = _renames_and_changes(old, new)
    if new is None:
        untracked = _git("ls-files", "--others", "--exclude-standard", "--", *DESIGN_PATTERNS)
        pairs += [(n, n) for n in untracked.stdout.decode().splitlines() if n]
    return sorted(dict.fromkeys(pairs), key=lambda pair: pair[1])


def earlier_path(revision: str, path: str) -> str:
    """Where the working tree's design `path` was at `revision`: its own path, or the one
    it was renamed or moved from since."""
    wanted = Path(path).as_posix().removeprefix("./")
    for before, after in _renames_and_changes(revision, None):
        if after == wanted:
            return before
    return path
