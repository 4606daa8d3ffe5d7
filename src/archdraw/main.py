"""The `archdraw` command: the editor when given no sub-command, otherwise the CLI.

This module sits above both `archdraw.cli` and `archdraw.gui` so the CLI never
imports Qt and `pip install archdraw` without the `gui` extra still works.
"""

from __future__ import annotations

import sys

from archdraw.cli.main import COMMANDS, run

SELF_TEST = "self-test"


def _wants_editor(argv: list[str]) -> bool:
    if not argv:
        return True
    first = argv[0]
    return first not in COMMANDS and not first.startswith("-")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == [SELF_TEST]:
        # Above the CLI: the self-test opens an editor window, which the CLI never imports.
        from archdraw.selftest import main as self_test

        return self_test(argv[1:])
    if _wants_editor(argv):
        return _start_editor(argv)
    return run(argv)


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
