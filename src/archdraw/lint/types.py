"""What the lint engine speaks: severities, rules, fixes and findings."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from operator import attrgetter
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from archdraw.lint.context import LintContext


# Where a `lint:` setting is written: ("ignore", index), ("disable", index), ("severity", key).
Place = tuple[str, int | str]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is worse: error 3, warning 2, info 1."""
        return RANK[self.value]


RANK = {"error": 3, "warning": 2, "info": 1}


CATEGORIES: dict[str, str] = {
    "AD0": "settings",
    "AD1": "reliability",
    "AD2": "traffic",
    "AD3": "security",
    "AD4": "data",
    "AD5": "ai",
    "AD6": "operations",
    "AD7": "cost",
}


# Not frozen, like `Finding` (it is not hashable anyway: `props` is a dict). Read-only.
@dataclass(slots=True)
class Fix:
    """A one-click remedy: `SetProperties(component, props)` or `SetLinkProperties(link, props)`."""

    label: str
    component: str | None
    link: str | None
    props: Mapping[str, Any]


@dataclass(slots=True)
class Issue:
    """What a rule's check yields; the engine turns it into a `Finding`."""

    message: str
    component: str | None = None
    link: str | None = None
    zone: str | None = None
    fix: Fix | None = None
    # A rule may report a milder case below its default (utilization 0.8 is a warning,
    # 1.0 an error); a severity override in the file still wins.
    severity: Severity | None = None
    # One finding per cause: the other elements it is about (component ids or link keys),
    # each located in the output (SARIF related locations, JSON `related`).
    related: tuple[str, ...] = ()
    # Settings rules (AD0xx): where the setting the issue is about is written.
    setting: Place | None = None


class Related(NamedTuple):
    """Another element a finding is about, with its place in the file."""

    element: str
    line: int | None
    column: int | None


Check = Callable[["LintContext"], Iterable[Issue]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    category: str
    title: str
    why: str
    fix: str
    references: tuple[str, ...] = ()
    check: Check = field(default=lambda ctx: (), compare=False, repr=False)


def rule(
    *,
    code: str,
    name: str,
    severity: Severity,
    title: str,
    why: str,
    fix: str,
    references: Iterable[str] = (),
) -> Callable[[Check], Rule]:
    """Turn a check function into a `Rule`; the category comes from the code's family."""

    def make(check: Check) -> Rule:
        return Rule(
            code=code,
            name=name,
            severity=severity,
            category=CATEGORIES.get(code[:3], "other"),
            title=title,
            why=" ".join(why.split()),
            fix=" ".join(fix.split()),
            references=tuple(references),
            check=check,
        )

    return make


# Not frozen: the engine sets `related` after building it. Treat findings as read-only.
@dataclass(slots=True)
class Finding:
    code: str
    name: str
    severity: Severity
    component: str | None
    link: str | None
    zone: str | None
    message: str
    line: int | None
    column: int | None
    rule: Rule
    fix: Fix | None = None
    # `sort_key()`, stored by the engine as it builds the finding (`BY_POSITION`).
    order: tuple[int, int, int, str, str] | None = field(default=None, repr=False, compare=False)
    # The other elements it is about, with their places (the engine looks them up when read).
    related: Sequence[Related] = ()

    @property
    def element(self) -> str | None:
        """The id (or link key) the finding is about, if any."""
        return self.component or self.link or self.zone

    def sort_key(self) -> tuple[int, int, int, str, str]:
        """Position in the file, then the worst first, then code and element."""
        if self.order is not None:
            return self.order
        return position_order(self.line, self.column, self.severity, self.code, self.element)


def position_order(
    line: int | None, column: int | None, severity: str, code: str, element: str | None
) -> tuple[int, int, int, str, str]:
    return (line or 0, column or 0, -RANK[severity], code, element or "")


BY_POSITION = attrgetter("order")
"""The key that sorts findings the engine built as `Finding.sort_key` does."""
