"""The README's command table lists every command and option the parser has, and no other.

Each row of the table in the README's "Command line" section starts with
`archdraw COMMAND`; the options named in a command's rows must be exactly the
options of `archdraw COMMAND --help` (the shared `--no-user-types` is named once,
in the sentence under the table, with the commands that lack it), and an option
shown with its choices (`--format text\\|json`) must show all of them and no other.
The option tables of `diff` and `export` list every option of their command.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from archdraw.cli.main import COMMANDS, build_parser
from archdraw.export import FORMATS

README = Path(__file__).resolve().parents[2] / "README.md"
SHARED = "--no-user-types"
# A command-table row: | `archdraw ...` | what it does |
ROW = re.compile(r"^\| `archdraw ([^`]*)` \|", re.M)
OPTION = re.compile(r"(?<![\w-])(--?[a-z][a-z-]*)")
CHOICES = re.compile(r"(?<![\w-])(--?[a-z][a-z-]*) ([\w-]+(?:\\\|[\w-]+)+)")


def cli_section() -> str:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- section:cli -->(.*?)<!-- /section:cli -->", text, re.S)
    assert found, "README has no <!-- section:cli --> block"
    return found.group(1)


def documented_rows(section: str) -> dict[str, list[str]]:
    """Each command's table rows (the text inside the backticks after `archdraw`)."""
    rows: dict[str, list[str]] = {}
    for row in ROW.findall(section):
        word = row.split(" ", 1)[0]
        rows.setdefault(word, []).append(row)
    return rows


def subparsers() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def options(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    return [a for a in parser._actions if a.option_strings and "--help" not in a.option_strings]


def test_every_command_has_a_row() -> None:
    rows = documented_rows(cli_section())
    for name in (*COMMANDS, "self-test", "--version", "edit", "[FILE...]"):
        assert name in rows, f"the README's command table has no row for `archdraw {name}`"
    stray = set(rows) - {*COMMANDS, "self-test", "--version", "edit", "[FILE...]"}
    assert not stray, f"the README's command table lists unknown commands: {sorted(stray)}"


def test_each_row_names_exactly_the_options_of_its_command() -> None:
    rows = documented_rows(cli_section())
    for name, parser in subparsers().items():
        text = " ".join(rows[name])
        named = set(OPTION.findall(text))
        for action in options(parser):
            if SHARED in action.option_strings:
                continue
            assert named & set(action.option_strings), (
                f"`archdraw {name}` has {'/'.join(action.option_strings)}; the README's row "
                "does not name it"
            )
        known = {s for action in options(parser) for s in action.option_strings}
        unknown = named - known
        assert not unknown, f"README row `archdraw {name}` names {sorted(unknown)}: no such option"


def test_choices_shown_are_the_parsers() -> None:
    rows = documented_rows(cli_section())
    for name, parser in subparsers().items():
        by_string = {s: a for a in options(parser) for s in a.option_strings}
        for option, shown in CHOICES.findall(" ".join(rows[name])):
            choices = by_string[option].choices
            if name == "export" and option == "-f":  # a free word, checked against FORMATS
                choices = list(FORMATS)
            if choices is None:  # alternatives of a free value, such as `-o OUT\|-`
                continue
            assert sorted(shown.split("\\|")) == sorted(choices), (
                f"`archdraw {name} {option}`: the README shows {shown}, the parser takes "
                f"{sorted(choices)}"
            )


def test_the_sentence_on_no_user_types_names_the_commands_without_it() -> None:
    section = cli_section()
    sentence = re.search(r"Every command but (.*?) also takes\s+`--no-user-types`", section, re.S)
    assert sentence, "the README no longer says which commands take --no-user-types"
    named = set(re.findall(r"`([a-z-]+)`", sentence.group(1)))
    without = {
        name
        for name, parser in subparsers().items()
        if not any(SHARED in a.option_strings for a in parser._actions)
    }
    assert named == without | {"self-test"}


# Sections with a table of one command's options: the heading, and the command.
OPTION_TABLES = {"### `archdraw diff`": "diff", "### Export": "export"}


def test_option_tables_list_every_option() -> None:
    text = README.read_text(encoding="utf-8")
    parsers = subparsers()
    for heading, name in OPTION_TABLES.items():
        section = text.split(f"\n{heading}\n", 1)[1].split("\n#", 1)[0]
        table = re.search(r"^\| option \| meaning \|\n(?:\|.*\n)+", section, re.M)
        assert table, f"the README's {heading} section has no option table"
        first_cells = re.findall(r"^\| (.*?) \| ", table.group(0), re.M)
        shown = set(OPTION.findall(" ".join(first_cells)))
        for action in options(parsers[name]):
            if name == "export" and SHARED in action.option_strings:
                continue  # the shared option is named under the command table
            assert shown & set(action.option_strings), (
                f"the README's {heading} table leaves out {'/'.join(action.option_strings)}"
            )
