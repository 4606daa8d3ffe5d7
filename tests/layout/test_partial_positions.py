"""Completing partial positions: new components go around the placed ones along the flow."""

from __future__ import annotations

import shutil

import pytest

from archdraw.layout import auto_layout, layout_problems, node_rect, zone_rectangles
from archdraw.model import Component, Design, Link, Zone

ENGINES = ["layered", "dot"] if shutil.which("dot") else ["layered"]


def _readme_design() -> Design:
    """The README's example: only `lb` has a position; the client calls it over HTTPS."""
    return Design(
        archdraw=1,
        name="Photo sharing",
        zones=[
            Zone(id="us-east", kind="region"),
            Zone(id="use-a", kind="zone", parent="us-east"),
        ],
        components=[
            Component(id="web", type="client"),
            Component(id="lb", type="load_balancer", zone="use-a", position=(120, 40)),
            Component(id="api", type="service", zone="use-a"),
            Component(id="cache", type="cache"),
            Component(id="db", type="database"),
            Component(id="jobs", type="queue"),
        ],
        links=[
            Link.model_validate({"from": "web", "to": "lb", "label": "HTTPS"}),
            Link.model_validate({"from": "lb", "to": "api"}),
            Link.model_validate({"from": "api", "to": "cache"}),
            Link.model_validate({"from": "api", "to": "db"}),
        ],
    )


def _complete(design: Design, engine: str, direction: str) -> dict[str, tuple[float, float]]:
    result = auto_layout(design, direction=direction, engine=engine)  # type: ignore[arg-type]
    positions = {c.id: c.position for c in design.components if c.position is not None}
    assert not set(result.positions) & set(positions)  # pinned ones stay where the user put them
    positions.update(result.positions)
    assert set(positions) == {c.id for c in design.components}
    return positions


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("direction", ["LR", "TB"])
def test_a_client_without_position_comes_before_what_it_calls_outside_its_zones(
    engine: str, direction: str
):
    design = _readme_design()
    positions = _complete(design, engine, direction)
    web, lb = node_rect(positions["web"]), node_rect(positions["lb"])
    zones = zone_rectangles(design, positions)
    if direction == "LR":
        assert web.x1 < zones["us-east"].x0 < lb.x0  # left of the region holding lb
        assert web.centre[1] == lb.centre[1]  # level with it: its link crosses borders straight
    else:
        assert web.y1 < zones["us-east"].y0 < lb.y0
        assert web.centre[0] == lb.centre[0]
    assert not any(rect.intersects(web) for rect in zones.values())
    assert layout_problems(design, positions) == []


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("direction", ["LR", "TB"])
def test_what_the_placed_ones_call_comes_after_them(engine: str, direction: str):
    design = _readme_design()
    positions = _complete(design, engine, direction)
    axis = 1 if direction == "TB" else 0
    region = zone_rectangles(design, positions)["us-east"]
    region_end = region.y1 if direction == "TB" else region.x1
    for callee in ("cache", "db"):
        box = node_rect(positions[callee])
        assert (box.y0 if direction == "TB" else box.x0) > region_end, callee
    # api is in lb's zone and called by it: beside lb in the zone, further along the flow.
    assert positions["api"][axis] > positions["lb"][axis]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("direction", ["LR", "TB"])
def test_no_zone_edge_runs_level_with_a_new_component_linked_to_the_drawing(
    engine: str, direction: str
):
    design = _readme_design()
    positions = _complete(design, engine, direction)
    zones = zone_rectangles(design, positions).values()
    # A link along the flow meets the side of its box: a zone edge across that side would
    # have the link (and its label) run on the zone's border.
    edges = [e for r in zones for e in ((r.x0, r.x1) if direction == "TB" else (r.y0, r.y1))]
    for new in ("web", "cache", "db"):
        box = node_rect(positions[new])
        low, high = (box.x0, box.x1) if direction == "TB" else (box.y0, box.y1)
        assert not [e for e in edges if low < e < high], new


def test_a_labelled_link_leaves_room_for_its_label_outside_the_zones():
    design = _readme_design()
    positions = _complete(design, "layered", "LR")
    region = zone_rectangles(design, positions)["us-east"]
    open_stretch = region.x0 - node_rect(positions["web"]).x1
    assert open_stretch >= 5 * 7 + 10 + 80  # "HTTPS" at about 7 px a character, plus the gap


def test_a_chain_of_new_sources_goes_before_and_a_fed_cycle_goes_after():
    design = Design(
        archdraw=1,
        name="chain",
        components=[
            Component(id="user", type="client"),
            Component(id="cdn", type="cdn"),
            Component(id="api", type="service", position=(400, 200)),
            Component(id="worker", type="service"),
            Component(id="back", type="service"),
        ],
        links=[
            Link.model_validate({"from": "user", "to": "cdn"}),
            Link.model_validate({"from": "cdn", "to": "api"}),
            Link.model_validate({"from": "api", "to": "worker"}),
            Link.model_validate({"from": "worker", "to": "back"}),
            Link.model_validate({"from": "back", "to": "api"}),  # fed by api: not a source
        ],
    )
    positions = _complete(design, "layered", "LR")
    api_x = positions["api"][0]
    assert positions["user"][0] < positions["cdn"][0] < api_x
    assert positions["worker"][0] > api_x and positions["back"][0] > api_x
    assert layout_problems(design, positions) == []
