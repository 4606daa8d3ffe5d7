"""The review's cost answer says why 10x equals 1x without a stated rate, and the details
panel gives an unpriced component's reason once."""

from __future__ import annotations

import json
import re

import pytest

from archdraw.cost import cost_to_json, estimate, load_prices, money, money_range, render_cost_text
from archdraw.io import load
from archdraw.io.samples import SAMPLE_SUFFIX, sample_dir
from archdraw.library import Library
from archdraw.review import build_review, render_html, render_markdown

# A client with no `rps`: the queue's requests and the LLM's tokens cannot be priced.
NO_RPS = """
archdraw: 1
name: no rate
components:
  - {id: web, type: client, position: [0, 0]}
  - {id: api, type: service, position: [300, 0], props: {replicas: 2}}
  - {id: db, type: database, position: [600, 0], props: {storage_gb: 100}}
  - {id: q, type: queue, position: [600, 200], props: {managed: true}}
  - {id: llm, type: llm, position: [900, 0]}
links:
  - {from: web, to: api}
  - {from: api, to: db}
  - {from: api, to: q}
  - {from: api, to: llm}
"""
SAID = "No client states its `rps`, so 10x traffic cannot be costed"


@pytest.fixture(scope="module")
def book():  # type: ignore[no-untyped-def]
    return load_prices()


def test_without_a_stated_rate_the_answer_says_why_10x_is_1x(
    load_text, library: Library, book
) -> None:  # type: ignore[no-untyped-def]
    design = load_text(NO_RPS).design
    review = build_review(design, library, book)
    today, grown = review.costs[0], review.costs[-1]
    # The numbers first: with no rate, both are the machines and storage as drawn.
    assert today.total == grown.total > 0
    assert today.usage == grown.usage == 0
    assert {(line.component, line.kind) for line in today.unknown} == {
        ("q", "requests"),
        ("llm", "tokens"),
    }
    answer = review.section("cost").answer
    assert answer.startswith(f"{_money(today.total)}/month at 1x and {_money(grown.total)}")
    assert (
        f"{SAID}: both figures are only the machines and storage as drawn; re-sizing "
        "replicas for the growth and pricing the 2 usage lines need a stated rate "
        "(set `rps` on web)." in answer
    )
    curve = next(i.text for i in review.section("cost").items if i.text.startswith("Cost curve"))
    assert curve.endswith("; flat, since no `rps` is stated")
    markdown = render_markdown(review)
    assert markdown.count(SAID) == 2  # at a glance and in the cost section
    page = render_html(review, design, library)
    assert page.count("No client states its <code>rps</code>, so 10x traffic") == 2


def test_with_a_stated_rate_the_answer_does_not_say_it(load_text, library: Library, book) -> None:  # type: ignore[no-untyped-def]
    design = load_text(
        NO_RPS.replace(
            "type: client, position: [0, 0]}", "type: client, position: [0, 0], props: {rps: 50}}"
        )
    ).design
    review = build_review(design, library, book)
    today, grown = review.costs[0], review.costs[-1]
    assert grown.total > today.total and today.unknown == []
    assert SAID not in review.section("cost").answer
    assert "flat" not in render_markdown(review)


def _money(value: float) -> str:
    return f"${value:,.0f}" if value >= 100 else f"${value:,.2f}"


def _details(page: str) -> dict[str, list[str]]:
    data = re.search(r'id="review-data">(.*?)</script>', page, re.S)
    assert data is not None
    return {cid: info["lines"] for cid, info in json.loads(data.group(1))["components"].items()}


def test_an_unpriced_components_reason_is_shown_once(load_text, library: Library, book) -> None:  # type: ignore[no-untyped-def]
    # db states no `storage_gb` now: priced in part (machines), its storage unknown.
    design = load_text(NO_RPS.replace(", props: {storage_gb: 100}", "")).design
    review = build_review(design, library, book)
    details = _details(render_html(review, design, library))
    reason = "depends on usage: set `rps` on client 'web'"
    for unpriced in ("q", "llm"):
        assert review.costs[0].components[unpriced].status == "not priced"
        shown = "\n".join(details[unpriced])
        assert shown.count(reason) == 1, details[unpriced]
        assert f"cost: not priced ({reason})" in details[unpriced]
    # A component priced in part keeps the cost section's item for the line it cannot price.
    storage = [line for line in details["db"] if "`storage_gb`" in line]
    assert len(storage) == 1 and storage[0].startswith("What does it cost? storage size")


