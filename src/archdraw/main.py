"""The `archdraw` command: the editor when given no sub-command, otherwise the CLI.

This module sits above both `archdraw.cli` and `archdraw.gui` so the CLI never
imports Qt and `pip install archdraw` without the `gui` extra still works.
Everything that can be decided without Qt (a mistyped command, no display) is
decided here, before Qt is imported: Qt aborts the process when it finds no
display, with a message about missing libraries.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from pathlib import Path

from archdraw.cli import EXIT_INVALID
from archdraw.cli.main import COMMANDS, run
from archdraw.selftest import no_display

DESIGN_SUFFIXES = (".yaml", ".yml")
SELF_TEST = "self-test"
# `archdraw edit FILE`: the editor, as other tools spell it (`archdraw FILE` works too).
EDIT = "edit"
# Words people type for what is an option of another command.
OPTIONS_ELSEWHERE = {
    "cost": "analyze --cost",
    "fail": "analyze --fail",
    "failure": "analyze --fail",
    "growth": "analyze --growth",
    "availability": "analyze --availability",
    "simulate": "analyze --simulate",
    "weakest": "analyze --weakest",
}


def _wants_editor(argv: list[str]) -> bool:
    if not argv:
        return True
    first = argv[0]
    return first not in COMMANDS and not first.startswith("-")


def _unknown_command(word: str) -> str | None:
    """Why `word` is taken for a mistyped command, or None when it names a design file.

    A file that exists, or a name shaped like one (a path, a .yaml suffix), goes to
    the editor, which opens it or says why it cannot.
    """
    if Path(word).exists() or word.lower().endswith(DESIGN_SUFFIXES) or os.sep in word:
        return None
    words = (EDIT, *COMMANDS, SELF_TEST)
    close = difflib.get_close_matches(word, words, n=1, cutoff=0.6)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    if word.lower() in OPTIONS_ELSEWHERE:
        hint = f" (did you mean 'archdraw {OPTIONS_ELSEWHERE[word.lower()]} FILE'?)"
    return (
        f"archdraw: unknown command '{word}'{hint}, and no file of that name\n"
        f"  commands: {', '.join(words)}\n"
        "  open a design in the editor with:  archdraw edit FILE.archdraw.yaml"
    )


def edit_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"archdraw {EDIT}",
        description="Open the editor, with the design files given (each in a window of its "
        "own); with none, an empty design. `archdraw FILE...` does the same.",
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help="design files to open")
    return parser


def _missing_display() -> str | None:
    """Why the editor cannot show a window here, or None when it can."""
    if os.environ.get("QT_QPA_PLATFORM") or not no_display():
        return None
    return (
        "archdraw: no display to open the editor on (DISPLAY and WAYLAND_DISPLAY are not set)\n"
        "  the command line needs none:  archdraw lint FILE, archdraw export FILE  "
        "(archdraw --help)\n"
        "  to run the editor headless:   xvfb-run archdraw FILE, "
        "or QT_QPA_PLATFORM=offscreen archdraw FILE"
    )


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == [SELF_TEST]:
        # Above the CLI: the self-test opens an editor window, which the CLI never imports.
        from archdraw.selftest import main as self_test

        return self_test(argv[1:])
    if argv[:1] == [EDIT]:
        # Every word after `edit` names a file: one that does not exist is the editor's to
        # report ("does not exist; nothing was opened"), not a mistyped command.
        try:
            files = edit_parser().parse_args(argv[1:]).files
        except SystemExit as exit_:  # -h, or an option `edit` does not take
            return int(exit_.code or 0)
        refusal = _missing_display()
    elif _wants_editor(argv):
        files = argv
        refusal = next((m for m in map(_unknown_command, argv) if m), None) or _missing_display()
    else:
        return run(argv)
    if refusal:
        print(refusal, file=sys.stderr)
        return EXIT_INVALID
    return _start_editor(files)


def _start_editor(files: list[str]) -> int:
    try:
        import PySide6  # noqa: F401
    except ImportError:
        print(
            "archdraw: the editor needs Qt, which is not installed.\n"
            '  install it with:  pip install "archdraw[gui]"\n'
            "  the command line works without it: archdraw --help",
            file=sys.stderr,
        )
        return 2
    from archdraw.gui.app import run_editor

    return int(run_editor(files))


if __name__ == "__main__":
    raise SystemExit(main())
