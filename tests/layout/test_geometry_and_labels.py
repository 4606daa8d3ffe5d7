"""Zone rectangles, the layout checker, and label cleaning."""

from __future__ import annotations

from archdraw.layout import Rect, clean_text, graphviz_safe, layout_problems, zone_rectangles
from archdraw.layout.labels import GRAPHVIZ_LABEL_LIMIT
from archdraw.model import Component, Design, Zone
from archdraw.style import NODE_HEIGHT, NODE_WIDTH, ZONE_PADDING, ZONE_TITLE_HEIGHT


def _design() -> Design:
    return Design(
        archdraw=1,
        name="zones",
        zones=[Zone(id="outer", kind="region"), Zone(id="inner", parent="outer")],
        components=[
            Component(id="a", type="service", zone="inner"),
            Component(id="b", type="service", zone="outer"),
            Component(id="c", type="service"),
        ],
    )


def test_zone_rectangle_is_the_padded_box_of_members_and_child_zones():
    rects = zone_rectangles(_design(), {"a": (100.0, 100.0), "b": (400.0, 100.0)})
    inner = rects["inner"]
    assert inner == Rect(
        100 - NODE_WIDTH / 2 - ZONE_PADDING,
        100 - NODE_HEIGHT / 2 - ZONE_PADDING - ZONE_TITLE_HEIGHT,
        100 + NODE_WIDTH / 2 + ZONE_PADDING,
        100 + NODE_HEIGHT / 2 + ZONE_PADDING,
    )
    assert rects["outer"].contains(inner)
    assert rects["outer"].y0 == inner.y0 - ZONE_PADDING - ZONE_TITLE_HEIGHT


def test_problems_name_overlaps_and_outsiders_inside_zones():
    design = _design()
    clean = {"a": (100.0, 100.0), "b": (400.0, 100.0), "c": (800.0, 100.0)}
    assert layout_problems(design, clean) == []
    overlapping = {**clean, "c": (410.0, 110.0)}
    problems = layout_problems(design, overlapping)
    assert "components b and c overlap" in problems or "components c and b overlap" in problems
    assert "component c lies inside zone outer" in problems


def test_problems_name_sibling_zones_that_overlap():
    design = Design(
        archdraw=1,
        name="siblings",
        zones=[Zone(id="left"), Zone(id="right")],
        components=[
            Component(id="a", type="service", zone="left"),
            Component(id="b", type="service", zone="right"),
        ],
    )
    apart = NODE_WIDTH + 2 * ZONE_PADDING + 1
    assert layout_problems(design, {"a": (0.0, 0.0), "b": (apart, 0.0)}) == []
    close = layout_problems(design, {"a": (0.0, 0.0), "b": (apart - 10, 0.0)})
    assert close == ["zones left and right overlap"]


def test_clean_text_removes_control_characters_and_shortens():
    assert clean_text("a\x00b\x07c\x1fd\x7f") == "abcd"
    assert clean_text("line one\nline\ttwo\r") == "line one line two"
    assert clean_text("x" * 50, 10) == "x" * 9 + "…"
    assert clean_text(None) == ""
    assert clean_text("\ud800lone surrogate") == "lone surrogate"


def test_graphviz_labels_stay_under_the_byte_limit():
    label = graphviz_safe("é" * 20_000)
    assert len(label.encode("utf-8")) < GRAPHVIZ_LABEL_LIMIT
    assert label.endswith("…")
