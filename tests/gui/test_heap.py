"""A design replaced is freed although the editor froze it (`archdraw.gui.heap`).

Opens one design over another with the event loop running, in the background and at
once, and checks through weak references that the first one's design, components and
drawing are gone: freed by their reference counts, with no forced collection; and that
when a reference cycle holds a replaced design (which a frozen object's collector never
sees), the heap lifts the freeze for one collection and the design goes too.
"""

from __future__ import annotations

import gc
import weakref

import pytest

from archdraw.gui import files, heap
from archdraw.gui.lint_runner import THREAD_ABOVE
from archdraw.io import dumps

from .test_open_big import zoned_design


@pytest.fixture(autouse=True)
def quiet_heap(qtbot):  # type: ignore[no-untyped-def]
    """What earlier tests' windows left to check is checked (and collected) before."""
    qtbot.waitUntil(lambda: not heap._RETIRED and not heap._GOING, timeout=30000)


def _open(window, qtbot, path) -> None:  # type: ignore[no-untyped-def]
    assert window.files.open_path(path)
    qtbot.waitUntil(lambda: window.files.opening is None, timeout=60000)
    qtbot.waitUntil(lambda: not heap._RETIRED and not heap._GOING, timeout=30000)


def _refs(window) -> list[weakref.ref[object]]:  # type: ignore[no-untyped-def]
    design = window.document.design
    return [weakref.ref(o) for o in (design, design.components[0], window.scene.drawing)]


@pytest.mark.parametrize("background", [False, True])
def test_a_replaced_design_is_freed_without_a_forced_collection(  # type: ignore[no-untyped-def]
    window, qtbot, tmp_path, monkeypatch, background
):
    if background:
        monkeypatch.setattr(files, "OPEN_IN_BACKGROUND_ABOVE", 0)
    first, second = tmp_path / "first.archdraw.yaml", tmp_path / "second.archdraw.yaml"
    first.write_text(dumps(zoned_design(THREAD_ABOVE + 100, "one")))  # linted in the worker
    second.write_text(dumps(zoned_design(200, "two")))  # linted on the UI thread
    initial, forced = weakref.ref(window.document.design), heap.forced_collections
    _open(window, qtbot, first)
    assert initial() is None  # the UI thread's lint session, unused now, let go of it
    refs = _refs(window)
    assert gc.get_freeze_count() > 0 and all(ref() is not None for ref in refs)
    _open(window, qtbot, second)
    qtbot.waitUntil(lambda: not window.lint.busy, timeout=30000)
    assert [ref() for ref in refs] == [None, None, None]
    assert heap.forced_collections == forced  # reference counts freed it, frozen or not
    assert window.document.design.components[0].id == "two0"


def test_a_replaced_design_held_by_a_cycle_is_collected_despite_the_freeze(  # type: ignore[no-untyped-def]
    window, qtbot, tmp_path
):
    first, second = tmp_path / "first.archdraw.yaml", tmp_path / "second.archdraw.yaml"
    first.write_text(dumps(zoned_design(300, "one")))
    second.write_text(dumps(zoned_design(200, "two")))
    _open(window, qtbot, first)
    design = window.document.design
    design.components[0].props["held"] = [design]  # design -> component -> props -> design
    heap.settle_long_lived()  # frozen with the cycle, as after any open
    refs, forced = _refs(window), heap.forced_collections
    del design
    _open(window, qtbot, second)
    assert [ref() for ref in refs] == [None, None, None]
    assert heap.forced_collections == forced + 1
