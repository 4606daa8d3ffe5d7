"""Each edit kind, its inverse, refusals that change nothing, and the Document's notifications."""

from __future__ import annotations

import pytest

from archdraw.io import dumps
from archdraw.library import Library
from archdraw.model import (
    Change,
    Component,
    Design,
    DesignDoc,
    Document,
    Link,
    LintIgnore,
    LintSettings,
    Zone,
    validate_design,
)
from archdraw.model.edits import (
    AddComponent,
    AddElements,
    AddLink,
    AddZone,
    Batch,
    Edit,
    EditError,
    MoveComponents,
    MoveToZone,
    RemoveComponents,
    RemoveElements,
    RemoveLink,
    RenameId,
    SetComponentFields,
    SetDesignInfo,
    SetDoc,
    SetLabel,
    SetLinkFields,
    SetLinkProperties,
    SetLintSettings,
    SetProperties,
    SetZoneFields,
)


def link(source: str, target: str, **fields: object) -> Link:
    return Link.model_validate({"from": source, "to": target, **fields})


@pytest.fixture
def design() -> Design:
    return Design(
        archdraw=1,
        name="Shop",
        zones=[
            Zone(id="region", kind="region"),
            Zone(id="az", kind="zone", parent="region"),
            Zone(id="net", kind="network", parent="az"),
        ],
        components=[
            Component(id="web", type="client"),
            Component(id="lb", type="load_balancer", zone="az", position=(10, 20)),
            Component(id="api", type="service", zone="net", props={"replicas": 2}),
            Component(id="db", type="database", zone="net"),
        ],
        links=[
            link("web", "lb"),
            link("lb", "api", label="HTTP"),
            link("api", "db", id="api-db", props={"calls": 3}),
        ],
    )


def round_trip(design: Design, edit: Edit) -> Design:
    """Apply edit then its inverse; return the design as it was after the edit."""
    before = design.model_copy(deep=True)
    inverse = edit.apply(design)
    after = design.model_copy(deep=True)
    assert after != before, f"{edit} changed nothing"
    redo = inverse.apply(design)
    assert design == before, f"the inverse of {edit} did not restore the design"
    redo.apply(design)
    assert design == after, f"redoing {edit} did not give the same design"
    return after


EDITS = {
    "add component": AddComponent(Component(id="cache", type="cache", zone="az"), at=1),
    "add link": AddLink(link("web", "db", kind="async")),
    "add zone": AddZone(Zone(id="dr", kind="region")),
    "remove component": RemoveComponents(["api"]),
    "remove link": RemoveLink("lb->api"),
    "remove zone": RemoveElements(zone_ids=("az",)),
    "move": MoveComponents({"web": (1.5, 2), "lb": None}),
    "fields": SetComponentFields("api", {"label": "API", "notes": "stateless"}),
    "label": SetLabel("db", "Orders DB"),
    "to zone": MoveToZone(["web", "db"], "region"),
    "props": SetProperties("api", {"replicas": 4, "tls": True}),
    "remove prop": SetProperties("api", {"replicas": None}),
    "link props": SetLinkProperties("api-db", {"calls": 1.5, "tls": True}),
    "link fields": SetLinkFields("web->lb", {"kind": "async", "label": "events"}),
    "zone fields": SetZoneFields("net", {"label": "Private", "kind": "group", "parent": "region"}),
    "rename component": RenameId("api", "orders"),
    "rename zone": RenameId("az", "use1-az1"),
    "doc": SetDoc(DesignDoc(purpose="Sell", failure_modes=["db down"])),
    "lint": SetLintSettings(LintSettings(disable=["AD204"], severity={"AD105": "info"})),
    "info": SetDesignInfo("Shop v2", "second draft"),
    "batch": Batch((SetLabel("web", "Apps"), MoveComponents({"web": (0, 0)}))),
}


@pytest.mark.parametrize("name", sorted(EDITS))
def test_edit_inverse_and_redo(name: str, design: Design, library: Library) -> None:
    after = round_trip(design, EDITS[name])
    assert validate_design(after, library) == []


def test_rename_updates_every_reference(design: Design) -> None:
    design.lint.ignore.append(LintIgnore(rule="AD101", component="api"))
    RenameId("api", "orders").apply(design)
    assert {(k.source, k.target) for k in design.links} >= {("lb", "orders"), ("orders", "db")}
    assert design.lint.ignore[0].component == "orders"
    RenameId("net", "private").apply(design)
    assert design.component("orders").zone == "private"  # type: ignore[union-attr]


def test_rename_follows_ignores_of_implicit_link_keys_and_undo_leaves_stale_ones(
    design: Design,
) -> None:
    before_ignores = [
        LintIgnore(rule="AD301", link="lb->api", reason="internal"),
        LintIgnore(rule="AD301", link="orders->db", reason="stale: names the new id already"),
    ]
    design.lint.ignore.extend(before_ignores)
    original = design.model_copy(deep=True)
    inverse = RenameId("api", "orders").apply(design)
    assert [i.link for i in design.lint.ignore] == ["lb->orders", "orders->db"]
    inverse.apply(design)
    assert design == original


