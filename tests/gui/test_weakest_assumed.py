"""A weakest point's share that rests on calls taken as independent requests says so.

The CLI (`archdraw analyze --weakest`) and the failure headline give the assumption and
the range either way; the panel's table showed the bare "20.8 %" for Carts DB in the
e-commerce sample with its gateway's calls to Cart and Checkout naming no `request` (the
sample names them `cart` and `place-order`: the test takes the names out of a copy).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel

SAMPLE = Path(__file__).parents[2] / "sample_designs" / "ecommerce.archdraw.yaml"
ASSUMED = (
    "assuming the 2 calls from API gateway (to Cart service and Checkout), each made by some "
    "of its requests, are independent requests (`request` not stated): 20.0 % if they are "
    "parts of the same requests, 20.9 % if different ones"
)


def _plain(tip: str) -> str:
    document = QTextDocument()
    document.setHtml(tip)
    return document.toPlainText().replace("\n", " ")


def test_a_share_resting_on_independent_calls_is_marked_and_explained(
    window, qtbot, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    window.resize(1256, 691)
    unnamed = SAMPLE.read_text(encoding="utf-8")
    for name in ("cart", "place-order"):
        unnamed = unnamed.replace(f", request: {name},", ",", 1)
    assert "request: cart," not in unnamed and "request: place-order" not in unnamed
    copy = tmp_path / SAMPLE.name
    copy.write_text(unnamed, encoding="utf-8")
    assert window.files.open_path(copy)
    qtbot.waitUntil(lambda: len(window.document.design.components) > 20, timeout=10000)
    panel = window.analysis_panel
    window.actions_by_name["analyze-weakest"].trigger()  # Analyze > Weakest Points
    table = panel.weakest_table
    qtbot.waitUntil(lambda: table.rowCount() > 3, timeout=10000)
    rows = table.texts()
    (carts,) = [r for r, row in enumerate(rows) if row[0] == "Carts DB (the whole service)"]
    assert rows[carts][2] == "20.8 % *"  # the marker on the figures
    assert rows[carts][1].endswith("/s *")
    tip = _plain(table.item(carts, 2).toolTip())
    assert tip.startswith(f"Share lost: 20.8 % {ASSUMED}"), tip
    # The others rest on nothing of the kind: no marker.
    others = [row for r, row in enumerate(rows) if r != carts]
    assert others and not any(row[2].endswith("*") for row in others)
    note = panel.findChild(QLabel, "analysis-weakest-note")
    assert note is not None and note.isVisible()
    assert note.text() == f"* Carts DB: 20.8 % {ASSUMED}"
    # Sorting by the share still sorts the figures as numbers, the marked one among them.
    table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    shares = [float(row[2].split(" ")[0]) for row in table.texts()]
    assert shares == sorted(shares, reverse=True)
    window.actions_by_name["analyze-leave"].trigger()
    assert not note.isVisible()
