"""auto_layout: clean layouts with dot and the fallback, kept positions, cancel, timeouts."""

from __future__ import annotations

import shutil
import stat
import threading
from pathlib import Path

import pytest
from tests.layout.generated import generate, generate_shared

from archdraw.layout import api as layout_api
from archdraw.layout import auto_layout, layout_problems, node_rect
from archdraw.model import Component, Design, Link, Zone

HAS_DOT = shutil.which("dot") is not None
needs_dot = pytest.mark.skipif(not HAS_DOT, reason="Graphviz dot is not installed")
SIZES = [(3, 0), (12, 1), (60, 2), (150, 3), (400, 4)]


def _all_positions(design: Design, placed: dict[str, tuple[float, float]]):  # type: ignore[no-untyped-def]
    positions = {c.id: c.position for c in design.components if c.position is not None}
    positions.update(placed)
    return positions


@needs_dot
@pytest.mark.parametrize("direction", ["LR", "TB"])
@pytest.mark.parametrize(("size", "seed"), SIZES)
def test_dot_layout_has_no_overlaps_and_keeps_zones_apart(size: int, seed: int, direction: str):
    design = generate(size, seed)
    result = auto_layout(design, None, direction=direction, engine="dot")
    assert result.engine == "dot"
    assert set(result.positions) == {c.id for c in design.components}
    assert layout_problems(design, result.positions) == []


@pytest.mark.parametrize("direction", ["LR", "TB"])
@pytest.mark.parametrize(("size", "seed"), [*SIZES, (1500, 5)])
def test_layered_fallback_has_no_overlaps_and_keeps_zones_apart(
    size: int, seed: int, direction: str
):
    design = generate(size, seed, degree=3.0)
    result = auto_layout(design, None, direction=direction, engine="layered")
    assert result.engine == "layered"
    assert set(result.positions) == {c.id for c in design.components}
    assert layout_problems(design, result.positions) == []


@pytest.mark.parametrize("engine", ["dot", "layered"])
@pytest.mark.parametrize("size", [40, 300])
def test_full_layout_of_shared_generated_designs_is_clean(engine: str, size: int):
    if engine == "dot" and not HAS_DOT:
        pytest.skip("Graphviz dot is not installed")
    design = generate_shared(size, seed=size)
    result = auto_layout(design, full=True, engine=engine)  # type: ignore[arg-type]
    assert result.engine == engine
    assert layout_problems(design, result.positions) == []


@pytest.mark.parametrize("engine", ["auto", "layered"])
def test_new_components_in_a_crowded_design_overlap_nothing(engine: str):
    design = generate_shared(300, seed=1)
    kept = {c.id: c.position for c in design.components if c.position is not None}
    assert 0 < len(kept) < len(design.components)
    result = auto_layout(design, engine=engine)  # type: ignore[arg-type]
    assert set(result.positions) == {c.id for c in design.components} - set(kept)
    boxes = [node_rect(p) for p in kept.values()]
    placed = [node_rect(p) for p in result.positions.values()]
    for index, box in enumerate(placed):
        assert not any(box.intersects(other) for other in boxes + placed[index + 1 :])


def test_layered_layout_follows_the_links_left_to_right_and_top_to_bottom():
    design = Design(
        archdraw=1,
        name="chain",
        components=[Component(id=i, type="service") for i in ("a", "b", "c")],
        links=[
            Link.model_validate({"from": "a", "to": "b"}),
            Link.model_validate({"from": "b", "to": "c"}),
        ],
    )
    across = auto_layout(design, engine="layered").positions
    assert across["a"][0] < across["b"][0] < across["c"][0]
    down = auto_layout(design, direction="TB", engine="layered").positions
    assert down["a"][1] < down["b"][1] < down["c"][1]


@pytest.mark.parametrize("engine", ["auto", "layered"])
def test_cycles_self_loops_and_broken_references_are_laid_out(engine: str):
    design = Design(
        archdraw=1,
        name="odd",
        zones=[
            Zone(id="z1", parent="z2"),
            Zone(id="z2", parent="z1"),
            Zone(id="z3", parent="nope"),
        ],
        components=[
            Component(id="a", type="service", zone="z1"),
            Component(id="b", type="service", zone="z2"),
            Component(id="c", type="cache", zone="missing"),
            Component(id="d", type="queue", zone="z3"),
        ],
        links=[
            Link.model_validate({"from": "a", "to": "b"}),
            Link.model_validate({"from": "b", "to": "a"}),
            Link.model_validate({"from": "c", "to": "c"}),
            Link.model_validate({"from": "d", "to": "ghost"}),
        ],
    )
    result = auto_layout(design, engine=engine)  # type: ignore[arg-type]
    assert set(result.positions) == {"a", "b", "c", "d"}
    assert layout_problems(design, result.positions) == []