def test_a_small_figure_shows_its_range_as_the_grown_one_does(library: Library, book) -> None:  # type: ignore[no-untyped-def]
    # The web seed's requests rest on a default: cents a month at 1x, with a range four
    # times wide. Rounded to whole dollars both ends were 0 and the 1x column hid it.
    design = load(sample_dir() / f"p2p-file-sharing{SAMPLE_SUFFIX}", library).design
    review = build_review(design, library, book)
    seed = review.costs[0].components["web_seed"]
    low = sum(line.low or 0.0 for line in seed.lines)
    high = sum(line.high or 0.0 for line in seed.lines)
    assert high < 1 and round(low) == round(high) and money(low) != money(high)
    row = next(row for row in review.section("cost").rows if row[0] == seed.title)
    assert row[1] == f"{money(seed.total())} ({money_range(low, high)})"
    assert " to " in row[2]  # the 10x column, as before


UNSIZED = "keep the machines drawn: they state no `capacity_rps`"


def test_machines_that_cannot_be_resized_make_the_grown_figure_a_floor(
    load_text, library: Library, book
) -> None:  # type: ignore[no-untyped-def]
    rated = NO_RPS.replace(
        "type: client, position: [0, 0]}", "type: client, position: [0, 0], props: {rps: 50}}"
    )
    review = build_review(load_text(rated).design, library, book)
    grown = review.costs[-1]
    # api and db carry traffic but say nothing of what one machine takes: billed as drawn.
    assert [c.id for c in grown.components.values() if c.unsized] == ["api", "db"]
    assert grown.components["api"].machines == 2
    answer = review.section("cost").answer
    assert f"At 10x, api and db {UNSIZED}, so what 10x traffic needs of them is unknown" in answer
    assert "the 10x figure is a floor" in answer
    rows = {row[0]: row for row in review.section("cost").rows}
    assert rows["api"][3].endswith("machines as drawn at 10x (no `capacity_rps`)")
    assert not rows["q"][3].endswith("(no `capacity_rps`)")  # the provider sizes it


def test_stated_capacity_resizes_and_is_not_called_a_floor(
    load_text, library: Library, book
) -> None:  # type: ignore[no-untyped-def]
    sized = NO_RPS.replace(
        "type: client, position: [0, 0]}", "type: client, position: [0, 0], props: {rps: 500}}"
    ).replace("props: {replicas: 2}", "props: {replicas: 2, capacity_rps: 200}")
    review = build_review(load_text(sized).design, library, book)
    today, grown = review.costs[0], review.costs[-1]
    api_today, api_grown = today.components["api"], grown.components["api"]
    assert not api_grown.unsized and api_grown.machines is not None
    assert api_grown.machines > api_today.machines == 2  # 5,000 req/s at 200 each
    assert "api and" not in review.section("cost").answer
    assert "At 10x, db keeps the machines drawn: it states no `capacity_rps`" in (
        review.section("cost").answer
    )
    assert not today.components["db"].unsized  # at 1x nothing is re-sized


def test_the_cost_text_and_json_say_which_machines_are_as_drawn(
    load_text, library: Library, book
) -> None:  # type: ignore[no-untyped-def]
    rated = NO_RPS.replace(
        "type: client, position: [0, 0]}", "type: client, position: [0, 0], props: {rps: 50}}"
    )
    design = load_text(rated).design
    estimates = [estimate(design, library, book, g) for g in (1.0, 10.0)]
    text = render_cost_text(estimates)
    grown_part = text.split("Per component at 10x:")[1]
    assert "machines as drawn: no `capacity_rps` says what the growth needs" in grown_part
    assert "machines as drawn" not in text.split("Per component at 10x:")[0]
    at = cost_to_json(estimates)["at"]
    assert at[1]["components"]["api"]["instances"]["as_drawn_unsized"] is True
    assert at[0]["components"]["api"]["instances"]["as_drawn_unsized"] is False
