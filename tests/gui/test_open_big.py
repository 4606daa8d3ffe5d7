"""File > Open of a big design over another one, with the event loop running.

The design is read, placed and drawn in a worker; the canvas deletes the old
design's items and makes the new ones a chunk per pass of the event loop, on
a blank canvas saying what is being opened. What ends up on the canvas is
checked against a drawing of the file made here, element by element.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer

from archdraw.drawing import Drawing
from archdraw.gui import loading
from archdraw.gui.canvas.component_item import ComponentItem
from archdraw.gui.canvas.link_item import LinkItem
from archdraw.gui.canvas.text import scene_rect
from archdraw.gui.canvas.zone_item import ZoneItem
from archdraw.io import dumps, load
from archdraw.model import Change, Component, Design, Link, Zone, new_design

TYPES = ("service", "database", "cache", "queue", "worker")


def zoned_design(count: int, prefix: str) -> Design:
    """`count` components in zones of 200, every 25th without a position (auto layout
    places it), linked in a chain with every 5th link labelled."""
    design = new_design(prefix)
    design.zones = [Zone(id=f"{prefix}-z{i}", label=f"Zone {i}") for i in range(-(-count // 200))]
    for i in range(count):
        design.components.append(
            Component(
                id=f"{prefix}{i}",
                type=TYPES[i % len(TYPES)],
                label=f"{prefix} {i}",
                zone=f"{prefix}-z{i // 200}",
                position=None if i % 25 == 7 else ((i % 40) * 220.0, (i // 40) * 140.0),
                props={"replicas": 2} if i % 3 else {},
            )
        )
    design.links = [
        Link(source=f"{prefix}{i - 1}", target=f"{prefix}{i}", label="calls" if i % 5 else None)
        for i in range(1, count)
    ]
    return design


def test_a_big_file_opened_over_a_big_design_draws_every_element(  # type: ignore[no-untyped-def]
    window, qtbot, tmp_path, monkeypatch
):
    monkeypatch.setattr(loading, "PROGRESS_AFTER_MS", 0)
    window.files.replace(zoned_design(1500, "old"), None)  # its 1,500 items must all go
    path = tmp_path / "new.archdraw.yaml"
    path.write_text(dumps(zoned_design(2400, "new")))
    assert path.stat().st_size > loading.OPEN_IN_BACKGROUND_ABOVE
    passes: list[tuple[bool, bool]] = []  # (canvas blank, progress shown), a pass each
    ticker = QTimer()
    ticker.setInterval(0)
    ticker.timeout.connect(
        lambda: passes.append((not window.view.showing_design, window.files.progress.isVisible()))
    )
    ticker.start()
    assert window.files.open_path(path)
    qtbot.waitUntil(lambda: window.files.opening is None, timeout=120000)
    qtbot.waitUntil(lambda: not window.lint.busy, timeout=60000)
    qtbot.wait(50)
    ticker.stop()
    blank = [shown for shown, _ in passes]
    assert sum(blank) > 5 and not blank[-1]  # blank while being made, then the design
    assert any(progress for _, progress in passes) and not window.files.progress.isVisible()

    # The file opened as it reads, its unpositioned components placed.
    expected = load(path, window.library).design
    opened = window.document.design
    unplaced = {c.id for c in expected.components if c.position is None}
    assert len(unplaced) == 96 and all(c.position for c in opened.components)
    as_read = opened.model_copy(deep=True)
    for component in as_read.components:
        component.position = None if component.id in unplaced else component.position
    assert as_read.model_dump() == expected.model_dump()
    assert window.document.path == path.resolve() and not window.document.dirty

    # Every element drawn once, where a drawing of the file puts it; nothing of the old one.
    centres = {c.id: c.position or (0.0, 0.0) for c in opened.components}
    drawing = Drawing(opened, window.library, centres)
    items = window.scene.items()
    boxes = {i.component_id: i for i in items if isinstance(i, ComponentItem)}
    assert len(boxes) == len([i for i in items if isinstance(i, ComponentItem)])
    assert set(boxes) == {c.id for c in opened.components}
    for component_id, item in boxes.items():
        assert (item.pos().x(), item.pos().y()) == drawing.boxes[component_id].rect.centre
    links = {i.key: i for i in items if isinstance(i, LinkItem)}
    assert len(links) == len([i for i in items if isinstance(i, LinkItem)])
    assert set(links) == set(drawing.links) and len(links) == len(opened.links)
    for key, link in links.items():
        assert link.drawing is not None
        assert link.drawing.path == drawing.links[key].path is not None
        assert link.drawing.label == drawing.links[key].label
    zones = {i.zone_id: i for i in items if isinstance(i, ZoneItem)}
    assert set(zones) == {z.id for z in opened.zones}
    for zone_id, zone in zones.items():
        assert zone.rect == scene_rect(drawing.zones[zone_id].rect)

    # The findings' markers, and the far-zoom overview of the fitted view.
    assert window.scene.drawing.markers and window.lint.findings
    assert window.scene.markers.markers == window.scene.drawing.markers
    assert window.scene.overview_on and window.scene.overview.isVisible()
    assert sum(len(b) for b in window.scene.overview.boxes.values()) == len(boxes)


def test_a_second_open_while_the_first_fills_the_canvas_ends_with_the_second(  # type: ignore[no-untyped-def]
    window, qtbot, tmp_path
):
    first, second = tmp_path / "first.archdraw.yaml", tmp_path / "second.archdraw.yaml"
    first.write_text(dumps(zoned_design(2200, "one")))
    second.write_text(dumps(zoned_design(2300, "two")))
    started: list[int] = []

    def open_second(change: Change) -> None:  # once the first is open, its canvas filling
        if change.is_reset and window.document.path == first.resolve() and not started:
            started.append(len(window.scene.components))
            QTimer.singleShot(0, lambda: window.files.open_path(second))

    window.document.subscribe(open_second)
    window.files.open_path(first)
    qtbot.waitUntil(lambda: window.document.path == second.resolve(), timeout=120000)
    qtbot.waitUntil(lambda: window.files.opening is None, timeout=120000)
    assert started == [0] and window.view.showing_design
    ids = {c.id for c in window.document.design.components}
    assert len(ids) == 2300 and all(i.startswith("two") for i in ids)
    items = [i for i in window.scene.items() if isinstance(i, ComponentItem)]
    assert sorted(i.component_id for i in items) == sorted(ids)  # none of the first's left
