"""AD001: an ignore entry in the file's lint settings gives no reason."""

from collections.abc import Iterator

from archdraw.lint.config import describe
from archdraw.lint.context import LintContext
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD001",
    name="ignore-without-reason",
    severity=Severity.WARNING,
    title="Lint ignore without a reason",
    why="""An ignore silences a finding for everyone who reads the design after you. Without a
    reason nobody can tell a considered decision ("the payment provider's SDK retries for us")
    from a shortcut taken to make CI green, so nobody dares to remove it, and it outlives the
    reason it was added for.""",
    fix="""Add `reason:` to the entry under `lint.ignore`, one sentence saying why the rule does
    not apply here, or remove the entry and fix the finding.""",
    references=("pylint and ruff: suppressions that must name what they suppress",),
)
def ignore_without_reason(ctx: LintContext) -> Iterator[Issue]:
    for index, ignore, _ in ctx.lint_run().settings.ignores:
        if not (ignore.reason or "").strip():
            yield Issue(
                f"the ignore of {describe(ignore)} gives no reason: add `reason:` so the next "
                "reader knows why this finding does not apply",
                setting=("ignore", index),
            )
