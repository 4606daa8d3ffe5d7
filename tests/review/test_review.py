"""The review of every sample: Markdown with the expected structure, HTML with no requests."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from archdraw.cli.main import main
from archdraw.cost import load_prices
from archdraw.io import load
from archdraw.io.samples import SAMPLE_SUFFIX, sample_dir
from archdraw.library import Library
from archdraw.review import build_review, render_html, render_markdown

SAMPLES = sorted(sample_dir().glob(f"*{SAMPLE_SUFFIX}"))
HEADINGS = [
    "## At a glance",
    "## Design document",
    "## Diagram",
    "## Grows 10x?",
    "## Fails halfway?",
    "## Can someone plug in?",
    "## Data out of order?",
    "## What does it cost?",
    "## Assumptions",
]


@pytest.fixture(scope="module")
def book():  # type: ignore[no-untyped-def]
    return load_prices()


def _tables(markdown: str) -> list[list[str]]:
    tables, current = [], []
    for line in markdown.splitlines():
        if line.startswith("|"):
            current.append(line)
        elif current:
            tables.append(current)
            current = []
    return tables


@pytest.mark.parametrize("path", SAMPLES, ids=[p.name for p in SAMPLES])
def test_markdown_review_of_every_sample(path: Path, library: Library, book) -> None:  # type: ignore[no-untyped-def]
    design = load(path, library).design
    text = render_markdown(build_review(design, library, book))
    assert text.startswith(f"# Design review: {design.name}\n")
    found = [line for line in text.splitlines() if line.startswith("## ")]
    assert found == HEADINGS
    # Each question is answered, in one line, before its details.
    assert text.count("**Answer:** ") == len(HEADINGS) - 3
    for table in _tables(text):
        columns = {len(re.split(r"(?<!\\)\|", row)) for row in table}
        assert len(columns) == 1, table[0]
        assert set(table[1]) <= {"|", "-"}
    cost = text.split("## What does it cost?")[1].split("## Assumptions")[0]
    assert "/month at 1x" in cost and "/month at 10x" in cost
    assert "planning estimate" in text.split("## Assumptions")[1]


@pytest.mark.parametrize("path", SAMPLES, ids=[p.name for p in SAMPLES])
def test_html_review_of_every_sample_is_self_contained(path: Path, library: Library, book) -> None:  # type: ignore[no-untyped-def]
    design = load(path, library).design
    page = render_html(build_review(design, library, book), design, library)
    links = _Links()
    links.feed(page)
    assert links.external == [], "the page must not point anywhere but at itself"
    assert "default-src 'none'" in page
    data = json.loads(page.split('id="review-data">')[1].split("</script>")[0])
    drawn = set(re.findall(r'<g class="component" data-id="([^"]+)"', page))
    assert drawn == {c.id for c in design.components} == set(data["components"])


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.external: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            linked = name in ("src", "href", "xlink:href", "action", "poster")
            if linked and value and not value.startswith("#"):
                self.external.append(f"{tag} {name}={value}")


def test_gaps_name_what_the_analysis_found(load_text, library: Library, book) -> None:  # type: ignore[no-untyped-def]
    design = load_text(
        "archdraw: 1\nname: gaps\ndoc: {purpose: Shorten links.}\ncomponents:\n"
        "  - {id: web, type: client, props: {rps: 50}}\n"
        "  - {id: api, type: service, props: {capacity_rps: 100}}\n"
        "links:\n  - {from: web, to: api}\n"
    ).design
    review = build_review(design, library, book)
    assert "no principles written" in review.gaps
    failure = next(g for g in review.gaps if g.startswith("no failure modes written"))
    assert "the analysis found 1: component api loses 100.0%" in failure and "api" in failure
    scaling = next(g for g in review.gaps if g.startswith("no scaling limits written"))
    assert "2x" in scaling  # api saturates at 100 / 50 = 2x


def test_plug_in_lists_what_an_extension_point_lacks(load_text, library: Library, book) -> None:  # type: ignore[no-untyped-def]
    design = load_text(
        "archdraw: 1\nname: plug\ncomponents:\n"
        "  - {id: partner, type: client, props: {rps: 5}}\n"
        "  - {id: gw, type: api_gateway, props: {auth: true, rate_limit: 10, versioned: true}}\n"
        "  - {id: hooks, type: notification, props: {public: true}}\n"
        "links:\n  - {from: partner, to: gw}\n"
    ).design
    section = build_review(design, library, book).section("plug")
    assert section.rows == [
        ("gw (api_gateway)", "yes", "10/s per client", "yes"),
        ("hooks (notification)", "NO", "NO", "NO"),
    ]
    assert section.answer.startswith("2 extension points; 1 lacks")


def test_cli_writes_markdown_and_html(tmp_path: Path) -> None:
    sample = str(sample_dir() / f"rag-pipeline{SAMPLE_SUFFIX}")
    assert main(["review", sample, "-o", str(tmp_path / "r.md"), "--no-user-types"]) == 0
    markdown = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert markdown.startswith("# Design review")
    assert "](r.svg)" in markdown  # the diagram beside it, findings marked
    assert (tmp_path / "r.svg").read_text(encoding="utf-8").startswith("<?xml")
    assert main(["review", sample, "-o", str(tmp_path / "r.html"), "--no-user-types"]) == 0
    assert (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_cli_reports_a_bad_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.archdraw.yaml"
    bad.write_text("archdraw: 1\nname: x\ncomponents: [{id: a, type: nope}]\n", encoding="utf-8")
    assert main(["review", str(bad)]) == 2
    assert "bad.archdraw.yaml:3" in capsys.readouterr().err


def test_budget_and_availability_target_are_judged(load_text, library: Library, book) -> None:  # type: ignore[no-untyped-def]
    design = load_text(
        "archdraw: 1\nname: judged\ncomponents:\n"
        "  - {id: web, type: client, props: {rps: 10}}\n"
        "  - {id: api, type: service, props: {replicas: 2, availability: 0.99}}\n"
        "links:\n  - {from: web, to: api}\n"
        "cost: {budget_month: 100, availability_target: 0.9999}\n"
    ).design
    review = build_review(design, library, book)
    # 2 x 730 x 0.096 = $140.16 a month, over $100.
    cost = [i.text for i in review.section("cost").items]
    assert "$140/month is over the design's budget of $100" in cost
    fails = [i for i in review.section("fails").items if i.text.startswith("expected availability")]
    # Two replicas at 0.99: 1 - 0.01^2 = 0.9999, which meets the target.
    assert fails and "0.99990 (meets the design's target of 0.9999" in fails[0].text
