"""Random edits through a Document with random undo and redo (after Gaphor's consistency test).

After every step the design is valid; a refused edit leaves it unchanged; at the
end, undoing everything restores the original exactly and save/load round-trips.
"""

from __future__ import annotations

from typing import Any

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)
from tests.property.strategies import designs, examples, ids, prop_value, texts

from archdraw.io import dumps, loads
from archdraw.library import builtin_library
from archdraw.model import Component, Design, Document, Link, Zone, validate_design
from archdraw.model.edits import (
    AddComponent,
    AddLink,
    AddZone,
    Edit,
    EditError,
    MoveComponents,
    MoveToZone,
    RemoveComponents,
    RemoveElements,
    RemoveLink,
    RenameId,
    SetComponentFields,
    SetLinkProperties,
    SetProperties,
    SetZoneFields,
)

LIBRARY = builtin_library()
TYPE_IDS = sorted(LIBRARY.types)
positions = st.tuples(st.integers(-2000, 2000), st.integers(-2000, 2000)).map(
    lambda xy: (float(xy[0]), float(xy[1]))
)


class DocumentMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.document = Document()
        self.original: Design = self.document.design
        self.undo: list[Edit] = []
        self.redo: list[Edit] = []
        self.changes = 0

    @initialize(design=designs(LIBRARY, max_components=5))
    def start(self, design: Design) -> None:
        self.original = design.model_copy(deep=True)
        self.document.replace(design, None)
        self.document.subscribe(self._heard)

    def _heard(self, change: Any) -> None:
        self.changes += 1

    # Helpers -----------------------------------------------------------
    @property
    def design(self) -> Design:
        return self.document.design

    def perform(self, edit: Edit) -> None:
        before, heard = self.design.model_copy(deep=True), self.changes
        try:
            inverse = self.document.apply(edit)
        except EditError:
            assert self.design == before, "a refused edit must leave the design unchanged"
            assert self.changes == heard, "a refused edit must not notify listeners"
            return
        assert self.changes == heard + 1
        self.undo.append(inverse)
        self.redo.clear()

    def component_ids(self) -> list[str]:
        return [c.id for c in self.design.components]

    def zone_ids(self) -> list[str]:
        return [z.id for z in self.design.zones]

    # Rules -------------------------------------------------------------
    @rule(data=st.data(), new_id=ids, type_id=st.sampled_from(TYPE_IDS))
    def add_component(self, data: st.DataObject, new_id: str, type_id: str) -> None:
        zone = data.draw(st.none() | st.sampled_from(self.zone_ids())) if self.zone_ids() else None
        at = data.draw(st.none() | st.integers(0, len(self.design.components)))
        self.perform(AddComponent(Component(id=new_id, type=type_id, zone=zone), at))

    @rule(data=st.data(), new_id=ids, label=st.none() | texts)
    def add_zone(self, data: st.DataObject, new_id: str, label: str | None) -> None:
        parent = (
            data.draw(st.none() | st.sampled_from(self.zone_ids())) if self.zone_ids() else None
        )
        self.perform(AddZone(Zone(id=new_id, label=label, parent=parent)))

    @precondition(lambda self: self.design.components)
    @rule(data=st.data(), kind=st.sampled_from(["sync", "async", "replication"]))
    def add_link(self, data: st.DataObject, kind: str) -> None:
        # Zone ids are offered as ends too: the edit must refuse them.
        ends = st.sampled_from(self.component_ids() + self.zone_ids())
        link = {"from": data.draw(ends), "to": data.draw(ends), "kind": kind}
        if data.draw(st.booleans()):
            link["id"] = data.draw(ids)
        self.perform(AddLink(Link.model_validate(link)))

    @precondition(lambda self: self.design.components)
    @rule(data=st.data())
    def remove_components(self, data: st.DataObject) -> None:
        chosen = data.draw(st.lists(st.sampled_from(self.component_ids()), min_size=1, unique=True))
        self.perform(RemoveComponents(chosen))

    @precondition(lambda self: self.design.links)
    @rule(data=st.data())
    def remove_link(self, data: st.DataObject) -> None:
        self.perform(RemoveLink(data.draw(st.sampled_from([k.key for k in self.design.links]))))

    @precondition(lambda self: self.design.zones)
    @rule(data=st.data())
    def remove_zones(self, data: st.DataObject) -> None:
        chosen = data.draw(st.lists(st.sampled_from(self.zone_ids()), min_size=1, unique=True))
        self.perform(RemoveElements(zone_ids=tuple(chosen)))

    @precondition(lambda self: self.design.components)
    @rule(data=st.data())
    def move(self, data: st.DataObject) -> None:
        chosen = data.draw(st.lists(st.sampled_from(self.component_ids()), min_size=1, unique=True))
        moves = {c: data.draw(st.none() | positions) for c in chosen}
        self.perform(MoveComponents(moves))

    @precondition(lambda self: self.design.components)
    @rule(data=st.data())
    def set_props(self, data: st.DataObject) -> None:
        component = data.draw(st.sampled_from(self.design.components))
        specs = LIBRARY.types[component.type].properties
        name = data.draw(st.sampled_from(sorted(specs)))
        value = data.draw(st.none() | prop_value(specs[name]))
        self.perform(SetProperties(component.id, {name: value}))

    @precondition(lambda self: self.design.links)
    @rule(data=st.data())
    def set_link_props(self, data: st.DataObject) -> None:
        link = data.draw(st.sampled_from(self.design.links))
        name = data.draw(st.sampled_from(sorted(LIBRARY.link_properties)))
        value = data.draw(st.none() | prop_value(LIBRARY.link_properties[name]))
        self.perform(SetLinkProperties(link.key, {name: value}))

    @precondition(lambda self: self.design.components or self.design.zones)
    @rule(data=st.data(), new_id=ids)
    def rename(self, data: st.DataObject, new_id: str) -> None:
        old_id = data.draw(st.sampled_from(self.component_ids() + self.zone_ids()))
        self.perform(RenameId(old_id, new_id))

    @precondition(lambda self: self.design.components)
    @rule(data=st.data())
    def move_to_zone(self, data: st.DataObject) -> None:
        chosen = data.draw(st.lists(st.sampled_from(self.component_ids()), min_size=1, unique=True))
        zone = data.draw(st.none() | st.sampled_from(self.zone_ids() or [None]))
        self.perform(MoveToZone(chosen, zone))

    @precondition(lambda self: self.design.zones)
    @rule(data=st.data())
    def reparent_zone(self, data: st.DataObject) -> None:
        zone = data.draw(st.sampled_from(self.zone_ids()))
        parent = data.draw(st.none() | st.sampled_from(self.zone_ids()))
        self.perform(SetZoneFields(zone, {"parent": parent}))

    @precondition(lambda self: self.design.components)
    @rule(data=st.data(), type_id=st.sampled_from(TYPE_IDS))
    def change_type_without_props(self, data: st.DataObject, type_id: str) -> None:
        # A type change alone may leave props the new type does not know; clear them first.
        component = data.draw(st.sampled_from(self.design.components))
        clear = SetProperties(component.id, dict.fromkeys(component.props))
        self.perform(clear)
        if not self.design.component(component.id) or self.design.component(component.id).props:  # type: ignore[union-attr]
            return
        self.perform(SetComponentFields(component.id, {"type": type_id}))

    @precondition(lambda self: self.undo)
    @rule()
    def undo_one(self) -> None:
        self.redo.append(self.document.apply(self.undo.pop()))

    @precondition(lambda self: self.redo)
    @rule()
    def redo_one(self) -> None:
        redo = self.redo.pop()
        self.undo.append(self.document.apply(redo))

    # Checks ------------------------------------------------------------
    @invariant()
    def design_is_valid(self) -> None:
        assert validate_design(self.design, LIBRARY) == []

    def teardown(self) -> None:
        text = dumps(self.design)
        assert loads(text, "machine.archdraw.yaml", LIBRARY).design == self.design
        while self.undo:
            self.document.apply(self.undo.pop())
        assert self.design == self.original
        assert dumps(self.design) == dumps(self.original)


DocumentMachine.TestCase.settings = settings(
    max_examples=examples(60), stateful_step_count=30, deadline=None
)
TestDocumentMachine = DocumentMachine.TestCase
