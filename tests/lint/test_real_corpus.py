"""The corpus of published designs (`tests/lint/real/`): lint gives exactly the findings
marked in each file, every finding and missed problem is judged (see `real/judge.py`), and
the judgement meets issue 14's goal."""

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


def test_every_missed_problem_is_judged_expressed_or_not() -> None:
    assert judge.unjudged(judge.verdicts()) == [], "mark each `# missed:` line in JUDGEMENT.md"


def test_judgement_meets_the_goal() -> None:
    """At least 80 % of the problems the files express are found, at least 70 % of findings
    are ones a reviewer would write, under 5 % are wrong (all counted from the marks)."""
    counts = judge.total(judge.verdicts())
    assert counts.findings > 0 and counts.want + counts.expressed > 0
    assert counts.found_share >= 0.80, judge.summary()
    assert counts.want_share >= 0.70, judge.summary()
    assert counts.wrong_share < 0.05, judge.summary()


def test_shares_count_the_marks() -> None:
    """The shares follow the marks: a file's missed problem marked expressed lowers the share
    found, one marked not expressed does not."""
    judged = judge.verdicts()
    missed = next((judge.design_name(p), problem) for p in DESIGNS for problem in judge.marks(p)[1])
    expressed = judge.total({**judged, missed: "expressed"})
    not_expressed = judge.total({**judged, missed: "not expressed"})
    assert expressed.expressed == not_expressed.expressed + 1
    assert expressed.found_share < not_expressed.found_share
