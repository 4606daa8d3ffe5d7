"""The review's "Data out of order?" lists writes that interleave (AD418, lost updates) with
the messages that arrive late or twice, and says so when the design has no asynchronous path."""

from __future__ import annotations

from archdraw.cost import load_prices
from archdraw.library import Library
from archdraw.review import build_review
from archdraw.review.types import Section

DESIGN = """
archdraw: 1
name: open orders
components:
  - {id: web, type: client, props: {rps: 50}}
  - {id: makeline, type: service, label: Make line, props: {replicas: 3}}
  - {id: orders, type: nosql_database, label: Open orders}
links:
  - {from: web, to: makeline}
  - {from: makeline, to: orders, props: {writes: true, read_modify_write: true, CONTROL}}
"""


def order(load_text, library: Library, control: str) -> Section:  # type: ignore[no-untyped-def]
    design = load_text(DESIGN.replace("CONTROL", control)).design
    review = build_review(design, library, load_prices())
    (section,) = [s for s in review.sections if s.key == "order"]
    return section


def test_a_lost_update_is_an_answer_to_data_out_of_order(load_text, library) -> None:  # type: ignore[no-untyped-def]
    section = order(load_text, library, "concurrency_control: none")
    assert section.answer == "No asynchronous path; 1 concurrency finding (writes that interleave)."
    [item] = section.items
    assert item.code == "AD418" and item.severity == "warning"
    assert item.text.startswith("AD418 lost-update: 'Make line' reads, changes and writes back")


def test_a_version_check_leaves_nothing_to_say(load_text, library) -> None:  # type: ignore[no-untyped-def]
    section = order(load_text, library, "concurrency_control: optimistic")
    assert section.items == []
    # Said with what it rests on: the stated control, not an empty "nothing to say".
    assert section.answer == (
        "No asynchronous path: no message can arrive late, twice or out of turn. 1 "
        "read-modify-write kept apart by `optimistic` concurrency control."
    )
