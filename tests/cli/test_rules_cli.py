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


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("single-point", "single-point-of-failure"),
        ("single-pont", "single-point-of-failure"),
        ("AD1O1", "AD101"),
        ("saturaton", "saturation"),
    ],
)
def test_explain_a_mistyped_rule_names_the_nearest(
    typed: str, meant: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["explain", typed]) == 2
    assert f"did you mean '{meant}'?" in capsys.readouterr().err


def test_explain_names_no_rule_for_a_word_like_none(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["explain", "zzz"]) == 2
    assert "did you mean" not in capsys.readouterr().err


def test_a_design_s_misspelt_rule_gets_the_same_suggestion(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from archdraw.io import loads
    from archdraw.library import load_library
    from archdraw.lint import lint_design

    library = load_library()
    text = "archdraw: 1\nname: x\nlint:\n  disable: [single-pont, AD999]\n"
    loaded = loads(text, "x.archdraw.yaml", library)
    messages = [f.message for f in lint_design(loaded.design, library, loaded.locations)]
    assert any(
        "'single-pont'" in m and "did you mean 'single-point-of-failure'?" in m for m in messages
    )
    assert any("'AD999'" in m and "did you mean" not in m for m in messages)
