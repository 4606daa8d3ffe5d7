"""Keeping Python's cycle collector off the design the editor holds.

A design of 10,000 components is millions of objects; every full collection walks
all of them, a pause of a quarter of a second on the UI thread that comes back
after any edit that allocates enough. Objects alive once a design is open (the
design, its drawing and items, the lint worker's copy) stay alive until the next
open: `gc.freeze` moves them out of the collector's generations, so collections
only walk what was made since.

A frozen object is still freed when its last reference goes, so a design replaced
is freed as it is dropped; but objects in a reference cycle wait for the collector,
which never looks at frozen ones. So what should go with a replaced design is
watched (`forget`, and everything `retire`d): if any of it is still held about a
second after the retired objects were dropped, the freeze is lifted for one full
collection (`_check_gone`), a pause paid only when something was actually held.

Freeing a design is a pause too (a tenth of a second at 10,000 components), so
what a design being opened replaces is `retire`d: freed on later passes of the
event loop, one object a pass.
"""

from __future__ import annotations

import gc
import weakref

from PySide6.QtCore import QTimer


def settle_long_lived() -> None:
    """Take every object alive now out of the cycle collector's reach (see above)."""
    gc.freeze()


_RETIRED: list[object] = []
_GOING: list[weakref.ref[object]] = []  # what should be freed once `_RETIRED` is empty
_TIMERS: dict[str, QTimer] = {}  # made on first use (after the QApplication)
CHECK_MS, CHECKS = 250, 4  # a holder such as the lint's last design view lets go by then
forced_collections = 0  # how often `_check_gone` found something held (for tests)
_checks_left = CHECKS


def retire(*objects: object) -> None:
    """Keep `objects` alive until later passes of the event loop, then drop one a pass
    (freeing each is its own pause, not one long one with the caller's work)."""
    _RETIRED.extend(objects)
    forget(*objects)


def forget(*objects: object) -> None:
    """`objects` (a design being replaced) should be freed soon after the retired
    objects have been dropped; checked then (see above)."""
    for thing in objects:
        try:
            _GOING.append(weakref.ref(thing))
        except TypeError:  # a list or dict: what it holds is watched where it matters
            continue
    global _checks_left
    _checks_left = CHECKS
    if not _TIMERS:
        _TIMERS["drop"], _TIMERS["check"] = QTimer(), QTimer()
        _TIMERS["drop"].setInterval(0)
        _TIMERS["drop"].timeout.connect(_drop_one)
        _TIMERS["check"].setInterval(CHECK_MS)
        _TIMERS["check"].timeout.connect(_check_gone)
    _TIMERS["check"].stop()
    _TIMERS["drop"].start()


def _drop_one() -> None:
    if _RETIRED:
        del _RETIRED[0]
        return
    _TIMERS["drop"].stop()
    _TIMERS["check"].start()


def _check_gone() -> None:
    """Stop watching what was freed; if something is still held after `CHECKS` looks, a
    cycle keeps it (or a reference nobody let go of): collect once, frozen objects too,
    and stop watching (what a collection leaves is not the freeze's doing)."""
    global forced_collections, _checks_left
    _GOING[:] = [ref for ref in _GOING if ref() is not None]
    _checks_left -= 1
    if _GOING and _checks_left > 0:
        return
    _TIMERS["check"].stop()
    if _GOING:
        forced_collections += 1
        _GOING.clear()
        gc.unfreeze()
        gc.collect()
        gc.freeze()
