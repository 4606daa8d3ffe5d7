"""AD002: an ignore entry matches no finding."""

from collections.abc import Iterator

from archdraw.lint.config import describe
from archdraw.lint.context import LintContext
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD002",
    name="stale-ignore",
    severity=Severity.WARNING,
    title="Lint ignore that matches nothing",
    why="""An ignore that matches no finding is stale: the problem was fixed, the element was
    renamed, or the entry names the wrong thing. Left in place it will silently hide the
    problem if it ever comes back, which is exactly when you want to hear about it.""",
    fix="""Delete the entry from `lint.ignore`, or correct its `component`, `link` or `zone`
    so it names the element the finding is about.""",
    references=("ruff: unused-noqa (RUF100)",),
)
def stale_ignore(ctx: LintContext) -> Iterator[Issue]:
    run = ctx.lint_run()
    if not run.complete:
        return  # a partial run cannot tell that an ignore is stale
    for index, ignore, _ in run.settings.ignores:
        if index not in run.matched:
            yield Issue(
                f"the ignore of {describe(ignore)} matches no finding: the problem is gone or "
                "the entry names the wrong element; remove it",
                setting=("ignore", index),
            )
