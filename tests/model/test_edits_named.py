"""Edit descriptions name elements by their titles (label, else id), links as 'A → B'."""

from __future__ import annotations

from archdraw.model import Component, Design, Document, Link, Zone
from archdraw.model import edits_named as named


def _document() -> Document:
    design = Design(
        archdraw=1,
        name="t",
        components=[
            Component(id="llm_workers", type="service", label="LLM workers", zone="east"),
            Component(id="queue", type="queue"),
        ],
        links=[Link.model_validate({"from": "queue", "to": "llm_workers"})],
        zones=[Zone(id="east", label="US east")],
    )
    return Document(design)


def _labels(document: Document) -> list[str]:
    return [step.label for step in document.history.steps]


def test_descriptions_name_elements_by_label_falling_back_to_id() -> None:
    document = _document()
    design = document.design
    key = design.links[0].key
    for edit in (
        named.set_property(design, "llm_workers", "replicas", 3),
        named.set_property(design, "queue", "replicas", 2),
        named.set_link_property(design, key, "timeout_ms", 500),
        named.set_link_fields(design, key, {"label": "jobs"}),
        named.set_link_fields(design, key, {"kind": "async"}),
        named.set_component_notes(design, "llm_workers", "GPU"),
        named.move_to_zone(design, ["queue"], "east"),
        named.rename_zone(design, "east", "Primary"),
        named.set_property_on_all(["queue", "llm_workers"], "replicas", 4),
    ):
        document.apply(edit)
    assert _labels(document) == [
        "Set replicas of LLM workers",
        "Set replicas of queue",
        "Set timeout_ms of queue → LLM workers",
        "Label link queue → LLM workers",
        "Change kind of queue → LLM workers",
        "Edit notes of LLM workers",
        "Move queue to zone US east",
        "Rename zone US east to Primary",
        "Set replicas on 2 components",
    ]


def test_a_description_stays_as_made_when_the_element_is_renamed_later() -> None:
    document = _document()
    document.apply(named.set_property(document.design, "llm_workers", "replicas", 3))
    document.apply(named.rename_component(document.design, "llm_workers", "GPU workers"))
    document.apply(named.set_property(document.design, "llm_workers", "replicas", 4))
    expected = [
        "Set replicas of LLM workers",
        "Rename LLM workers to GPU workers",
        "Set replicas of GPU workers",
    ]
    assert _labels(document) == expected
    # Undo and redo swap each step's edit for its inverse: the words go with it.
    document.undo()
    document.undo()
    assert document.design.component("llm_workers").label == "LLM workers"  # type: ignore[union-attr]
    document.redo()
    document.redo()
    assert _labels(document) == expected


def test_clearing_a_label_says_the_id_shows_again_and_ids_are_named_by_title() -> None:
    document = _document()
    document.apply(named.rename_component(document.design, "llm_workers", ""))
    document.apply(named.change_id(document.design, "queue", "jobs"))
    assert _labels(document) == ["Rename LLM workers to llm_workers", "Change id of queue"]
    assert document.design.component("llm_workers").label is None  # type: ignore[union-attr]
    assert document.design.component("jobs") is not None


def test_a_link_to_a_missing_end_keeps_the_ids() -> None:
    design = _document().design
    orphan = Link.model_validate({"from": "queue", "to": "gone"})
    assert named.link_title(design, orphan) == "queue → gone"
    assert named.element_title(design, "nothing") == "nothing"


def _three() -> Document:
    design = Design(
        archdraw=1,
        name="t",
        components=[
            Component(id="orders_db", type="database", label="Orders DB", position=(0, 0)),
            Component(id="api", type="service", position=(200, 0)),
            Component(id="queue", type="queue", position=(400, 0)),
        ],
        links=[
            Link.model_validate({"from": "api", "to": "orders_db"}),
            Link.model_validate({"from": "queue", "to": "orders_db"}),
            Link.model_validate({"from": "api", "to": "queue"}),
        ],
        zones=[Zone(id="east", label="US east")],
    )
    return Document(design)


def test_a_delete_names_what_it_removes_with_the_links_that_go_with_it() -> None:
    document = _three()
    design = document.design
    api_queue = design.links[2].key
    assert [
        named.delete(design, component_ids=["orders_db"]).label,
        named.delete(design, component_ids=["orders_db", "api"]).label,
        named.delete(design, link_keys=[api_queue]).label,
        named.delete(design, zone_ids=["east"]).label,
        named.delete(design, ["east"], ["queue"], [api_queue]).label,
    ] == [
        "Delete Orders DB and 2 links",
        "Delete 2 components and 3 links",
        "Delete link api → queue",
        "Delete zone US east",
        "Delete queue, zone US east and 2 links",
    ]
    document.apply(named.delete(design, component_ids=["orders_db"]))
    assert [c.id for c in design.components] == ["api", "queue"] and len(design.links) == 1
    # The undo step carries the words both ways.
    document.undo()
    assert len(design.links) == 3
    assert _labels(document) == ["Delete Orders DB and 2 links"]


def test_grouping_names_what_goes_into_the_new_zone_and_undoes_as_one_step() -> None:
    document = _three()
    design = document.design
    zone = Zone(id="zone", label="New zone")
    document.apply(named.group_into_new_zone(design, ["orders_db", "api", "queue"], [], zone))
    assert {c.zone for c in design.components} == {"zone"}
    assert _labels(document) == ["Group 3 components into a new zone"]
    document.undo()
    assert {c.zone for c in design.components} == {None} and design.zone("zone") is None
    one = named.group_into_new_zone(design, ["orders_db"], ["east"], zone)
    assert one.label == "Group Orders DB and zone US east into a new zone"
    document.apply(one)
    assert design.zone("east").parent == "zone"  # type: ignore[union-attr]


def test_adding_connecting_moving_and_pasting_name_the_components() -> None:
    from archdraw.model.selection import paste_elements, selection_design

    document = _three()
    design = document.design
    cache = Component(id="cache", type="cache", label="Session cache")
    moves = {"api": (0.0, 100.0), "queue": (0.0, 200.0)}
    part = selection_design(design, ["api", "queue"])
    paste, _ = paste_elements(design, part, 40.0)
    assert [
        named.add_component(cache).label,
        named.connect(design, Link.model_validate({"from": "queue", "to": "api"})).label,
        named.move(design, {"api": (0.0, 100.0)}).label,
        named.move(design, moves, "Nudge").label,
        named.move(design, moves, "Align", "left").label,
        named.pasted(paste).label,
        named.pasted(paste, "Duplicate").label,
    ] == [
        "Add Session cache",
        "Connect queue → api",
        "Move api",
        "Nudge 2 components",
        "Align 2 components left",
        "Paste 2 components and 1 link",
        "Duplicate 2 components and 1 link",
    ]
    document.apply(named.pasted(paste))
    assert len(design.components) == 5 and len(design.links) == 4
    assert _labels(document) == ["Paste 2 components and 1 link"]


def test_a_pasted_link_alone_is_named_by_its_ends_as_the_editor_names_links() -> None:
    from archdraw.model.edits import AddElements

    link = Link.model_validate({"from": "queue", "to": "api"})
    assert named.pasted(AddElements(links=(link,))).label == "Paste link queue → api"
