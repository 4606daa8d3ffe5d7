"""`lint --baseline FILE` / `--update-baseline` and `lint --diff REV`: findings compared
with accepted ones (a baseline file, or the same files at a git revision), matched by
rule and element ids, so only new findings fail."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from archdraw.cli.revisions import RevisionError, earlier_path, read_at
from archdraw.io import DesignError, loads
from archdraw.io.save import write_atomic
from archdraw.library import Library
from archdraw.lint import Finding, Rule, lint_design
from archdraw.lint.baseline import (
    BaselineEntry,
    Keyed,
    dump_baseline,
    entry_for,
    match_findings,
    read_baseline,
)
from archdraw.lint.output import FileResult
from archdraw.source import printable
from archdraw.source.printable import plural


def _compared(
    result: FileResult, accepted: Sequence[Keyed], moved: list[BaselineEntry] | None = None
) -> FileResult:
    """`result` with each finding's state against the file's own `accepted` findings, then,
    for those still new, against `moved` (entries of designs that are gone: the file moved
    or was renamed). Rule and element ids match either way; the path only picks the file
    first. Entries matched from `moved` are taken out of it, so each is used once."""
    matching = match_findings(accepted, result.findings)
    state = {id(f): "new" for f in matching.new}
    state.update({id(f): "unchanged" for _, f in matching.unchanged})
    state.update({id(f): "updated" for _, f in matching.updated})
    if moved and matching.new:
        again = match_findings(moved, matching.new)
        state.update({id(f): "unchanged" for _, f in again.unchanged})
        state.update({id(f): "updated" for _, f in again.updated})
        used = {id(e) for e, _ in [*again.unchanged, *again.updated]}
        moved[:] = [e for e in moved if id(e) not in used]
    return replace(
        result, states=[state[id(f)] for f in result.findings], absent=list(matching.absent)
    )


def _key(baseline: Path, path: str) -> str:
    """A design's path as the baseline records it: relative to the baseline's folder."""
    return Path(os.path.relpath(Path(path).resolve(), baseline.resolve().parent)).as_posix()


def against_baseline(results: list[FileResult], baseline: Path) -> list[FileResult]:
    entries = read_baseline(baseline)
    by_path: dict[str, list[BaselineEntry]] = {}
    for entry in entries:
        by_path.setdefault(entry.path, []).append(entry)
    folder = baseline.resolve().parent
    linted = {_key(baseline, result.path) for result in results}
    moved = [e for e in entries if e.path not in linted and not (folder / e.path).exists()]
    return [
        result
        if result.problems
        else _compared(result, by_path.get(_key(baseline, result.path), []), moved)
        for result in results
    ]


def update_baseline(results: list[FileResult], baseline: Path) -> str:
    """Accept today's findings of the files linted; entries of other files stay unless the
    file is gone. Returns what changed, for stderr."""
    linted = {_key(baseline, r.path) for r in results if not r.problems}
    kept = [
        e
        for e in read_baseline(baseline)
        if e.path not in linted and (baseline.resolve().parent / e.path).exists()
    ]
    accepted = [entry_for(_key(baseline, r.path), f) for r in results for f in r.findings]
    pruned = sum(len(r.absent) for r in results)
    added = sum(1 for r in results for s in (r.states or []) if s == "new")
    write_atomic(baseline, dump_baseline([*kept, *accepted]).encode("utf-8"))
    return (
        f"archdraw lint: wrote {baseline}: "
        f"{plural(len(kept) + len(accepted), 'accepted finding')}, "
        f"{added} added, {pruned} pruned (no longer found)"
    )


def _findings_at(
    revision: str, path: str, library: Library, rules: Sequence[Rule] | None
) -> list[Finding]:
    data = read_at(revision, path)
    if data is None:
        # Moved or renamed since: compare with the file it was; otherwise every finding of
        # a design that only moved folder would be new.
        before = earlier_path(revision, path)
        data = read_at(revision, before) if before != path else None
    if data is None:
        return []  # a new file: every finding is new
    try:
        loaded = loads(data, f"{revision}:{path}", library)
    except DesignError as error:
        print(
            printable(
                f"archdraw lint: {revision}:{path} does not load ({error.problems[0]}); "
                "every finding counts as new"
            ),
            file=sys.stderr,
        )
        return []
    return lint_design(loaded.design, library, loaded.locations, rules)


def against_revision(
    results: list[FileResult], revision: str, library: Library, rules: Sequence[Rule] | None
) -> list[FileResult]:
    """Raises RevisionError when `revision` cannot be read."""
    return [
        result
        if result.problems
        else _compared(result, _findings_at(revision, result.path, library, rules))
        for result in results
    ]


__all__ = ["RevisionError", "against_baseline", "against_revision", "update_baseline"]