@pytest.mark.parametrize("engine", ["auto", "layered"])
def test_existing_positions_are_kept_and_new_components_fit_around_them(engine: str):
    design = generate(40, 7)
    first = auto_layout(design, engine=engine)  # type: ignore[arg-type]
    for component in design.components:
        component.position = first.positions[component.id]
    design.zones.append(Zone(id="fresh", kind="network"))
    design.components.extend(
        [
            Component(id="new1", type="service", zone="fresh"),
            Component(id="new2", type="database", zone="fresh"),
            Component(id="new3", type="client"),
            Component(id="new4", type="cache", zone=design.components[0].zone),
        ]
    )
    design.links.append(Link.model_validate({"from": "new1", "to": "new2"}))
    before = {c.id: c.position for c in design.components}
    second = auto_layout(design, engine=engine)  # type: ignore[arg-type]
    assert set(second.positions) == {"new1", "new2", "new3", "new4"}
    assert {c.id: c.position for c in design.components} == before  # pure: design untouched
    problems = layout_problems(design, _all_positions(design, second.positions))
    assert not [p for p in problems if p.startswith("components")]
    assert not [p for p in problems if "fresh" in p or "new1" in p or "new3" in p]


def test_full_relayout_moves_everything_and_nothing_when_all_are_placed():
    design = generate(10, 2)
    for index, component in enumerate(design.components):
        component.position = (index * 1000.0, 0.0)
    assert auto_layout(design, engine="layered").positions == {}
    full = auto_layout(design, full=True, engine="layered")
    assert set(full.positions) == {c.id for c in design.components}
    assert layout_problems(design, full.positions) == []


def test_empty_design_lays_out_nothing():
    result = auto_layout(Design(archdraw=1, name="empty"))
    assert result.positions == {}


def test_missing_dot_falls_back_and_tells_how_to_install_once(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(layout_api, "find_program", lambda name="dot": None)
    design = generate(20, 1)
    first = auto_layout(design)
    second = auto_layout(design)
    assert first.engine == second.engine == "layered"
    assert first.note and "not found" in first.note
    assert second.note and "not found" in second.note
    assert "install graphviz" not in second.note.lower()
    assert layout_problems(design, first.positions) == []


def _fake_program(tmp_path: Path, script: str) -> str:
    program = tmp_path / "fake-dot"
    program.write_text(f"#!/bin/sh\n{script}\n")
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    return str(program)


@pytest.mark.skipif(shutil.which("sleep") is None, reason="needs a POSIX shell")
def test_timeout_kills_dot_and_falls_back(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    slow = _fake_program(tmp_path, "exec sleep 30")
    monkeypatch.setattr(layout_api, "find_program", lambda name="dot": slow)
    design = generate(15, 4)
    result = auto_layout(design, timeout_s=0.3)
    assert result.engine == "layered"
    assert result.note and "did not finish" in result.note
    assert layout_problems(design, result.positions) == []


@pytest.mark.skipif(shutil.which("sleep") is None, reason="needs a POSIX shell")
def test_failing_dot_falls_back_with_its_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    broken = _fake_program(tmp_path, "echo 'Error: trouble in init_rank' >&2; exit 1")
    monkeypatch.setattr(layout_api, "find_program", lambda name="dot": broken)
    result = auto_layout(generate(8, 4))
    assert result.engine == "layered"
    assert result.note and "trouble in init_rank" in result.note


@pytest.mark.skipif(shutil.which("sleep") is None, reason="needs a POSIX shell")
def test_cancel_kills_a_running_layout(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    slow = _fake_program(tmp_path, "exec sleep 30")
    monkeypatch.setattr(layout_api, "find_program", lambda name="dot": slow)
    cancel = threading.Event()
    threading.Timer(0.2, cancel.set).start()
    result = auto_layout(generate(15, 4), timeout_s=25.0, cancel=cancel)
    assert result.engine == "cancelled"
    assert result.positions == {}


def test_cancel_before_start_lays_out_nothing():
    cancel = threading.Event()
    cancel.set()
    for engine in ("auto", "layered"):
        result = auto_layout(generate(30, 1), cancel=cancel, engine=engine)  # type: ignore[arg-type]
        assert result.engine == "cancelled"
        assert result.positions == {}


def test_positions_are_whole_pixels_and_start_near_the_origin():
    result = auto_layout(generate(25, 6), engine="layered")
    xs = [node_rect(p).x0 for p in result.positions.values()]
    assert all(float(v).is_integer() for p in result.positions.values() for v in p)
    assert min(xs) >= 0


@needs_dot
@pytest.mark.parametrize("direction", ["LR", "TB"])
def test_unlinked_boxes_in_a_zone_are_laid_out_in_rows_not_one_column(direction: str):
    # A manifest whose wiring is not in it: nine workloads in a namespace, none linked.
    design = Design(
        archdraw=1,
        name="cluster",
        zones=[Zone(id="shop", kind="group")],
        components=[Component(id=f"w{i}", type="service", zone="shop") for i in range(9)],
    )
    result = auto_layout(design, None, direction=direction, engine="dot")
    xs = {round(x) for x, _ in result.positions.values()}
    ys = {round(y) for _, y in result.positions.values()}
    assert len(xs) == 3 and len(ys) == 3  # a 3 x 3 block
    assert layout_problems(design, result.positions) == []