def test_remove_component_restores_links_and_positions(design: Design) -> None:
    before = design.model_copy(deep=True)
    inverse = RemoveComponents(["lb"]).apply(design)
    assert [k.key for k in design.links] == ["api-db"]
    assert [c.id for c in design.components] == ["web", "api", "db"]
    inverse.apply(design)
    assert design == before
    assert [k.key for k in design.links] == ["web->lb", "lb->api", "api-db"]


def test_remove_zone_moves_members_to_parent_and_back(design: Design) -> None:
    before = design.model_copy(deep=True)
    inverse = RemoveElements(zone_ids=("az",)).apply(design)
    assert design.component("lb").zone == "region"  # type: ignore[union-attr]
    assert design.zone("net").parent == "region"  # type: ignore[union-attr]
    inverse.apply(design)
    assert design == before


REFUSED = {
    "duplicate id": AddComponent(Component(id="az", type="cache")),
    "missing zone": AddComponent(Component(id="x", type="cache", zone="nowhere")),
    "dangling link": AddLink(link("web", "ghost")),
    "existing link": AddLink(link("web", "lb")),
    "remove unknown": RemoveComponents(["ghost"]),
    "move unknown": MoveComponents({"web": (0, 0), "ghost": (1, 1)}),
    "unknown field": SetComponentFields("web", {"colour": "red"}),
    "no type": SetComponentFields("web", {"type": ""}),
    "props unknown component": SetProperties("ghost", {"replicas": 1}),
    "link kind": SetLinkFields("web->lb", {"kind": "telepathy"}),
    "zone cycle": SetZoneFields("region", {"parent": "net"}),
    "zone self": SetZoneFields("az", {"parent": "az"}),
    "rename clash": RenameId("web", "db"),
    "rename invalid": RenameId("web", "has space"),
    "rename unknown": RenameId("ghost", "spirit"),
    "empty name": SetDesignInfo("  "),
    "batch half": Batch((SetLabel("web", "Apps"), RemoveComponents(["ghost"]))),
    "add zone with missing parent": AddElements(zones=(Zone(id="z", parent="nope"),)),
    "new zones in a cycle": AddElements(
        zones=(Zone(id="z1", parent="z2"), Zone(id="z2", parent="z1"))
    ),
    "link to a zone": AddLink(link("web", "az")),
    "move to nowhere": MoveComponents({"web": (float("nan"), 0.0)}),
    "move to infinity": MoveComponents({"web": (0.0, float("inf"))}),
    "zone kind": SetZoneFields("az", {"kind": "galaxy"}),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_edit_leaves_design_unchanged(name: str, design: Design) -> None:
    before = design.model_copy(deep=True)
    with pytest.raises(EditError):
        REFUSED[name].apply(design)
    assert design == before


def test_move_merges_only_same_components() -> None:
    first, second = MoveComponents({"a": (0, 0)}), MoveComponents({"a": (5, 5)})
    assert first.merge(second) is second
    assert first.merge(MoveComponents({"b": (5, 5)})) is None
    assert SetLabel("a", "x").merge(SetLabel("a", "y")) is None


def test_document_notifies_with_touched_ids(design: Design) -> None:
    document = Document(design)
    heard: list[Change] = []
    unsubscribe = document.subscribe(heard.append)
    inverse = document.apply(RenameId("api", "orders"))
    assert heard[-1].edit == RenameId("api", "orders")
    assert heard[-1].touched == {"api", "orders"}
    assert document.dirty and document.revision == 1
    document.apply(inverse)
    document.apply(RemoveLink("api-db"))
    assert heard[-1].touched == {"api-db"}
    document.apply(MoveToZone(["web"], "az"))
    assert heard[-1].touched == {"web"}
    document.replace(Design(archdraw=1, name="Other"), None)
    assert heard[-1].is_reset and heard[-1].touched == frozenset()
    assert not document.dirty
    unsubscribe()
    document.apply(SetDesignInfo("Quiet"))
    assert len(heard) == 5


def test_document_refusal_does_not_notify(design: Design) -> None:
    document = Document(design)
    heard: list[Change] = []
    document.subscribe(heard.append)
    with pytest.raises(EditError):
        document.apply(RemoveComponents(["ghost"]))
    assert heard == [] and not document.dirty and document.revision == 0


def test_mark_saved_clears_dirty(design: Design, tmp_path) -> None:  # type: ignore[no-untyped-def]
    document = Document(design)
    document.apply(SetLabel("web", "Apps"))
    document.mark_saved(tmp_path / "shop.archdraw.yaml")
    assert not document.dirty and document.path == tmp_path / "shop.archdraw.yaml"
    assert "label: Apps" in dumps(document.design)
