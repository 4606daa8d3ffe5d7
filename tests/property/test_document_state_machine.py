"""Random edits through a Document and its History, with random undo, redo and saves
(after Gaphor's consistency test).

The edits include the ones the editor builds (a type change, a multi-select
property edit, align, distribute, copy and paste, a new box in a free spot).
After every step the design is valid, the saved text loads back equal to it,
and "unsaved changes" is true exactly when the design differs from the last
save; a refused edit leaves it unchanged; at the end, undoing everything
restores the original exactly.
"""

from __future__ import annotations

from pathlib import Path
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
from archdraw.layout.arrange import ALIGNMENTS, align, distribute, free_spot
from archdraw.library import builtin_library
from archdraw.model import Component, Design, Document, History, Link, Zone, validate_design
from archdraw.model.edits import (
    AddComponent,
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
    SetLinkProperties,
    SetProperties,
    SetZoneFields,
)
from archdraw.model.selection import paste_elements, selection_design
from archdraw.model.type_change import change_type

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
        self.saved: Design | None = self.original
        self.changes = 0

    @initialize(design=designs(LIBRARY, max_components=5))
    def start(self, design: Design) -> None:
        self.original = design.model_copy(deep=True)
        self.saved = self.original
        self.document.replace(design, None)
        self.document.subscribe(self._heard)

    def _heard(self, change: Any) -> None:
        self.changes += 1

    # Helpers -----------------------------------------------------------
    @property
    def design(self) -> Design:
        return self.document.design

    @property
    def history(self) -> History:
        return self.document.history

    def perform(self, edit: Edit, merge_key: str | None = None) -> None:
        before, heard = self.design.model_copy(deep=True), self.changes
        steps, index, clean = len(self.history.steps), self.history.index, self.history.clean_index
        try:
            self.document.apply(edit, merge_key)
        except EditError:
            assert self.design == before, "a refused edit must leave the design unchanged"
            assert self.changes == heard, "a refused edit must not notify listeners"
            assert (len(self.history.steps), self.history.index) == (steps, index)
            return
        assert self.changes == heard + 1
        if self.history.index == index + 1:
            assert len(self.history.steps) == index + 1, "a new step drops the redo steps"
            if clean is not None and clean > index:
                self.saved = None  # the saved state can no longer be reached by undo/redo
        else:
            assert merge_key is not None and self.history.index == index, "only a merge adds none"

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
    @rule(data=st.data(), type_id=st.sampled_from(TYPE_IDS), merge=st.booleans())
    def change_type(self, data: st.DataObject, type_id: str, merge: bool) -> None:
        # As the Properties panel does: one edit, dropping what the new type does not take;
        # successive changes of one component's type merge into one step.
        component = data.draw(st.sampled_from(self.design.components))
        before = dict(component.props)
        edit = change_type(self.design, LIBRARY, component.id, type_id)
        self.perform(edit, merge_key=f"type:{component.id}" if merge else None)
        changed = self.design.component(component.id)
        assert changed is not None and changed.type == type_id
        assert set(before) - set(changed.props) == set(edit.drop)

    @precondition(lambda self: len(self.design.components) >= 2)
    @rule(data=st.data())
    def set_props_on_many(self, data: st.DataObject) -> None:
        # A multi-select edit: one name and value for components of several types.
        chosen = data.draw(
            st.lists(st.sampled_from(self.design.components), min_size=2, unique_by=lambda c: c.id)
        )
        shared = set.intersection(*(set(LIBRARY.types[c.type].properties) for c in chosen))
        if not shared:
            return
        name = data.draw(st.sampled_from(sorted(shared)))
        value = data.draw(prop_value(LIBRARY.types[chosen[0].type].properties[name]))
        if any(LIBRARY.check_props(c.type, {name: value}) for c in chosen):
            return  # the panel offers only values every chosen type accepts
        edits = tuple(SetProperties(c.id, {name: value}) for c in chosen)
        self.perform(Batch(edits, label=f"Change {name}"))

    @precondition(lambda self: len(self.design.components) >= 2)
    @rule(data=st.data(), how=st.sampled_from([*sorted(ALIGNMENTS), "horizontal", "vertical"]))
    def arrange(self, data: st.DataObject, how: str) -> None:
        chosen = data.draw(st.lists(st.sampled_from(self.component_ids()), min_size=2, unique=True))
        try:
            edit = align(self.design, chosen, how) if how in ALIGNMENTS else None
            edit = edit or distribute(self.design, chosen, how)
        except EditError:
            return  # fewer placed components than the command needs: the menu says so
        self.perform(edit)

    @precondition(lambda self: self.design.components)
    @rule(data=st.data(), offset=st.sampled_from([0.0, 40.0]))
    def copy_and_paste(self, data: st.DataObject, offset: float) -> None:
        chosen = data.draw(st.lists(st.sampled_from(self.component_ids()), min_size=1, unique=True))
        text = dumps(selection_design(self.design, chosen))
        part = loads(text, "<clipboard>", LIBRARY).design
        edit, new_ids = paste_elements(self.design, part, offset)
        try:
            edit.apply(self.design.model_copy(deep=True))
        except EditError as error:
            raise AssertionError(f"a paste was refused: {error}") from error
        self.perform(edit)
        assert all(self.design.component(i) is not None for i in new_ids)

    @rule(type_id=st.sampled_from(TYPE_IDS), near=positions)
    def add_in_free_spot(self, type_id: str, near: tuple[float, float]) -> None:
        spot = free_spot(self.design, near)
        new_id = f"new-{len(self.design.components)}"
        self.perform(AddComponent(Component(id=new_id, type=type_id, position=spot)))

    @precondition(lambda self: self.design.components)
    @rule(data=st.data(), dx=st.integers(-50, 50))
    def drag(self, data: st.DataObject, dx: int) -> None:
        # Consecutive moves of the same boxes merge into one step, as a drag does.
        component = data.draw(st.sampled_from(self.design.components))
        x, y = component.position or (0.0, 0.0)
        self.perform(MoveComponents({component.id: (x + dx, y)}), merge_key="drag")

    @precondition(lambda self: self.history.can_undo)
    @rule()
    def undo_one(self) -> None:
        self.document.undo()

    @precondition(lambda self: self.history.can_redo)
    @rule()
    def redo_one(self) -> None:
        self.document.redo()

    @rule()
    def save(self) -> None:
        self.document.mark_saved(Path("machine.archdraw.yaml"))
        self.saved = self.design.model_copy(deep=True)

    # Checks ------------------------------------------------------------
    @invariant()
    def design_is_valid(self) -> None:
        assert validate_design(self.design, LIBRARY) == []

    @invariant()
    def saved_file_loads_equal(self) -> None:
        text = dumps(self.design)
        assert loads(text, "machine.archdraw.yaml", LIBRARY).design == self.design

    @invariant()
    def dirty_means_changed_since_save(self) -> None:
        if not self.document.dirty:
            assert self.design == self.saved
        elif self.saved is not None and self.history.clean_index is not None:
            # Edits that change nothing (a move to the same place) keep the step dirty.
            assert self.history.index != self.history.clean_index

    def teardown(self) -> None:
        while self.history.can_undo:
            self.document.undo()
        assert self.design == self.original
        assert dumps(self.design) == dumps(self.original)


DocumentMachine.TestCase.settings = settings(
    max_examples=examples(60), stateful_step_count=30, deadline=None
)
TestDocumentMachine = DocumentMachine.TestCase
