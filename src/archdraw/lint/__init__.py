"""The rules engine: reads a design like an experienced reviewer and explains what is fragile.

`lint_design(design, library, locations=None)` returns sorted `Finding`s after
the design's `lint:` settings; `all_rules()` lists every rule.
"""

from archdraw.lint.context import LintContext
from archdraw.lint.engine import lint_design
from archdraw.lint.rules import RETIRED_CODES, all_rules, find_rule
from archdraw.lint.types import Finding, Fix, Issue, Rule, Severity, rule

__all__ = [
    "RETIRED_CODES",
    "Finding",
    "Fix",
    "Issue",
    "LintContext",
    "Rule",
    "Severity",
    "all_rules",
    "find_rule",
    "lint_design",
    "rule",
]
