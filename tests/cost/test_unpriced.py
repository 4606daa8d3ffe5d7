"""What cannot be priced is counted in one place, so the review, the editor's note
(tests/gui/test_cost_note.py) and the cost sentence give one number (they once said 2 and 4
for the same design)."""

from __future__ import annotations

from pathlib import Path

from archdraw.analysis.graph import build_graph
from archdraw.cost import cost_sentence, estimate, shipped_prices, unpriced_reasons
from archdraw.io import load
from archdraw.library import builtin_library
from archdraw.review.cost_questions import cost_answer

SAMPLE = Path(__file__).parents[2] / "sample_designs" / "payment-gateway-naive.archdraw.yaml"


def test_a_type_with_no_price_and_a_missing_storage_size_are_both_unpriced() -> None:
    library = builtin_library()
    design = load(SAMPLE, library).design
    today = estimate(design, library, shipped_prices())
    reasons = unpriced_reasons(today.components.values())
    storage = [r for r in reasons if "storage size not stated" in r]
    no_price = [r for r in reasons if "no price for type 'external_api'" in r]
    assert len(storage) == 1 and sorted(reasons[storage[0]]) == ["db", "ledger_db"]
    assert len(no_price) == 1 and sorted(reasons[no_price[0]]) == ["acquirer", "merchant_hooks"]
    assert today.unpriced() == reasons


def test_review_note_and_sentence_count_the_same_unpriced_lines() -> None:
    library = builtin_library()
    design = load(SAMPLE, library).design
    book = shipped_prices()
    today, grown = estimate(design, library, book), estimate(design, library, book, 10.0)
    graph = build_graph(design, library)
    assert "4 cost lines cannot be priced, for 2 reasons" in cost_answer(today, grown, graph)
    assert "plus 4 components whose cost depends" in cost_sentence(today, grown)
