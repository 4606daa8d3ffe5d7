"""The analysis dock's note says the jobs a failure stalls behind a queue, and calls a
failed region a region."""

from __future__ import annotations

from pathlib import Path

from archdraw.analysis.report import run_analysis
from archdraw.gui.panels.analysis_rows import headline
from archdraw.io import load

SAMPLE = Path(__file__).parents[2] / "sample_designs" / "ai-job-queue.archdraw.yaml"


def test_the_note_says_the_jobs_that_stall(library) -> None:  # type: ignore[no-untyped-def]
    design = load(SAMPLE, library).design
    note = headline(run_analysis(design, library, fail=["results"]))
    assert "0 of 2,000 requests/s fail (0 %)." in note
    assert (
        "Jobs from Jobs API stall in Image jobs (3 priorities): their worker GPU image "
        "workers cannot write to Generated images (100/s at the stated rates)."
    ) in note


def test_the_note_calls_a_region_a_region(library) -> None:  # type: ignore[no-untyped-def]
    design = load(SAMPLE, library).design
    note = headline(run_analysis(design, library, fail_zones=["region"]))
    assert note.startswith("Failing region us-east (3 availability zones):")
