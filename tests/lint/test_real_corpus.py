"""The corpus of published designs (`tests/lint/real/`): lint gives exactly the findings
marked in each file, and every finding is judged (see `real/judge.py`)."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "real"))
import judge

DESIGNS = judge.designs()


def test_corpus_has_at_least_eight_published_designs() -> None:
    assert len(DESIGNS) >= 8
    for path in DESIGNS:
        assert "# Source:" in path.read_text(encoding="utf-8"), path.name


@pytest.mark.parametrize("path", DESIGNS, ids=[p.name for p in DESIGNS])
def test_lint_gives_the_marked_findings(path: Path) -> None:
    marked, _ = judge.marks(path)
    assert not marked["new"], f"{path.name}: findings not judged yet: {sorted(marked['new'])}"
    expected = Counter[tuple[int, str]]()
    for tag in ("want", "wrong", "noise"):
        expected.update(marked[tag])
    given = judge.findings(path)
    assert given - expected == Counter(), "findings lint gives that are not marked"
    assert expected - given == Counter(), "marked findings lint no longer gives"


def test_judgement_table_is_current() -> None:
    text = (Path(__file__).parent / "real" / "JUDGEMENT.md").read_text(encoding="utf-8")
    assert judge.table() in text, "run: python tests/lint/real/judge.py and update JUDGEMENT.md"
