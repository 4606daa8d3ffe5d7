"""The core undo history: steps, merging, the saved mark, and a type change as one step."""

from __future__ import annotations

from archdraw.io import dumps, loads
from archdraw.library import builtin_library
from archdraw.model import Component, Design, Document
from archdraw.model.edits import MoveComponents, SetLabel
from archdraw.model.type_change import change_type

LIBRARY = builtin_library()


def _document() -> Document:
    design = Design(
        archdraw=1,
        name="t",
        components=[
            Component(id="db", type="database", position=(0.0, 0.0), props={"backups": True})
        ],
    )
    return Document(design)


def test_undo_redo_and_the_saved_mark(tmp_path) -> None:  # type: ignore[no-untyped-def]
    document = _document()
    assert not document.dirty
    document.apply(SetLabel("db", "Orders"))
    assert document.dirty and document.history.can_undo
    document.mark_saved(tmp_path / "t.archdraw.yaml")
    assert not document.dirty
    document.undo()
    assert document.dirty and document.design.component("db").label is None  # type: ignore[union-attr]
    document.redo()
    assert not document.dirty and document.design.component("db").label == "Orders"  # type: ignore[union-attr]
    document.undo()
    document.apply(SetLabel("db", "Other"))  # the saved step is gone for good
    assert document.history.clean_index is None
    document.undo()
    assert document.dirty


def test_a_drag_merges_but_never_across_a_save(tmp_path) -> None:  # type: ignore[no-untyped-def]
    document = _document()
    for x in (10.0, 20.0, 30.0):
        document.apply(MoveComponents({"db": (x, 0.0)}), merge_key="drag")
    assert len(document.history.steps) == 1
    document.mark_saved(tmp_path / "t.archdraw.yaml")
    document.apply(MoveComponents({"db": (40.0, 0.0)}), merge_key="drag")
    assert len(document.history.steps) == 2
    document.undo()
    assert not document.dirty and document.design.component("db").position == (30.0, 0.0)  # type: ignore[union-attr]
    document.undo()
    assert document.design.component("db").position == (0.0, 0.0)  # type: ignore[union-attr]


def test_a_type_change_drops_what_the_new_type_refuses_and_undo_restores_it() -> None:
    document = _document()
    edit = change_type(document.design, LIBRARY, "db", "client")
    assert edit.drop == ("backups",)
    document.apply(edit)
    component = document.design.component("db")
    assert component is not None and component.type == "client" and "backups" not in component.props
    assert loads(dumps(document.design), "t.archdraw.yaml", LIBRARY).design == document.design
    document.undo()
    assert document.design.component("db").props == {"backups": True}  # type: ignore[union-attr]
    assert document.design.component("db").type == "database"  # type: ignore[union-attr]
    document.redo()
    assert document.design.component("db").props == {}  # type: ignore[union-attr]


def test_type_changes_joined_into_one_step_undo_to_the_first_type_with_every_property() -> None:
    # Stepping through types with the arrow keys is one step. The second change drops
    # properties the first one kept, so undoing the joined step must restore those too
    # (the hypothesis state machine found this: the joined step kept only the first undo).
    library = builtin_library()
    props = {"zones": 3, "latency_ms": 5.0, "capacity_rps": 900.0, "rate_limit": 10.0}
    original = Design(
        archdraw=1,
        name="x",
        components=[Component(id="gw", type="realtime_gateway", props=dict(props))],
    )
    document = Document(original.model_copy(deep=True))
    for type_id in ("monitoring", "device_cache", "client"):
        document.apply(change_type(document.design, library, "gw", type_id), "type:gw")
    assert len(document.history.steps) == 1
    # Named by the component, not the type it ended on: the joined step went through three.
    assert document.history.steps[0].label == "Change type of gw"
    document.undo()
    assert document.design == original
    document.redo()
    assert document.design.component("gw").type == "client"  # type: ignore[union-attr]
    document.undo()
    assert document.design == original
