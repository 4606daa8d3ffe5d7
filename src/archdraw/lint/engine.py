"""Run the rules over a design: settings applied, locations attached, findings sorted."""

from __future__ import annotations

import gc
from collections.abc import Sequence

from archdraw.io import ElementLocations
from archdraw.library import Library
from archdraw.lint.config import ResolvedSettings, ignore_matches, resolve, settings_issues
from archdraw.lint.context import LintContext
from archdraw.lint.rules import all_rules, find_rule
from archdraw.lint.types import (
    BY_POSITION,
    RANK,
    Finding,
    Issue,
    Rule,
    Severity,
    position_order,
)
from archdraw.model import Design

_NOWHERE: tuple[None, None] = (None, None)


def _finding(
    rule: Rule, issue: Issue, severity: Severity, position: tuple[int | None, int | None]
) -> Finding:
    # Positional: keyword arguments cost a third more on tens of thousands of findings.
    element = issue.component or issue.link or issue.zone
    return Finding(
        rule.code,
        rule.name,
        severity,
        issue.component,
        issue.link,
        issue.zone,
        issue.message,
        position[0],
        position[1],
        rule,
        issue.fix,
        position_order(position[0], position[1], severity, rule.code, element),
    )


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
    findings.extend(settings_findings(chosen, rules is None, settings, locations, used_ignores))
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
    append = findings.append
    ignores = settings.ignores
    override = settings.severity.get(rule.code)
    code, name, default = rule.code, rule.name, rule.severity
    # The location look-up and `_finding` spelled out: over 10,000 issues a run at 5,000
    # components, and two calls per issue cost a few milliseconds.
    no_locations: dict[str, tuple[int, int]] = {}
    components = links = zones = no_locations
    if locations is not None:
        components, links, zones = locations.components, locations.links, locations.zones
    for issue in rule.check(context):
        if ignores:
            matched = [i for i, ignore, _ in ignores if ignore_matches(ignore, rule, issue)]
            if matched:
                used_ignores.update(matched)
                continue
        component, link, zone = issue.component, issue.link, issue.zone
        where = None
        if component is not None:
            where = components.get(component)
        elif link is not None:
            where = links.get(link)
        elif zone is not None:
            where = zones.get(zone)
        line, column = where if where is not None else _NOWHERE
        severity = override or issue.severity or default
        append(
            Finding(
                code,
                name,
                severity,
                component,
                link,
                zone,
                issue.message,
                line,
                column,
                rule,
                issue.fix,
                # `position_order` spelled out, for the same reason.
                (line or 0, column or 0, -RANK[severity], code, component or link or zone or ""),
            )
        )
    return findings


def settings_findings(
    chosen: Sequence[Rule],
    complete: bool,
    settings: ResolvedSettings,
    locations: ElementLocations | None,
    used_ignores: set[int],
) -> list[Finding]:
    """Findings about the `lint:` settings themselves (AD0xx), after the other rules ran."""
    findings: list[Finding] = []
    chosen_codes = {r.code for r in chosen}
    for code, issue, place in settings_issues(settings, used_ignores):
        settings_rule = find_rule(code)
        if settings_rule is None or code in settings.disabled or code not in chosen_codes:
            continue
        if code == "AD002" and not complete:
            continue  # a partial run cannot tell that an ignore is stale
        found = locations.setting(place) if locations is not None else None
        position: tuple[int | None, int | None] = found if found is not None else (None, None)
        severity = settings.severity.get(code) or settings_rule.severity
        findings.append(_finding(settings_rule, issue, severity, position))
    return findings
