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
    assert (
        "the analysis found 1 failure that loses requests: api loses 100.0% (50 req/s)" in failure
    )
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
        ("gw", "api_gateway", "yes", "10/s per client", "yes"),
        ("hooks", "notification", "not stated", "NO", "NO"),
    ]
    assert section.answer.startswith("2 extension points; 1 lacks")
    lacks = [i.text for i in section.items if i.elements == ("hooks",)]
    assert lacks == [
        "hooks has no rate limit (`rate_limit`), no versioned contract (`versioned`) and "
        "authentication not stated (`auth`)"
    ]


def test_a_firewall_users_reach_first_is_not_an_extension_point(
    load_text, library: Library, book
) -> None:  # type: ignore[no-untyped-def]
    # Users' devices reach the WAF, but nobody builds on a WAF: the service behind it
    # is judged through its own `public`, like one behind a load balancer.
    design = load_text(
        "archdraw: 1\nname: waf\ncomponents:\n"
        "  - {id: users, type: client, props: {rps: 5}}\n"
        "  - {id: waf, type: firewall}\n"
        "  - {id: gw, type: api_gateway, props: {auth: true, rate_limit: 10, versioned: true}}\n"
        "links:\n  - {from: users, to: waf}\n  - {from: waf, to: gw}\n"
    ).design
    section = build_review(design, library, book).section("plug")
    assert [row[0] for row in section.rows] == ["gw"]


def test_cli_writes_markdown_and_html(tmp_path: Path) -> None:
    sample = str(sample_dir() / f"rag-pipeline{SAMPLE_SUFFIX}")
    assert main(["review", sample, "-o", str(tmp_path / "r.md"), "--no-user-types"]) == 0
    markdown = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert markdown.startswith("# Design review")
    assert "](r.svg)" in markdown  # the diagram beside it, findings marked
    assert (tmp_path / "r.svg").read_text(encoding="utf-8").startswith("<?xml")
    assert main(["review", sample, "-o", str(tmp_path / "r.html"), "--no-user-types"]) == 0
    assert (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_cli_text_is_the_markdown_with_no_picture(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Every other command has a text form: a learner's `--format text` was refused.
    sample = str(sample_dir() / f"rag-pipeline{SAMPLE_SUFFIX}")
    target = tmp_path / "r.txt"
    assert main(["review", sample, "--format", "text", "-o", str(target), "--no-user-types"]) == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Design review") and "](r.svg)" not in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.txt"]
    assert main(["review", sample, "--format", "text", "--no-user-types"]) == 0
    assert capsys.readouterr().out == text


