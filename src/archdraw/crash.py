"""What a user sees when archdraw itself breaks: what broke and how to report it, briefly.

Shared by the command line (exit 3) and the editor (a dialog), below both.
"""

from __future__ import annotations

from collections.abc import Sequence

from archdraw import __version__

TRACEBACK_ENV = "ARCHDRAW_TRACEBACK"


def internal_error_message(error: BaseException, argv: Sequence[str] = ()) -> str:
    """A crash in two lines, with no traceback and at most 200 characters of its message."""
    # Imported here: `archdraw --version` must start without YAML or the design model.
    from archdraw.source import printable
    from archdraw.source.numbers import clip

    what = clip(printable(" ".join(str(error).split())), 200)
    command = " ".join(["archdraw", *argv[:1]])
    return (
        f"archdraw: internal error (a bug in archdraw, not a problem in your file): "
        f"{type(error).__name__}: {what}\n"
        f"  please report it with the file and the command ({command}, archdraw {__version__});"
        f" set {TRACEBACK_ENV}=1 to see where it happened"
    )
