"""Confirming an importer's guess is an edit with an exact inverse."""

from __future__ import annotations

from pathlib import Path

import pytest

from archdraw.imports import import_files
from archdraw.library import builtin_library
from archdraw.model import Document, EditError, new_design
from archdraw.model.import_edits import confirm

COMPOSE = Path(__file__).parents[1] / "imports" / "data" / "compose" / "docker-compose.yml"


def test_confirming_guesses_undoes_exactly() -> None:
    design = import_files([COMPOSE], builtin_library(), user_mappings=False).design
    document = Document()
    document.replace(design, None)
    block = design.imported
    assert block is not None
    before = block.model_dump()
    guesses = [e.subject for e in block.unconfirmed_guesses()]
    assert "worker" in guesses and "api->db" in guesses
    inverse = document.apply(confirm(["worker", "api->db"]))
    assert {e.subject for e in block.unconfirmed_guesses()} == set(guesses) - {"worker", "api->db"}
    document.apply(inverse)
    assert block.model_dump() == before


def test_confirming_what_the_block_does_not_name_is_refused() -> None:
    design = import_files([COMPOSE], builtin_library(), user_mappings=False).design
    with pytest.raises(EditError, match="'nope' has no entry"):
        confirm(["worker", "nope"]).apply(design)
    assert not any(e.confirmed for e in design.imported.elements)  # type: ignore[union-attr]
    with pytest.raises(EditError, match="no import block"):
        confirm(["a"]).apply(new_design())


def test_renaming_an_imported_element_keeps_its_entry() -> None:
    from archdraw.model.field_edits import RenameId

    design = import_files([COMPOSE], builtin_library(), user_mappings=False).design
    document = Document()
    document.replace(design, None)
    block = design.imported
    assert block is not None
    before = block.model_dump()
    inverse = document.apply(RenameId("worker", "order-worker"))
    subjects = {e.subject for e in block.unconfirmed_guesses()}
    assert "order-worker" in subjects and "worker" not in subjects
    assert "rabbitmq->order-worker" in {e.link for e in block.elements}
    document.apply(confirm(["order-worker"]))  # the mark and AD607 follow the new id
    assert "order-worker" not in {e.subject for e in block.unconfirmed_guesses()}
    document.apply(RenameId("db", "orders-db"))
    assert "api->orders-db" in {e.link for e in block.elements}
    assert ("api", "orders-db") in {(d.source, d.target) for d in block.dependencies}
    document.apply(RenameId("orders-db", "db"))
    document.apply(confirm(["order-worker"], confirmed=False))
    document.apply(inverse)
    assert block.model_dump() == before
