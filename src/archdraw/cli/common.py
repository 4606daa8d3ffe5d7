"""What every sub-command shares: loading designs, printing problems, exit codes."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from archdraw.cli import EXIT_FINDINGS as EXIT_FINDINGS  # re-exported for the commands
from archdraw.cli import EXIT_INVALID as EXIT_INVALID
from archdraw.cli import EXIT_OK as EXIT_OK
from archdraw.io import DesignError, LoadedDesign, load
from archdraw.library import Library, default_library, load_library, user_library_dir


def library_for(no_user_types: bool = False) -> Library:
    return load_library() if no_user_types else default_library()


def report_library_problems(library: Library, stream: TextIO | None = None) -> None:
    # sys.stderr is looked up at call time so redirections (and test capture) apply.
    stream = stream or sys.stderr
    for problem in library.problems:
        print(f"{problem} (type skipped; in {user_library_dir()})", file=stream)


def load_each(
    paths: list[str], library: Library, stream: TextIO | None = None
) -> Iterator[tuple[str, LoadedDesign | None]]:
    """Yield each path with its design, or None after printing its problems."""
    stream = stream or sys.stderr
    for path in paths:
        try:
            yield path, load(Path(path), library)
        except DesignError as error:
            for problem in error.problems:
                print(problem, file=stream)
            yield path, None


def write_output(target: str, text: str, command: str, inputs: Sequence[str] = ()) -> int:
    """Write a command's -o FILE; an unwritable path is exit 2 with a message, not a traceback,
    and so is one of the command's `inputs` (a report written over the design it is about)."""
    clobbered = next((f for f in inputs if Path(f).resolve() == Path(target).resolve()), None)
    if clobbered is not None:
        print(
            f"archdraw {command}: -o {target} is an input ({clobbered}); nothing written",
            file=sys.stderr,
        )
        return EXIT_INVALID
    try:
        with open(target, "w", encoding="utf-8") as stream:
            stream.write(text)
    except OSError as error:
        print(
            f"archdraw {command}: cannot write {target}: {error.strerror or error}",
            file=sys.stderr,
        )
        return EXIT_INVALID
    return EXIT_OK


def load_one(path: str, library: Library) -> LoadedDesign | None:
    """The design at `path`, or None after printing its problems."""
    return next(load_each([path], library))[1]


def use_colour(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()
