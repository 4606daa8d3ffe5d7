"""The rule registry: every rule complete, tested, and coded in its family's range."""

from __future__ import annotations

import re
from pathlib import Path

from archdraw.library import Library
from archdraw.lint import RETIRED_CODES, Severity, all_rules, find_rule
from archdraw.lint.types import CATEGORIES

CASES = Path(__file__).parent / "cases"
KEBAB = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


def test_at_least_forty_rules_besides_settings() -> None:
    assert len([r for r in all_rules() if r.category != "settings"]) >= 40


def test_codes_and_names_are_unique() -> None:
    rules = all_rules()
    assert len({r.code for r in rules}) == len(rules)
    assert len({r.name for r in rules}) == len(rules)


def test_codes_sit_in_their_family_range() -> None:
    for rule in all_rules():
        assert re.fullmatch(r"AD[0-7]\d\d", rule.code), rule.code
        assert CATEGORIES[rule.code[:3]] == rule.category, rule.code


def test_retired_codes_are_never_reused() -> None:
    assert not RETIRED_CODES & {r.code for r in all_rules()}


def test_names_are_kebab_case() -> None:
    for rule in all_rules():
        assert KEBAB.match(rule.name), rule.name


def test_every_rule_teaches() -> None:
    for rule in all_rules():
        assert rule.title and rule.title[0].isupper(), rule.code
        assert len(rule.why) >= 120, f"{rule.code}: why is too thin"
        assert len(rule.fix) >= 50, f"{rule.code}: fix is too thin"
        assert rule.references, f"{rule.code}: name what the rule rests on"
        assert isinstance(rule.severity, Severity)


def test_every_rule_has_both_cases() -> None:
    for rule in all_rules():
        case = CASES / f"{rule.code}_{rule.name}"
        for name in ("fires.archdraw.yaml", "clean.archdraw.yaml", "expected.yaml"):
            assert (case / name).is_file(), f"missing {case.name}/{name}"


def test_no_case_folder_without_its_rule() -> None:
    for case in CASES.iterdir():
        code, _, name = case.name.partition("_")
        found = find_rule(code)
        assert found is not None and found.name == name, case.name


def test_rules_are_found_by_code_or_name() -> None:
    for rule in all_rules():
        assert find_rule(rule.code) is rule
        assert find_rule(rule.name) is rule
        assert find_rule(rule.code.lower()) is rule


def test_fix_properties_exist_in_the_library(library: Library) -> None:
    # Property names in `why`/`fix` texts in backticks must be real properties or YAML keys.
    known = set(library.link_properties)
    for component_type in library.types.values():
        known.update(component_type.properties)
    known |= {"reason", "component", "link", "zone", "kind", "from", "to"}
    for rule in all_rules():
        for word in re.findall(r"`([a-z_]+)(?::[^`]*)?`", rule.why + " " + rule.fix):
            assert word in known or word.startswith("lint"), f"{rule.code}: `{word}`"
