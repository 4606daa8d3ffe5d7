"""The "×N" badge shows the instances the analysis counts, drawn filled when the design states
`replicas` and outlined when the count rests on a library default or is derived."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from archdraw.analysis.graph import build_graph
from archdraw.drawing import ComponentLook, Drawing, face, instances_note
from archdraw.export.svg import export_svg
from archdraw.io import load
from archdraw.library import Library
from archdraw.model import Component, Design

SAMPLES = Path(__file__).resolve().parents[2] / "sample_designs"
NS = "{http://www.w3.org/2000/svg}"


def _look(library: Library, kind: str, props: dict[str, object]) -> ComponentLook:
    design = Design(
        archdraw=1,
        name="badges",
        components=[Component(id="a", type=kind, position=(0, 0), props=props)],
    )
    return Drawing(design, library, {"a": (0, 0)}).boxes["a"].look


def _badge(look: ComponentLook) -> tuple[str, bool] | None:
    """The badge's text and whether it is drawn as stated; None when there is no badge."""
    drawn = face(look, "full")
    runs = [run.text for run in drawn.texts if run.role == "badge"]
    if drawn.badge is None:
        assert runs == []
        return None
    assert len(runs) == 1
    return runs[0], drawn.badge_stated


@pytest.mark.parametrize(
    ("kind", "props", "badge", "note"),
    [
        ("service", {"replicas": 3}, ("×3", True), "3 instances (stated)"),
        # Stated wins over zones: two instances over two of the three zones.
        ("database", {"replicas": 2, "zones": 3}, ("×2", True), "2 instances (stated)"),
        (
            "database",
            {"zones": 3},
            ("×3", False),
            "3 instances, one per zone (`replicas` not stated)",
        ),
        (
            "database",
            {"shards": 4},
            ("×4", False),
            "4 instances, one per shard (a store's shards run on machines of their own)",
        ),
        (
            "load_balancer",
            {},
            ("×2", False),
            "2 instances (`replicas` not stated: assuming the library default `replicas: 2`)",
        ),
        # A CDN is `global: true` by its type: the provider's one service over its 20 points
        # of presence, not the library's 100 edge servers of ours.
        (
            "cdn",
            {},
            None,
            "one managed service over 20 zones (`replicas` not stated: the provider runs its "
            "machines)",
        ),
        ("cdn", {"replicas": 100}, ("×100", True), "100 instances (stated)"),
        # A stream's partitions share its brokers: the library's three, not one per shard.
        ("stream", {"shards": 8}, ("×3", False), None),
    ],
)
def test_the_badge_shows_the_analysis_count_and_its_basis(
    library: Library,
    kind: str,
    props: dict[str, object],
    badge: tuple[str, bool],
    note: str | None,
) -> None:
    look = _look(library, kind, props)
    assert _badge(look) == badge
    if note is not None:
        assert instances_note(look) == note


def test_one_instance_draws_no_badge_but_the_hover_says_why(library: Library) -> None:
    look = _look(library, "service", {})
    assert _badge(look) is None
    assert instances_note(look) == (
        "1 instance (`replicas` not stated: assuming the library default `replicas: 1`)"
    )
    assert _badge(_look(library, "service", {"replicas": 1})) is None


def test_a_type_without_replicas_has_no_count_to_show(library: Library) -> None:
    look = _look(library, "client", {"rps": 100})
    assert look.instances is None
    assert _badge(look) is None and instances_note(look) is None


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.archdraw.yaml")), ids=lambda p: p.name)
def test_every_badge_in_the_samples_is_the_count_failure_analysis_uses(
    library: Library, sample: Path
) -> None:
    design = load(sample, library).design
    graph = build_graph(design, library)
    drawing = Drawing(design, library, {c.id: c.position or (0, 0) for c in design.components})
    for node, component_id in enumerate(graph.ids):
        found = drawing.boxes[component_id].look.instances
        if found is not None:
            assert found.total == graph.instances(node), component_id


def test_the_svg_draws_an_unstated_count_outlined_and_names_its_basis(library: Library) -> None:
    design = Design(
        archdraw=1,
        name="badges",
        components=[
            Component(id="api", type="service", position=(0, 0), props={"replicas": 3}),
            Component(id="db", type="database", position=(300, 0), props={"zones": 3}),
        ],
    )
    root = ET.fromstring(export_svg(design, library))
    groups = {g.get("data-id"): g for g in root.iter(f"{NS}g") if g.get("class") == "component"}
    pills = {key: group.findall(f"{NS}rect")[1] for key, group in groups.items()}
    assert pills["api"].get("stroke-dasharray") is None
    assert pills["db"].get("stroke-dasharray") and pills["db"].get("stroke")
    assert pills["db"].get("fill") != pills["api"].get("fill")
    titles = {key: group.findtext(f"{NS}title") for key, group in groups.items()}
    assert titles["db"] is not None and "3 instances, one per zone" in titles["db"]
    assert titles["api"] is not None and titles["api"].endswith("3 instances (stated)")
