"""Hand-computed designs: each file in `cases/` works its answers out in a comment and
lists them as `# expect:` lines, which this test checks against the analysis (and lint).

    # expect: rate ID RPS                 arrival rate today
    # expect: partial ID                  reached by a client of unknown rate
    # expect: saturates ID FACTOR         growth factor where utilization reaches 1
    # expect: bottleneck ID               what the growth answer names
    # expect: fail ID -> lost SHARE       one instance fails: share of client requests lost
    # expect: fail-all ID -> lost SHARE   every instance fails
    # expect: fail-zone ZONE -> lost SHARE
    # expect: lost_rps ID RPS             requests/s lost when one instance of ID fails
    # expect: data-at-risk ID             after one instance of ID fails
    # expect: availability CLIENT A
    # expect: single-points ID,ID | none  what AD101 reports and --weakest marks
"""

from __future__ import annotations

from pathlib import Path

import pytest

from archdraw.analysis import (
    analyze_availability,
    analyze_failure,
    analyze_growth,
    traffic,
    weakest_points,
)
from archdraw.io import load
from archdraw.library import Library
from archdraw.lint import lint_design
from archdraw.model import Design

CASES = sorted((Path(__file__).parent / "cases").glob("*.archdraw.yaml"))


def expectations(path: Path) -> list[list[str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split("expect:", 1)[1].split() for line in lines if line.startswith("# expect:")]


def test_the_corpus_covers_the_rules() -> None:
    assert len(CASES) >= 10
    kinds = {words[0] for path in CASES for words in expectations(path)}
    assert {"rate", "fail", "fail-all", "fail-zone", "saturates", "bottleneck"} <= kinds
    assert {"availability", "single-points", "partial", "data-at-risk"} <= kinds


def _check(design: Design, library: Library, words: list[str]) -> None:
    kind, subject, rest = words[0], words[1], words[2:]
    if kind in ("fail", "fail-all", "fail-zone"):
        if kind == "fail-zone":
            result = analyze_failure(design, library, zones=[subject])
        else:
            result = analyze_failure(design, library, [subject], whole=kind == "fail-all")
        assert result.lost_share == pytest.approx(float(rest[-1]), abs=1e-4), words
    elif kind == "lost_rps":
        result = analyze_failure(design, library, [subject])
        assert result.lost_rps == pytest.approx(float(rest[0]), abs=1e-3), words
    elif kind == "data-at-risk":
        result = analyze_failure(design, library, [subject])
        assert [risk.id for risk in result.data_at_risk] == [subject]
    elif kind == "rate":
        assert traffic(design, library).rates[subject] == pytest.approx(float(rest[0]))
    elif kind == "partial":
        assert subject in traffic(design, library).partial
    elif kind == "saturates":
        load = analyze_growth(design, library).components[subject]
        assert load.saturates_at == pytest.approx(float(rest[0]), rel=1e-6), words
    elif kind == "bottleneck":
        assert analyze_growth(design, library).bottleneck == subject
    elif kind == "availability":
        found = analyze_availability(design, library).clients[subject]
        assert found == pytest.approx(float(rest[0]), abs=1e-9)
    elif kind == "single-points":
        wanted = set() if subject == "none" else set(subject.split(","))
        # AD101 asks about unstated instance counts in one finding, naming the others.
        linted = {
            e
            for f in lint_design(design, library)
            if f.code == "AD101"
            for e in (f.component, *(r.element for r in f.related))
        }
        ranked = {p.id for p in weakest_points(design, library) if p.single_point}
        assert (linted, ranked) == (wanted, wanted)
    else:
        raise AssertionError(f"unknown expectation {words}")


@pytest.mark.parametrize("path", CASES, ids=[p.name.split(".")[0] for p in CASES])
def test_the_analysis_matches_the_hand_computed_answers(path: Path, library: Library) -> None:
    design = load(path, library).design
    found = expectations(path)
    assert found, f"{path.name} lists no expectation"
    for words in found:
        _check(design, library, words)
