"""Generated documentation stays in step with the rules; the pre-commit hooks make sense."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import yaml

from archdraw.cli.main import build_parser
from archdraw.lint import all_rules
from archdraw.lint.docs import BEGIN, END, main, rules_table, with_table

REPO = Path(__file__).resolve().parents[2]


def test_readme_rules_table_is_current() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert with_table(readme) == readme, "run: python -m archdraw.lint.docs"


def test_table_lists_every_rule_once() -> None:
    table = rules_table()
    for rule in all_rules():
        assert table.count(f"| {rule.code} | `{rule.name}` | {rule.severity} |") == 1


def test_check_mode_reports_a_stale_table(tmp_path: Path) -> None:
    stale = tmp_path / "README.md"
    stale.write_text(f"# x\n{BEGIN}\n| old |\n{END}\n", encoding="utf-8")
    assert main([str(stale), "--check"]) == 1
    assert main([str(stale)]) == 0
    assert main([str(stale), "--check"]) == 0
    assert rules_table() in stale.read_text(encoding="utf-8")


def test_readme_documents_every_lint_option() -> None:
    from archdraw.lint.context import DEFAULT_OPTIONS

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for option in DEFAULT_OPTIONS:
        assert f"{option}:" in readme, option


def test_pre_commit_hooks_run_real_commands() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    parser = build_parser()
    for hook in hooks:
        argv = shlex.split(hook["entry"])
        assert argv[0] == "archdraw"
        args = parser.parse_args([*argv[1:], "design.archdraw.yaml"])
        assert args.handler is not None
        assert re.search(hook["files"], "designs/shop.archdraw.yaml")
        assert not re.search(hook["files"], "README.md")
