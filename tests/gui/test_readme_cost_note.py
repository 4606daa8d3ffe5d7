"""The README's example of the Properties cost note is what the note says for that selection."""

from __future__ import annotations

import re
from pathlib import Path

from archdraw.cost import estimate
from archdraw.cost.prices import load_prices
from archdraw.gui.panels.cost_note import selection_text
from archdraw.io import load
from archdraw.library import builtin_library

REPO = Path(__file__).resolve().parents[2]


def test_the_readme_quotes_the_note_for_three_ecommerce_components() -> None:
    text = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    quoted = re.search(r'"Cost of these 3 components: (.*?)"', text)
    assert quoted, "the README no longer quotes the cost note of a selection"
    library = builtin_library()
    design = load(REPO / "sample_designs/ecommerce.archdraw.yaml", library).design
    found = estimate(design, library, load_prices())
    costs = [found.components[i] for i in ("shopper", "catalog", "order_events")]
    note = selection_text(costs, found.book.currency)
    # The README shortens the first reason's wording to "..."
    shown = re.escape(quoted.group(1)).replace(r"\.\.\.", ".*?")
    assert re.fullmatch(shown, note), note
