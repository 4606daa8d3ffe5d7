"""A box never goes where the loader cannot read it back."""

from __future__ import annotations

import pytest

from archdraw.io import dumps, loads
from archdraw.library import builtin_library
from archdraw.model import Component, Document, new_design
from archdraw.model.edit_base import FARTHEST, EditError
from archdraw.model.edits import MoveComponents
from archdraw.model.selection import paste_elements, selection_design
from archdraw.source import Limits


def test_the_model_limit_is_the_loaders() -> None:
    assert Limits().max_number == FARTHEST


def test_a_move_past_the_farthest_point_is_refused() -> None:
    design = new_design()
    design.components.append(Component(id="a", type="service", position=(0.0, 0.0)))
    document = Document(design)
    with pytest.raises(EditError, match="farther than a design can hold"):
        document.apply(MoveComponents({"a": (FARTHEST * 2, 0.0)}))
    assert design.component("a").position == (0.0, 0.0)


def test_a_paste_at_the_edge_goes_the_other_way_and_the_file_reopens() -> None:
    library = builtin_library()
    design = new_design()
    design.components.append(Component(id="a", type="service", position=(FARTHEST, -FARTHEST)))
    part = loads(dumps(selection_design(design, ["a"])), "<clipboard>", library).design
    edit, new_ids = paste_elements(design, part, 40.0)
    Document(design).apply(edit)
    assert design.component(new_ids[0]).position == (FARTHEST - 40.0, -FARTHEST + 40.0)
    reloaded = loads(dumps(design), "<saved>", library).design
    assert reloaded == design
