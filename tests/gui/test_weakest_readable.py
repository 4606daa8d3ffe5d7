"""The weakest points read on a laptop screen: what fails, and what it takes down, in words.

On the e-commerce sample in a 1366 x 768 screen the sentence column was squeezed to a few
letters ("Fulfi… hand-off, Order em…") and a zone's row grew taller than the table.
"""

from __future__ import annotations

from pathlib import Path

SAMPLE = Path(__file__).parents[2] / "sample_designs" / "ecommerce.archdraw.yaml"


def test_weakest_points_keep_each_column_readable_in_a_laptop_window(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.resize(1256, 691)  # what the editor opens at on a 1366 x 768 screen
    assert window.files.open_path(SAMPLE)
    qtbot.waitUntil(lambda: len(window.document.design.components) > 20, timeout=10000)
    window.actions_by_name["analyze-weakest"].trigger()
    table = window.analysis_panel.weakest_table
    qtbot.waitUntil(lambda: table.rowCount() > 3, timeout=10000)
    qtbot.wait(50)  # rows re-measured for the widened dock
    room = table.viewport().width()
    header = table.horizontalHeader()
    last = table.columnCount() - 1
    assert header.sectionSize(last) >= room // 4, [header.sectionSize(c) for c in range(4)]
    lines = table.fontMetrics().lineSpacing()
    tallest = max(table.rowHeight(r) for r in range(table.rowCount()))
    assert tallest <= 5 * lines, (tallest, lines)
    rows = table.texts()
    # A long list is cut to a few names with the count of the rest; the tooltip has all.
    long = max(rows, key=lambda row: len(row[last]))
    assert " more" in long[last] or long[last].count(",") < 5


def test_a_column_of_names_reads_from_the_left_even_with_one_short_name(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    window.resize(1256, 691)
    assert window.files.open_path(SAMPLE)
    qtbot.waitUntil(lambda: len(window.document.design.components) > 20, timeout=10000)
    window.actions_by_name["analyze-weakest"].trigger()
    table = window.analysis_panel.weakest_table
    qtbot.waitUntil(lambda: table.rowCount() > 3, timeout=10000)
    right = Qt.AlignmentFlag.AlignRight
    for row in range(table.rowCount()):
        assert not table.item(row, 3).textAlignment() & right.value, table.item(row, 3).text()
        assert table.item(row, 1).textAlignment() & right.value  # requests lost: a figure
