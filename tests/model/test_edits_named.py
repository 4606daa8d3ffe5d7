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
