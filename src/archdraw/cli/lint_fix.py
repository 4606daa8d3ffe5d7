"""`archdraw lint --fix`: apply the fixes the editor's Fix button offers (the same edits,
through a `Document`), save atomically as the editor does, say what changed.
`--fix --dry-run` prints the change as a unified diff and writes nothing.

Fixes are applied in rounds, as ruff does: in each round every fix whose
element and properties no earlier fix of the round touched, then lint again.
So two rules asking for different replica counts on one component do not
overwrite each other blindly: the second is asked again once the first is
in, and applies only if it still fires.
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Sequence
from pathlib import Path

from archdraw.io import LoadedDesign, dumps, loads
from archdraw.io.save import saved_text, write_atomic
from archdraw.library import Library
from archdraw.lint import Finding, Rule, lint_design
from archdraw.lint.fixes import fix_edit
from archdraw.model import Document
from archdraw.model.edit_base import EditError
from archdraw.source import printable

MAX_ROUNDS = 10


def _targets(finding: Finding) -> set[tuple[str, str]]:
    fix = finding.fix
    assert fix is not None
    element = fix.component or fix.link or ""
    return {(element, name) for name in fix.props}


def _round(
    path: str, loaded: LoadedDesign, document: Document, findings: list[Finding]
) -> list[str]:
    """Apply the fixes of one round; what was applied, as `FILE:LINE: CODE label`."""
    touched: set[tuple[str, str]] = set()
    applied: list[str] = []
    for finding in findings:
        edit = fix_edit(finding)
        if edit is None or finding.fix is None or _targets(finding) & touched:
            continue
        try:
            document.apply(edit)
        except EditError as error:  # an earlier fix removed what this one changes
            print(printable(f"{path}: {finding.code}: fix not applied: {error}"), file=sys.stderr)
            continue
        touched |= _targets(finding)
        # Lines of the file as it was: later rounds lint a re-written text.
        locations = loaded.locations
        where = locations.components.get(finding.fix.component or "") or locations.links.get(
            finding.fix.link or ""
        )
        shown = f"{path}:{where[0]}" if where else path
        applied.append(f"{shown}: {finding.code} {finding.fix.label}")
    return applied


def _print_diff(path: str, loaded: LoadedDesign, fixed: str) -> None:
    """The fixes as a unified diff. A file not in the layout archdraw saves would show every
    line re-laid out, burying the fixes: it is compared as archdraw saves it, and said so."""
    original = Path(path).read_text(encoding="utf-8")
    saved = saved_text(loaded.design, path)
    before, label = original, path
    if saved != original:
        before, label = saved, f"{path} (as archdraw saves it)"
        print(
            printable(
                f"{path}: not in the layout archdraw saves; the diff compares that layout, and "
                "--fix writes the whole file in it (as the editor's Save does; comments below "
                "the opening ones are dropped)"
            ),
            file=sys.stderr,
        )
    diff = difflib.unified_diff(
        before.splitlines(keepends=True), fixed.splitlines(keepends=True), label, f"{path} (fixed)"
    )
    sys.stdout.writelines(diff)


def apply_fixes(
    path: str,
    loaded: LoadedDesign,
    library: Library,
    rules: Sequence[Rule] | None,
    dry_run: bool,
) -> LoadedDesign:
    """The design with every offered fix applied and written; with `dry_run`, the fixes are
    printed as a diff and the design returned as it was."""
    document = Document(loaded.design.model_copy(deep=True), Path(path))
    applied: list[str] = []
    current = loaded
    for _ in range(MAX_ROUNDS):
        findings = lint_design(current.design, library, current.locations, rules)
        snapshot = document.design.model_copy(deep=True)
        done = _round(path, loaded, document, findings)
        if not done or document.design == snapshot:
            break
        applied += done
        current = loads(dumps(document.design), path, library)
    if not applied:
        return loaded
    text = saved_text(document.design, path)
    verb = "would fix" if dry_run else "fixed"
    for line in applied:
        print(printable(f"{verb} {line}"), file=sys.stderr)
    if dry_run:
        _print_diff(path, loaded, text)
        # Nothing was written: the report that follows is of the file as it is, so that its
        # lines point at the file on disk, not at a fixed text nobody can open.
        return loaded
    write_atomic(Path(path), text.encode("utf-8"))
    return loads(text, path, library)