def test_cli_never_writes_over_its_design(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    design = tmp_path / "shop.archdraw.yaml"
    original = (sample_dir() / f"rag-pipeline{SAMPLE_SUFFIX}").read_text(encoding="utf-8")
    design.write_text(original, encoding="utf-8")
    assert main(["review", str(design), "-o", str(design), "--no-user-types"]) == 2
    assert "is an input" in capsys.readouterr().err
    assert design.read_text(encoding="utf-8") == original
    assert not (tmp_path / "shop.archdraw.svg").exists()  # no picture written first either
    # `-o -` is standard output: no picture called "-.svg" in the working folder.
    monkeypatch.chdir(tmp_path)
    assert main(["review", str(design), "-o", "-", "--no-user-types"]) == 0
    assert capsys.readouterr().out.startswith("# Design review")
    assert not (tmp_path / "-.svg").exists()
    # `-o review.svg`: the Markdown and its picture are two files.
    assert main(["review", str(design), "-o", "review.svg", "--no-user-types"]) == 0
    assert (tmp_path / "review.svg").read_text(encoding="utf-8").startswith("# Design review")
    assert (tmp_path / "review.diagram.svg").read_text(encoding="utf-8").startswith("<?xml")


def test_cli_names_the_markdown_not_its_picture_when_the_folder_is_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sample = str(sample_dir() / f"rag-pipeline{SAMPLE_SUFFIX}")
    target = tmp_path / "nowhere" / "r.md"
    assert main(["review", sample, "-o", str(target), "--no-user-types"]) == 2
    err = capsys.readouterr().err
    assert f"cannot write {target}: no folder {target.parent}" in err and ".svg" not in err


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


def _depth(text: str) -> int:
    """How deep parentheses nest in `text`."""
    depth = deepest = 0
    for char in text:
        if char == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif char == ")":
            depth -= 1
    return deepest


@pytest.mark.parametrize("name", ["rag-pipeline", "twitter-naive", "payment-gateway", "netflix"])
def test_answers_read_plainly(name: str, library: Library, book) -> None:  # type: ignore[no-untyped-def]
    design = load(sample_dir() / f"{name}{SAMPLE_SUFFIX}", library).design
    review = build_review(design, library, book)
    text = render_markdown(review)
    # Our code spans are code: a backtick is never escaped into a literal one.
    assert "\\`" not in text
    assert "`rps`" in text or "`storage_gb`" in text
    for section in review.sections:
        assert _depth(section.answer) <= 1, section.answer
        assert section.answer.endswith("."), section.answer
    cost = review.section("cost").answer
    # The totals once each, and what cannot be priced said once, not per growth.
    assert cost.count("/month at 1x") == 1 and cost.count("/month at 10x") == 1
    assert cost.count("cannot be priced") <= 1
    assert "unknown line" not in cost
    # People read titles: no component id where the component has a label.
    ids = {c.id for c in design.components if c.label and c.label != c.id}
    named = {name for row in review.section("fails").rows for name in row[2].split(", ")}
    named |= {row[0] for row in review.section("fails").rows}
    for item in review.section("assumptions").items:
        if item.elements:
            named |= set(item.text.rsplit(": ", 1)[1].split(" and ")[0].split(", "))
    assert named and not named & ids, named & ids


def test_rag_pipeline_cost_answer(library: Library, book) -> None:  # type: ignore[no-untyped-def]
    design = load(sample_dir() / f"rag-pipeline{SAMPLE_SUFFIX}", library).design
    review = build_review(design, library, book)
    answer = review.section("cost").answer
    # A third party with no price counts beside the usage no stated traffic reaches.
    assert answer.endswith(
        "3 cost lines cannot be priced, for 2 reasons listed below the cost table."
    )
    items = [item.text for item in review.section("cost").items]
    assert any(
        text.startswith(
            "no stated traffic reaches the component, so usage is unknown: set `rps` "
            "on the client or component that starts its work — for 2 components"
        )
        for text in items
    )
    assert any(text.startswith("no price for type 'external_api'") for text in items)
    page = render_html(review, design, library)
    dd = page.split('<a href="#cost">What does it cost?</a></dt><dd>')[1].split("</dd>")[0]
    assert "3 cost lines cannot be priced" in dd and "`" not in dd
    assert "set <code>rps</code> on the client" in page
    markdown = render_markdown(review)
    wanted = "set `rps` on the client or component that starts its work — for 2 components"
    assert wanted in markdown


def test_labels_are_escaped_and_code_spans_stay_code(load_text, library: Library, book) -> None:  # type: ignore[no-untyped-def]
    design = load_text(
        "archdraw: 1\nname: '<b>x</b> [link](http://example.com)'\ncomponents:\n"
        "  - {id: web, type: client, props: {rps: 10}}\n"
        "  - {id: api, type: service, label: '<img src=x> *api* `cmd`', props: {capacity_rps: 5}}\n"
        "links:\n  - {from: web, to: api}\n"
    ).design
    review = build_review(design, library, book)
    # The page's JSON data holds labels as they are: only text nodes are made from it.
    page = render_html(review, design, library).split('<script type="application/json"')[0]
    assert "<img src=x>" not in page and "&lt;img src=x&gt;" in page
    assert "<b>x</b>" not in page
    assert "<code>capacity_rps</code>" in page or "<code>replicas</code>" in page
    markdown = render_markdown(review)
    assert "[link](http" not in markdown and "\\[link\\]" in markdown
    assert "<img" not in markdown and "\\*api\\*" in markdown
    # A code span's content is literal, so a label's backticks cannot inject markup.
    assert "`cmd`" in markdown


def test_a_saturated_component_is_named_beside_a_zero_availability(
    load_text, library: Library, book
) -> None:  # type: ignore[no-untyped-def]
    design = load_text(
        "archdraw: 1\nname: judged\ncomponents:\n"
        "  - {id: web, type: client, props: {rps: 300}}\n"
        "  - {id: api, type: service, props: {replicas: 2, capacity_rps: 100}}\n"
        "links:\n  - {from: web, to: api}\n"
        "cost: {availability_target: 0.999}\n"
    ).design
    review = build_review(design, library, book)
    fails = [i for i in review.section("fails").items if i.text.startswith("expected availability")]
    # 300 req/s at 100 each needs 3 instances; api has 2: never enough up, so 0.
    assert fails and fails[0].text.startswith(
        "expected availability 0.00000 (misses the design's target of 0.999); saturated today "
        "(0 % available until they carry their load): api;"
    )


def test_a_providers_service_that_saturates_needs_capacity_not_replicas(
    load_text, library: Library, book
) -> None:  # type: ignore[no-untyped-def]
    design = load_text(
        "archdraw: 1\nname: bucket\ncomponents:\n"
        "  - {id: web, type: client, props: {rps: 1000}}\n"
        "  - {id: media, type: object_storage, props: {zones: 3, capacity_rps: 2000}}\n"
        "links:\n  - {from: web, to: media}\n"
    ).design
    section = build_review(design, library, book).section("grows")
    # 10,000 req/s on the bucket's 2,000 (the service's, not 3 zones x 2,000): it needs
    # 10,000 / 0.7 = 14,286 req/s from its provider, not "1 -> 15 replicas".
    assert section.rows == [
        (
            "media",
            "1,000 req/s",
            "2x",
            "2,000 req/s for the whole service, stated",
            "not ours to run: needs 14,286 req/s",
        )
    ]
    assert "at 10x it needs 14,286 req/s of capacity from its provider." in section.answer
