"""Run the rules over a design: settings applied, locations attached, findings sorted."""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from typing import overload

from archdraw.io import ElementLocations
from archdraw.library import Library
from archdraw.lint.config import (
    LintRun,
    ResolvedSettings,
    ignore_matches,
    ignore_names,
    resolve,
)
from archdraw.lint.context import LintContext
from archdraw.lint.rules import all_rules
from archdraw.lint.types import (
    BY_POSITION,
    RANK,
    Finding,
    Issue,
    Related,
    Rule,
    Severity,
)
from archdraw.model import Design

_NOWHERE: tuple[None, None] = (None, None)
_NO_PLACES: dict[str, tuple[int, int]] = {}


def _finding(
    rule: Rule, issue: Issue, severity: Severity, position: tuple[int | None, int | None]
) -> Finding:
    """A finding of `rule` at `position` (line and column in the file)."""
    line, column = position
    component, link, zone = issue.component, issue.link, issue.zone
    code = rule.code
    # The fields in their declared order: a run builds thousands of findings, and keyword
    # arguments cost the dataclass a look-up each. The order is `position_order`'s tuple,
    # built here without a call per finding (a test holds the two to the same key).
    return Finding(
        code,
        rule.name,
        severity,
        component,
        link,
        zone,
        issue.message,
        line,
        column,
        rule,
        issue.fix,
        (line or 0, column or 0, _WORST_FIRST[severity], code, component or link or zone or ""),
    )


# `-RANK[severity]` by the severity itself: a `Severity` looked up in a table of plain
# strings takes the slow path of string comparison, once per finding.
_WORST_FIRST: dict[str, int] = {severity: -RANK[severity] for severity in Severity}


def lint_design(
    design: Design,
    library: Library,
    locations: ElementLocations | None = None,
    rules: Sequence[Rule] | None = None,
) -> list[Finding]:
    """Every finding for `design`, after its `lint:` settings, sorted by position.

    `rules` restricts the run (the CLI's --select); settings findings (AD0xx)
    are reported whenever they are among the rules run.
    """
    # A run allocates tens of thousands of short-lived objects and creates no cycles
    # worth collecting; left on, the collector walks the whole design several times
    # per run (a fifth of the run time at 5,000 components).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _lint(design, library, locations, rules)
    finally:
        if collecting:
            gc.enable()


def _lint(
    design: Design,
    library: Library,
    locations: ElementLocations | None,
    rules: Sequence[Rule] | None,
) -> list[Finding]:
    chosen = all_rules() if rules is None else tuple(rules)
    settings = resolve(design.lint)
    context = LintContext(design, library)
    findings: list[Finding] = []
    used_ignores: set[int] = set()
    for rule in chosen:
        if rule.code in settings.disabled or rule.category == "settings":
            continue
        findings.extend(rule_findings(rule, context, settings, locations, used_ignores))
    findings.extend(
        settings_findings(chosen, rules is None, settings, locations, used_ignores, context)
    )
    findings.sort(key=BY_POSITION)
    return findings


def rule_findings(
    rule: Rule,
    context: LintContext,
    settings: ResolvedSettings,
    locations: ElementLocations | None,
    used_ignores: set[int],
) -> list[Finding]:
    """One rule's findings after severity overrides and ignores (indices of matched
    ignores are added to `used_ignores`)."""
    findings: list[Finding] = []
    override = settings.severity.get(rule.code)
    ignores = [(i, ignore) for i, ignore, _ in settings.ignores if ignore_names(ignore, rule)]
    # Nearly every finding is about a component: its place is looked up here, the others'
    # through `_position`.
    placed = _NO_PLACES if locations is None else locations.components
    append = findings.append
    for issue in rule.check(context):
        if ignores:
            matched = [i for i, ignore in ignores if ignore_matches(ignore, rule, issue)]
            if matched:
                used_ignores.update(matched)
                continue
        # No component id is None: a finding about none looks its place up elsewhere.
        position: tuple[int | None, int | None] | None
        position = placed.get(issue.component)  # type: ignore[arg-type]
        if position is None:
            position = _position(locations, None, issue.link, issue.zone)
        finding = _finding(rule, issue, override or issue.severity or rule.severity, position)
        if issue.related:
            finding.related = RelatedPlaces(issue.related, locations)
        append(finding)
    return findings


class RelatedPlaces(Sequence[Related]):
    """A finding's other elements (component ids, else link keys) with their places in the
    file, looked up in the run's locations when first read: the places serve the JSON and
    SARIF outputs, while the editor and the text output read the elements alone, or
    nothing. The locations of a loaded file never change, so a later read gives what the
    run would have."""

    __slots__ = ("_keys", "_locations", "_places")

    def __init__(self, keys: tuple[str, ...], locations: ElementLocations | None) -> None:
        self._keys = keys
        self._locations = locations
        self._places: tuple[Related, ...] | None = None

    def _located(self) -> tuple[Related, ...]:
        if self._places is None:
            self._places = _related(self._locations, self._keys)
        return self._places

    @overload
    def __getitem__(self, index: int) -> Related: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Related, ...]: ...
    def __getitem__(self, index: int | slice) -> Related | tuple[Related, ...]:
        return self._located()[index]

    def __len__(self) -> int:
        return len(self._keys)

    def __iter__(self) -> Iterator[Related]:
        return iter(self._located())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return self._located() == tuple(other)
        return NotImplemented

    def __repr__(self) -> str:
        return repr(self._located())


def _related(locations: ElementLocations | None, keys: tuple[str, ...]) -> tuple[Related, ...]:
    """The elements `keys` names, each with its place in the file: `_position` of each, with
    the tables looked up once (one finding may name thousands)."""
    if locations is None:
        return tuple([Related(key, None, None) for key in keys])
    components, links = locations.components, locations.links
    # A place is a non-empty (line, column): `or` moves on only when there is none.
    return tuple(
        [Related(key, *(components.get(key) or links.get(key) or _NOWHERE)) for key in keys]
    )


def _position(
    locations: ElementLocations | None, component: str | None, link: str | None, zone: str | None
) -> tuple[int | None, int | None]:
    """Where an element is in the file: a component id, else a link key, else a zone id."""
    if locations is None:
        return _NOWHERE
    where = None
    if component is not None:
        where = locations.components.get(component)
    if where is None and link is not None:
        where = locations.links.get(link)
    if where is None and zone is not None:
        where = locations.zones.get(zone)
    return where if where is not None else _NOWHERE


def settings_findings(
    chosen: Sequence[Rule],
    complete: bool,
    settings: ResolvedSettings,
    locations: ElementLocations | None,
    used_ignores: set[int],
    context: LintContext,
) -> list[Finding]:
    """The settings rules' findings (AD0xx), after the other rules ran: they judge which
    ignores matched. Located at the ignore entry they are about, if any."""
    context.run = LintRun(settings, frozenset(used_ignores), complete)
    findings: list[Finding] = []
    for rule in chosen:
        if rule.category != "settings" or rule.code in settings.disabled:
            continue
        severity = settings.severity.get(rule.code) or rule.severity
        for issue in rule.check(context):
            found = None
            if issue.setting is not None and locations is not None:
                found = locations.setting(issue.setting)
            position = found if found is not None else _NOWHERE
            findings.append(_finding(rule, issue, severity, position))
    return findings
