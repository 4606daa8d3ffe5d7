"""`archdraw lint --fix`: apply the fixes the editor's Fix button offers (the same edits,
through a `Document`), save atomically as the editor does, say what changed.
`--fix --dry-run` prints the change as a unified diff and writes nothing."""

from __future__ import annotations

import difflib
import sys
from collections.abc import Sequence
from pathlib import Path

from archdraw.io import LoadedDesign, dumps, loads, save
from archdraw.library import Library
from archdraw.lint import Rule, lint_design
from archdraw.lint.fixes import fix_edit
from archdraw.model import Document
from archdraw.model.edit_base import EditError


def apply_fixes(
    path: str,
    loaded: LoadedDesign,
    library: Library,
    rules: Sequence[Rule] | None,
    dry_run: bool,
) -> LoadedDesign:
    """The design with every offered fix applied (written unless `dry_run`)."""
    document = Document(loaded.design.model_copy(deep=True), Path(path))
    applied: list[str] = []
    for finding in lint_design(loaded.design, library, loaded.locations, rules):
        edit = fix_edit(finding)
        if edit is None or finding.fix is None:
            continue
        try:
            document.apply(edit)
        except EditError as error:  # an earlier fix removed what this one changes
            print(f"{path}: {finding.code}: fix not applied: {error}", file=sys.stderr)
            continue
        where = f"{path}:{finding.line}" if finding.line else path
        applied.append(f"{where}: {finding.code} {finding.fix.label}")
    if not applied:
        return loaded
    text = dumps(document.design)
    verb = "would fix" if dry_run else "fixed"
    for line in applied:
        print(f"{verb} {line}", file=sys.stderr)
    if dry_run:
        before = Path(path).read_text(encoding="utf-8").splitlines(keepends=True)
        sys.stdout.writelines(
            difflib.unified_diff(before, text.splitlines(keepends=True), path, f"{path} (fixed)")
        )
        return loads(text, path, library)
    save(document.design, path)
    return loads(text, path, library)
