"""The file's `lint:` settings: disable, severity overrides and ignores (with reasons).

Settings name rules by code or by name. Problems with the settings themselves
are findings too: AD001 (ignore without a reason), AD002 (stale ignore: it
matches nothing) and AD003 (a setting names no known rule).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from archdraw.lint.rules import all_rules, find_rule
from archdraw.lint.types import Issue, Place, Rule, Severity
from archdraw.model import LintIgnore, LintSettings


@dataclass
class ResolvedSettings:
    disabled: set[str] = field(default_factory=set)
    severity: dict[str, Severity] = field(default_factory=dict)
    ignores: list[tuple[int, LintIgnore, Rule]] = field(default_factory=list)
    # ("disable", index) or ("severity", key), and the name that is no rule.
    unknown: list[tuple[Place, str]] = field(default_factory=list)
    bad_ignores: list[tuple[int, LintIgnore]] = field(default_factory=list)


def resolve(settings: LintSettings) -> ResolvedSettings:
    resolved = ResolvedSettings()
    for index, key in enumerate(settings.disable):
        found = find_rule(key)
        if found is None:
            resolved.unknown.append((("disable", index), key))
        else:
            resolved.disabled.add(found.code)
    for key, level in settings.severity.items():
        found = find_rule(key)
        if found is None:
            resolved.unknown.append((("severity", key), key))
        else:
            resolved.severity[found.code] = Severity(level)
    for index, ignore in enumerate(settings.ignore):
        found = find_rule(ignore.rule)
        if found is None:
            resolved.bad_ignores.append((index, ignore))
        else:
            resolved.ignores.append((index, ignore, found))
    return resolved


def rule_names() -> list[str]:
    return [name for rule in all_rules() for name in (rule.code, rule.name)]


def nearest_rule(key: str) -> str | None:
    """The rule code or name a mistyped `key` most likely means, weighing each name whole
    and cut to the key's length (`single-pont` is AD101's name cut short and misspelt,
    closer to it than to `single-zone`)."""
    key = key.strip().lower()

    def score(name: str) -> float:
        whole = difflib.SequenceMatcher(None, key, name.lower()).ratio()
        start = difflib.SequenceMatcher(None, key, name[: len(key)].lower()).ratio()
        return max(whole, start)

    best = max(rule_names(), key=score)
    return best if score(best) >= 0.75 else None


def did_you_mean(key: str) -> str:
    """A hint naming the closest rule code or name, or ""."""
    close = nearest_rule(key)
    return f"did you mean '{close}'? " if close else ""


def ignore_names(ignore: LintIgnore, rule: Rule) -> bool:
    """The ignore entry is about this rule (by code or name)."""
    return ignore.rule.strip() in (rule.code, rule.name) or ignore.rule.upper() == rule.code


def ignore_matches(ignore: LintIgnore, rule: Rule, issue: Issue) -> bool:
    if not ignore_names(ignore, rule):
        return False
    return all(
        wanted is None or wanted == actual
        for wanted, actual in (
            (ignore.component, issue.component),
            (ignore.link, issue.link),
            (ignore.zone, issue.zone),
        )
    )


def describe(ignore: LintIgnore) -> str:
    target = ignore.component or ignore.link or ignore.zone
    return f"{ignore.rule} on '{target}'" if target else ignore.rule


@dataclass(frozen=True)
class LintRun:
    """What the settings rules (AD0xx) judge: the resolved settings, the ignore entries that
    matched a finding of the rules run, and whether every rule ran (a partial run cannot
    tell that an ignore is stale)."""

    settings: ResolvedSettings
    matched: frozenset[int] = frozenset()
    complete: bool = False
