"""With nothing selected, the Properties dock shows an overview of the design (name, counts,
findings by severity, cost, hints) instead of an empty form; selecting something brings the form."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from PySide6.QtCore import QPoint, Qt

SAMPLES = Path(__file__).resolve().parents[2] / "sample_designs"


def _settled(window, qtbot):  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not window.properties.rebuild_pending(), timeout=2000)
    qtbot.wait(20)


def test_nothing_selected_shows_the_design_overview(window, qtbot):  # type: ignore[no-untyped-def]
    assert window.files.open_path(SAMPLES / "rag-pipeline-naive.archdraw.yaml")
    window.lint.run_now()
    qtbot.waitUntil(lambda: bool(window.scene.findings), timeout=5000)
    view = window.view
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(3, 3))  # empty canvas
    _settled(window, qtbot)
    panel = window.properties
    assert panel.overview.isVisible() and not panel.form_scroll.isVisible()
    text = panel.overview.text().replace("&nbsp;", " ")  # counts keep their words by them
    design = window.document.design
    assert design.name in text
    assert f"{len(design.components)} components · {len(design.links)} links" in text
    counts = Counter(f.severity for f in window.scene.findings)
    for severity, count in counts.items():
        word = severity if count == 1 or severity == "info" else f"{severity}s"
        assert f"{count} {word}</span>" in text
    assert "Select a component" in text
    assert panel.cost.isVisible() and "month" in panel.cost.text()  # the design's cost

    # A click on a component brings its form back; an empty click, the overview.
    first = next(iter(window.scene.components.values()))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(first.pos()))
    _settled(window, qtbot)
    assert panel.form_scroll.isVisible() and not panel.overview.isVisible()
    assert panel.fields


def test_the_overview_follows_edits_and_findings(window, qtbot):  # type: ignore[no-untyped-def]
    assert window.files.open_path(SAMPLES / "rag-pipeline-naive.archdraw.yaml")
    window.lint.run_now()
    _settled(window, qtbot)
    before = len(window.document.design.components)
    window.view.setFocus()
    window.scene.select_ids([next(iter(window.scene.components))])
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    window.scene.select_ids([])
    window.lint.run_now()
    _settled(window, qtbot)
    assert f"{before - 1}&nbsp;components" in window.properties.overview.text()


def test_the_overview_is_never_cut_off_in_a_laptop_window(window, qtbot):  # type: ignore[no-untyped-def]
    """On a 1366 x 768 screen the overview and the cost line under it are taller than the dock:
    the overview's last line ("...click it to open them in Findings.") was cut in half. It
    scrolls instead, and shows whole when the dock has room."""
    window.resize(1256, 691)  # what the editor opens at on a 1366 x 768 screen
    assert window.files.open_path(SAMPLES / "ecommerce.archdraw.yaml")
    window.lint.run_now()
    qtbot.waitUntil(lambda: bool(window.scene.findings), timeout=5000)
    _settled(window, qtbot)
    qtbot.waitUntil(lambda: "Cost of the design" in window.properties.cost.text(), timeout=5000)
    qtbot.wait(50)
    overview = window.properties.overview
    assert overview.isVisible()
    assert overview.height() >= overview.heightForWidth(overview.width())
    scroll = window.properties.overview_scroll
    bar = scroll.verticalScrollBar()
    bar.setValue(bar.maximum())  # the last line can be scrolled to
    qtbot.wait(20)
    bottom = overview.mapTo(scroll.viewport(), overview.rect().bottomLeft()).y()
    assert bottom <= scroll.viewport().height()

    window.resize(1256, 1000)  # room enough: all of it shows, and no scroll bar
    qtbot.waitUntil(lambda: not bar.isVisible() or bar.maximum() == 0)
    assert overview.height() >= overview.heightForWidth(overview.width())
    assert window.properties.cost.geometry().top() >= scroll.geometry().bottom()


def test_a_count_is_never_parted_from_its_word_at_a_line_end(window, qtbot):  # type: ignore[no-untyped-def]
    """'27 components · 31 links · 3' over 'zones' read as a stray number in a narrow dock
    (1366 x 768): at any dock width the line wraps between counts, never inside one."""
    from PySide6.QtGui import QTextDocument

    assert window.files.open_path(SAMPLES / "ecommerce.archdraw.yaml")
    _settled(window, qtbot)
    overview = window.properties.overview
    document = QTextDocument()
    document.setDefaultFont(overview.font())
    document.setDocumentMargin(0)
    document.setHtml(overview.text())
    for width in range(160, 420, 6):  # the docks' widths, narrow to wide
        document.setTextWidth(width)
        assert document.size().height() > 0  # laid out, so its lines are known
        block = document.begin()
        while block.isValid():
            if "·" not in block.text():  # the counts' paragraph (the purpose is the author's)
                block = block.next()
                continue
            layout = block.layout()
            for number in range(layout.lineCount()):
                line = layout.lineAt(number)
                words = block.text()[line.textStart() : line.textStart() + line.textLength()]
                assert not words.split() or not words.split()[-1].isdigit(), (width, words)
                assert not words.lstrip().startswith("×"), (width, words)
            block = block.next()
