"""What every sub-command shares: loading designs, printing problems, exit codes."""

from __future__ import annotations

import argparse
import contextlib
import errno
import math
import os
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from archdraw.cli import EXIT_FINDINGS as EXIT_FINDINGS  # re-exported for the commands
from archdraw.cli import EXIT_INVALID as EXIT_INVALID
from archdraw.cli import EXIT_OK as EXIT_OK
from archdraw.io import DesignError, LoadedDesign, load
from archdraw.io.save import write_atomic
from archdraw.library import Library, default_library, load_library, user_library_dir
from archdraw.source import printable


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


STDOUT = "-"
# Names that stand for a stream the shell opened: written to, never replaced.
_STREAM_NAMES = ("/dev/stdout", "/dev/stderr", "/dev/fd/", "/proc/self/fd/")


def output_problem(target: str, inputs: Sequence[str] = ()) -> str | None:
    """Why `target` must not be written (an input, a symlink loop), or None."""
    if target == STDOUT:
        return None
    try:
        os.stat(target)
    except FileNotFoundError:
        return None
    except OSError as error:
        if error.errno == errno.ELOOP:
            return f"cannot write {target}: it is a loop of symbolic links"
        return None
    for path in inputs:
        with contextlib.suppress(OSError):
            if os.path.samefile(target, path):
                return f"-o {target} is an input ({path}); nothing written"
    return None


def _is_stream(target: str) -> bool:
    if target.startswith(_STREAM_NAMES):
        return True
    try:
        return not stat.S_ISREG(os.stat(target).st_mode)
    except OSError:
        return False


def write_output(target: str, data: str | bytes, command: str, inputs: Sequence[str] = ()) -> int:
    """Write a command's -o OUT: `-` is stdout; FIFOs, devices and /dev/stdout are opened and
    written, never replaced; a regular file is replaced atomically; an input is never written
    over. A path that cannot be written is exit 2 with a message, not a traceback."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    problem = output_problem(target, inputs)
    if problem is not None:
        print(printable(f"archdraw {command}: {problem}"), file=sys.stderr)
        return EXIT_INVALID
    try:
        if target == STDOUT:
            sys.stdout.flush()
            sys.stdout.buffer.write(payload)
            sys.stdout.buffer.flush()
        elif _is_stream(target):
            with open(target, "ab") as stream:
                stream.write(payload)
        else:
            write_atomic(Path(target), payload)
    except (OSError, RuntimeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        print(printable(f"archdraw {command}: cannot write {target}: {reason}"), file=sys.stderr)
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


def positive_number(
    most: float, what: str = "a number", least: float = 0.0
) -> Callable[[str], float]:
    """An option's type: a finite number above 0 (and at least `least`) and at most `most`
    (`.inf`, 1e400, 0, -1 and nan are usage errors naming the option, not values a clock or
    a factor can hold)."""

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected {what}, got {text!r}") from None
        if not math.isfinite(value) or value <= 0 or value < least or value > most:
            takes = f"from {least:g}" if least else "above 0 and"
            raise argparse.ArgumentTypeError(
                f"must be {what} {takes} {'to' if least else 'at most'} {most:,.0f}, got {text!r}"
            )
        return value

    return parse
