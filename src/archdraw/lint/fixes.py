"""A finding's one-click fix as an `Edit`: what the editor's Fix button and `lint --fix` apply."""

from __future__ import annotations

from archdraw.lint.types import Finding
from archdraw.model.edit_base import Edit
from archdraw.model.edits import SetLinkProperties, SetProperties


def fix_edit(finding: Finding) -> Edit | None:
    """The edit that applies `finding`'s fix, labelled for undo; None when it has none."""
    fix = finding.fix
    if fix is None:
        return None
    label = f"Fix {finding.code}: {fix.label}"
    if fix.component is not None:
        return SetProperties(fix.component, dict(fix.props), label=label)
    if fix.link is not None:
        return SetLinkProperties(fix.link, dict(fix.props), label=label)
    return None
