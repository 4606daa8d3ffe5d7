"""`archdraw rules` and `archdraw explain`."""

from __future__ import annotations

import json

import pytest

from archdraw.cli.main import run
from archdraw.lint import all_rules


def test_rules_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["rules"]) == 0
    out = capsys.readouterr().out
    for rule in all_rules():
        assert f"{rule.code}  {rule.name}" in out


def test_rules_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["rules", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["code"] for r in data] == [r.code for r in all_rules()]
    assert all(
        r["why"] and r["fix"] and r["severity"] in ("error", "warning", "info") for r in data
    )


@pytest.mark.parametrize("key", ["AD101", "ad101", "single-point-of-failure"])
def test_explain_by_code_or_name(key: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["explain", key]) == 0
    out = capsys.readouterr().out
    assert out.startswith("AD101 single-point-of-failure [error, reliability]")
    assert "Why it matters:" in out and "How to fix it:" in out and "Well-Architected" in out


def test_explain_unknown_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["explain", "AD999"]) == 2
    assert "AD999" in capsys.readouterr().err
