"""Keeping Python's cycle collector off the design the editor holds.

A design of 10,000 components is millions of objects; every full collection walks
all of them, a pause of a quarter of a second on the UI thread that comes back
after any edit that allocates enough. Objects alive once a design is open (the
design, its drawing and items, the lint worker's copy) stay alive until the next
open: `gc.freeze` moves them out of the collector's generations, so collections
only walk what was made since. Garbage they leave behind in cycles is kept too,
which costs memory once per design opened, not time per edit.
"""

from __future__ import annotations

import gc


def settle_long_lived() -> None:
    """Take every object alive now out of the cycle collector's reach (see above)."""
    gc.freeze()
