"""Which designs `archdraw lint` checks, with which rules and library: the project
configuration (`[tool.archdraw]`) with the command line's options over it."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from archdraw.io import DesignError, LoadedDesign, Problem, load
from archdraw.library import Library, load_library, user_library_dir
from archdraw.lint import Rule, Severity, all_rules, find_rule
from archdraw.lint.project import (
    DEFAULT_INCLUDE,
    ProjectConfig,
    ProjectError,
    design_files,
    project_for,
    read_config,
)
from archdraw.source import printable


def pick_rules(spec: str | list[str] | tuple[str, ...]) -> list[Rule] | str:
    """The rules named (comma-separated codes, names or code prefixes), or an error message."""
    keys = spec.split(",") if isinstance(spec, str) else list(spec)
    chosen: list[Rule] = []
    for raw in keys:
        key = raw.strip()
        if not key:
            continue
        found = find_rule(key)
        if found is not None:
            chosen.append(found)
            continue
        prefixed = [r for r in all_rules() if r.code.startswith(key.upper())]
        if len(key) >= 3 and prefixed:
            chosen.extend(prefixed)
            continue
        return f"archdraw lint: unknown rule '{key}' (`archdraw rules` lists them)"
    return chosen


@dataclass(frozen=True)
class RuleChoice:
    """The rules to run and the severities to give them: the project's, options over it."""

    config: ProjectConfig
    rules: list[Rule] | None  # None: every rule
    fail_on: Severity
    severity: dict[str, Severity]  # the project's overrides, by rule code


@dataclass(frozen=True)
class LintPlan(RuleChoice):
    paths: list[str] = field(default_factory=list)
    baseline: Path | None = None


def choose_rules(args: argparse.Namespace, starts: list[str], command: str) -> RuleChoice | str:
    """The project's configuration for `starts` with `args` over it, or an error message."""
    try:
        config = read_config(Path(args.config)) if args.config else project_for(starts)
    except ProjectError as error:
        return f"archdraw {command}: {error}"
    where = f" (in {config.path})" if config.path else ""
    select = args.select if args.select is not None else config.select
    ignore = args.ignore if args.ignore is not None else config.ignore
    rules: list[Rule] | None = None
    if select:
        selected = pick_rules(select)
        if isinstance(selected, str):
            return selected + where
        rules = selected
    if ignore:
        ignored = pick_rules(ignore)
        if isinstance(ignored, str):
            return ignored + where
        rules = [r for r in (all_rules() if rules is None else rules) if r not in ignored]
    severity: dict[str, Severity] = {}
    for key, level in config.severity.items():
        found = find_rule(key)
        if found is None:
            return f"archdraw {command}: unknown rule '{key}' in severity{where}"
        severity[found.code] = Severity(level)
    fail_on = Severity(args.fail_on or config.fail_on or "warning")
    return RuleChoice(config, rules, fail_on, severity)


def plan(args: argparse.Namespace) -> LintPlan | str:
    """What to lint, or an error message (exit 2)."""
    choice = choose_rules(args, args.files, "lint")
    if isinstance(choice, str):
        return choice
    config = choice.config
    paths = expand(args.files, config)
    if not paths:
        searched = ", ".join(args.files) if args.files else str(config.root)
        if config.path is not None and config.include != DEFAULT_INCLUDE:
            return (
                f"archdraw lint: no design files in {searched} match the include globs of "
                f"{config.path}: {', '.join(config.include)}"
            )
        return f"archdraw lint: no design files (*.archdraw.yaml) in {searched}"
    baseline = Path(args.baseline) if args.baseline else config.baseline
    return LintPlan(config, choice.rules, choice.fail_on, choice.severity, paths, baseline)


def expand(files: list[str], config: ProjectConfig) -> list[str]:
    """Files as given; folders searched for designs; nothing given: the project's designs."""
    if not files:
        return [str(p) for p in design_files(config.root, config)]
    paths: list[str] = []
    for name in files:
        if Path(name).is_dir():
            paths += [str(p) for p in design_files(Path(name), config)]
        else:
            paths.append(name)
    return paths


def library_of(config: ProjectConfig, no_user_types: bool) -> Library:
    from archdraw.cli.common import library_for

    if config.library is None:
        return library_for(no_user_types)
    user = [] if no_user_types else [user_library_dir()]
    library = load_library(user_dirs=[*user, config.library])
    # The project's own types are part of its designs: one that is skipped must say why,
    # or every design using it fails with only "unknown type".
    for problem in library.problems:
        print(printable(f"{problem} (type skipped; library of {config.path})"), file=sys.stderr)
    return library


def load_all(
    paths: list[str], library: Library
) -> Iterator[tuple[str, LoadedDesign | None, list[Problem]]]:
    for path in paths:
        try:
            yield path, load(Path(path), library), []
        except DesignError as error:
            yield path, None, error.problems
