"""Keeping Python's cycle collector off the design the editor holds.

A design of 10,000 components is millions of objects; every full collection walks
all of them, a pause of a quarter of a second on the UI thread that comes back
after any edit that allocates enough. Objects alive once a design is open (the
design, its drawing and items, the lint worker's copy) stay alive until the next
open: `gc.freeze` moves them out of the collector's generations, so collections
only walk what was made since. Garbage they leave behind in cycles is kept too,
which costs memory once per design opened, not time per edit.

Freeing a design is a pause too (a tenth of a second at 10,000 components), so
what a design being opened replaces is `retire`d: freed on later passes of the
event loop, one object a pass.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QTimer


def settle_long_lived() -> None:
    """Take every object alive now out of the cycle collector's reach (see above)."""
    gc.freeze()


_RETIRED: list[object] = []
_TIMER: list[QTimer] = []  # made on first use (after the QApplication)


def retire(*objects: object) -> None:
    """Keep `objects` alive until later passes of the event loop, then drop one a pass
    (freeing each is its own pause, not one long one with the caller's work)."""
    _RETIRED.extend(objects)
    if not _TIMER:
        timer = QTimer()
        timer.setInterval(0)
        timer.timeout.connect(_drop_one)
        _TIMER.append(timer)
    if _RETIRED:
        _TIMER[0].start()


def _drop_one() -> None:
    if _RETIRED:
        del _RETIRED[0]
    if not _RETIRED:
        _TIMER[0].stop()
