"""AD003: the lint settings name a rule that does not exist."""

from collections.abc import Iterator

from archdraw.lint.config import did_you_mean
from archdraw.lint.context import LintContext
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD003",
    name="unknown-rule",
    severity=Severity.WARNING,
    title="Lint setting names an unknown rule",
    why="""A misspelt code or name in `lint.disable`, `lint.severity` or `lint.ignore` does
    nothing at all, so the finding you meant to silence or reclassify still shows up (or, worse,
    you believe a rule is off when it is not).""",
    fix="""Use a code (AD101) or a name (single-point-of-failure) from `archdraw rules`.""",
    references=("archdraw rules",),
)
def unknown_rule(ctx: LintContext) -> Iterator[Issue]:
    settings = ctx.lint_run().settings
    for index, ignore in settings.bad_ignores:
        yield Issue(
            f"the ignore names '{ignore.rule}', which is no rule (`archdraw rules` lists them)",
            setting=("ignore", index),
        )
    for place, key in settings.unknown:
        yield Issue(
            f"lint.{place[0]} names '{key}', which is no rule "
            f"({did_you_mean(key)}`archdraw rules` lists them)",
            setting=place,
        )
