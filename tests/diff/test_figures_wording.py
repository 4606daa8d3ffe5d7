"""The derived figures say what they are: units true to the values, clients by their names."""

from __future__ import annotations

import json
from pathlib import Path

from tests.diff.conftest import AFTER, BEFORE

from archdraw.diff import FileDiff, Side, compare, render_json, render_text
from archdraw.diff.derived import compare_figures, measure
from archdraw.diff.wording import figure_text
from archdraw.io import load
from archdraw.library import Library
from archdraw.lint import Severity


def test_availability_is_a_fraction_in_json_and_a_percentage_in_text(shop: FileDiff) -> None:
    figures = json.loads(render_json([shop], Severity.WARNING))["files"][0]["derived"]["figures"]
    overall = next(f for f in figures if f["key"] == "availability")
    assert 0.99 < overall["new"] < 1 and overall["unit"] == "fraction"
    assert "Availability (all clients, by rps): 99.9495 % → 99.6753 %" in render_text(
        [shop], Severity.WARNING
    )


def test_a_client_is_named_by_its_label_and_a_missing_figure_is_no_value(
    library: Library,
) -> None:
    before, after = load(BEFORE, library), load(AFTER, library)
    design = after.design
    design.components = [c for c in design.components if c.id != "web"]
    design.links = [link for link in design.links if "web" not in (link.source, link.target)]
    diff = compare("shop", Side("old", before), Side("new", load(AFTER, library)), library)
    gone = compare("shop", Side("old", load(AFTER, library)), Side("new", after), library)
    assert "Availability for Web shoppers: 99.9495 % → 99.6753 %" in render_text(
        [diff], Severity.WARNING
    )
    assert "Availability for Web shoppers: 99.6753 % → —" in render_text([gone], Severity.WARNING)


def test_a_deleted_or_new_design_file_says_so(library: Library) -> None:
    from archdraw.diff.wording import summary

    gone = compare("shop", Side("old", load(AFTER, library)), Side("new", None), library)
    line = summary(gone, Severity.WARNING)
    assert line.startswith("design file deleted (") and "gone with it" in line
    assert "fixed" not in line
    new = compare("shop", Side("old", None), Side("new", load(AFTER, library)), library)
    assert summary(new, Severity.WARNING).startswith("new design file (")


def test_replicas_added_to_a_saturated_server_never_lower_availability(load_text, library) -> None:
    text = (Path(__file__).parents[2] / "sample_designs" / "twitter-naive.archdraw.yaml").read_text(
        encoding="utf-8"
    )
    figures = [
        measure(
            load_text(
                text.replace(
                    "{replicas: 1, capacity_rps: 800,", f"{{replicas: {n}, capacity_rps: 800,"
                )
            ).design,
            library,
        )
        for n in (1, 3, 4)
    ]
    (one_to_three,) = [
        d for d in compare_figures(figures[0], figures[1]).deltas if d.key == "availability"
    ]
    (three_to_four,) = [
        d for d in compare_figures(figures[1], figures[2]).deltas if d.key == "availability"
    ]
    # Every count is 0: db (9,000 req/s at 1,500 each) stays saturated; the detail says why,
    # and that web stops being saturated at 4 (3,000 req/s at 800 each).
    assert (one_to_three.old, one_to_three.new, three_to_four.new) == (0.0, 0.0, 0.0)
    assert one_to_three.detail_old == "saturated: web, db, email_worker"
    assert three_to_four.detail_new == "saturated: db, email_worker"


def test_monthly_cost_is_written_as_money_without_false_cents() -> None:
    assert figure_text(563_691.98, "USD/month") == "$563,692/month"
    assert figure_text(42.5, "USD/month") == "$42.50/month"
    assert figure_text(None, "USD/month") == "—"
