"""The Properties panel shows what the selection costs per month, and what the design costs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox

from archdraw.cost import estimate, load_prices, money, shipped_prices, user_prices_dir
from archdraw.gui.panels.cost_note import selection_text, unpriced_text
from archdraw.io import load
from archdraw.io.samples import SAMPLE_SUFFIX, sample_dir
from archdraw.library import builtin_library

from .conftest import load_into, property_field, viewport_point

PRICED = """
archdraw: 1
name: priced
components:
  - {id: web, type: client, position: [0, 0], props: {rps: 50}}
  - {id: api, type: service, position: [300, 0], props: {replicas: 2, price_per_hour: 0.1}}
  - {id: db, type: database, position: [600, 0]}
links:
  - {from: web, to: api}
  - {from: api, to: db}
"""


def test_the_selection_shows_its_cost_and_an_edit_updates_it(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, PRICED)
    qtbot.wait(1)
    note = window.properties.cost
    assert note.text().startswith("<b>Cost of the design</b>: about $")
    # db states no `storage_gb`: a storage line, not usage, and said as such.
    assert "; 1 cost line cannot be priced (storage size not stated: set `storage_gb`" in (
        note.text()
    )
    window.scene.select_ids(["api"])
    qtbot.wait(10)
    # 2 replicas x $0.10 an hour x 730 hours, stated in the file: no range.
    assert "about $146/month" in note.text() and "from stated values" in note.text()
    replicas = property_field(window, "replicas", QAbstractSpinBox)
    replicas.setFocus()
    qtbot.wait(1)
    replicas.selectAll()
    qtbot.keyClicks(replicas, "3")
    qtbot.keyClick(replicas, Qt.Key.Key_Tab)
    qtbot.wait(10)
    # The estimate is worked out again once edits pause, not inside the edit: the last
    # figure stays shown meanwhile.
    assert note.pending() and "about $146/month" in note.text()
    qtbot.waitUntil(lambda: "about $219/month" in note.text(), timeout=3000)
    assert not note.pending()
    window.scene.select_ids(["web"])
    qtbot.wait(10)
    assert "not billed" in note.text()
    window.scene.select_ids(["db"])
    qtbot.wait(10)
    assert "assumes library defaults" in note.text() and " to $" in note.text()


def test_a_range_whose_ends_read_the_same_is_not_shown(window, qtbot):  # type: ignore[no-untyped-def]
    # The RAG pipeline states every priced figure, but its total, summed in another order,
    # differs from its ends in the last bits: the note said "$260,994 to $260,994".
    load_into(window, (sample_dir() / f"rag-pipeline{SAMPLE_SUFFIX}").read_text("utf-8"))
    window.lint.timer.stop()
    note = window.properties.cost
    found = estimate(
        window.document.design, window.library, load_prices(user_dir=user_prices_dir())
    )
    assert not found.low == found.high == found.total
    assert money(found.low) == money(found.high) == money(found.total)
    qtbot.waitUntil(lambda: note.text().startswith("<b>Cost of the design</b>"), timeout=3000)
    assert note.text().startswith(
        f"<b>Cost of the design</b>: about {money(found.total)}/month; 3 cost lines cannot"
    )
    assert " to $" not in note.text()


def test_an_empty_design_shows_no_cost_line(window, qtbot):  # type: ignore[no-untyped-def]
    note = window.properties.cost
    qtbot.wait(10)
    assert not note.isVisible()  # a new window: nothing drawn, nothing to cost
    load_into(window, PRICED)
    qtbot.wait(10)
    assert note.isVisible() and note.text().startswith("<b>Cost of the design</b>")


def _ctrl_click(window, qtbot, component_id: str, ctrl: bool = True) -> None:  # type: ignore[no-untyped-def]
    held = Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier
    spot = viewport_point(window, window.scene.components[component_id].pos())
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, held, spot)
    qtbot.waitUntil(lambda: not window.properties.rebuild_pending(), timeout=2000)
    qtbot.wait(10)


def test_several_selected_components_show_their_cost_together(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, PRICED)
    window.lint.timer.stop()  # no markers over the boxes
    note = window.properties.cost
    # The design's one estimate, as the note computes it: the selection sums its lines.
    found = estimate(
        window.document.design, window.library, load_prices(user_dir=user_prices_dir())
    )
    api, db = found.components["api"], found.components["db"]
    _ctrl_click(window, qtbot, "api", ctrl=False)
    assert "about $146/month" in note.text()
    _ctrl_click(window, qtbot, "db")
    assert sorted(window.scene.selected_component_ids()) == ["api", "db"]
    low = sum(line.low or 0.0 for line in [*api.lines, *db.lines])
    high = sum(line.high or 0.0 for line in [*api.lines, *db.lines])
    assert note.text() == (
        f"<b>Cost of these 2 components</b>: about {money(api.total() + db.total())}/month, "
        f"{money(low)} to {money(high)}; assumes library defaults; 1 cost line cannot be "
        "priced (storage size not stated: set `storage_gb`, in GB per copy)"
    )
    _ctrl_click(window, qtbot, "web")
    assert note.text().startswith("<b>Cost of these 3 components</b>: about ")
    assert note.text().endswith("; 1 not billed (runs on users' devices)")
    _ctrl_click(window, qtbot, "api")  # Ctrl+click again takes it out of the selection
    assert note.text().startswith(
        f"<b>Cost of these 2 components</b>: about {money(db.total())}/month"
    )


def test_a_selection_with_nothing_priced_says_unknown_never_zero(load_text, library):  # type: ignore[no-untyped-def]
    # SQS bills per message: with no `rps` on the client, its only line is unknown.
    design = load_text(
        "archdraw: 1\nname: silent\ncomponents:\n  - {id: web, type: client}\n"
        "  - {id: q, type: queue, props: {managed: true}}\nlinks:\n  - {from: web, to: q}\n"
    ).design
    found = estimate(design, library, load_prices())
    text = selection_text([found.components["q"], found.components["web"]], found.book.currency)
    assert text == (
        "unknown; 1 cost line cannot be priced (depends on usage: set `rps` on client 'web'); "
        "1 not billed (runs on users' devices)"
    )


def test_the_note_writes_the_price_books_currency(window, qtbot, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    # Only the shipped table names a currency (a design's `cost.prices` and the user's
    # price files change amounts, not the unit), so a table in EUR stands in for a build
    # that ships one: the same files with the currency changed, read by the real loader.
    from archdraw.cost.prices import prices_dir
    from archdraw.gui.panels import cost_note

    for name in ("cloud.yaml", "llm.yaml"):
        text = (prices_dir() / name).read_text(encoding="utf-8")
        (tmp_path / name).write_text(
            text.replace("currency: USD", "currency: EUR"), encoding="utf-8"
        )
    monkeypatch.setattr(
        cost_note, "load_prices", lambda user_dir=None: load_prices(tmp_path, user_dir)
    )
    load_into(window, PRICED)
    window.lint.timer.stop()
    note = window.properties.cost
    qtbot.wait(10)
    assert note.text().startswith("<b>Cost of the design</b>: about EUR ")
    _ctrl_click(window, qtbot, "api", ctrl=False)
    # 2 replicas x 0.10 an hour x 730 hours, in the table's currency.
    assert "about EUR 146/month" in note.text()
    _ctrl_click(window, qtbot, "db")
    assert "/month, EUR " in note.text() and " to EUR " in note.text()
    assert "$" not in note.text()


def test_the_note_counts_unpriced_lines_as_the_review_does() -> None:
    """Two storage sizes not stated and two third parties with no price: four lines, as the
    review says (tests/cost/test_unpriced.py); the note once counted only what the review
    did not, and the review only the storage."""
    library = builtin_library()
    path = sample_dir() / f"payment-gateway-naive{SAMPLE_SUFFIX}"
    design = load(path, library).design
    today = estimate(design, library, shipped_prices())
    assert unpriced_text(list(today.components.values())).startswith(
        "4 cost lines cannot be priced ("
    )
