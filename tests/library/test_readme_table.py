"""The README's component-type and property tables match the library.

Regenerate them after changing component_library/ with:

    .venv/bin/python tests/library/test_readme_table.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from archdraw.library import Library, builtin_library

README = Path(__file__).resolve().parents[2] / "README.md"
TABLES = {
    "types": (re.compile(r"(<!-- types-table -->\n)(.*?)(<!-- /types-table -->)", re.S)),
    "properties": (
        re.compile(r"(<!-- properties-table -->\n)(.*?)(<!-- /properties-table -->)", re.S)
    ),
    "link-properties": re.compile(
        r"(<!-- link-properties-table -->\n)(.*?)(<!-- /link-properties-table -->)", re.S
    ),
}


def types_table(library: Library) -> str:
    rows = ["| id | category | stateful | what it is |", "|---|---|---|---|"]
    for category, members in sorted(library.by_category().items()):
        for t in sorted(members, key=lambda m: m.id):
            stateful = "yes" if t.stateful else ""
            rows.append(f"| `{t.id}` | {category} | {stateful} | {_cell(t.summary)} |")
    return "\n".join(rows) + "\n"


def properties_table(library: Library) -> str:
    used: dict[str, list[str]] = {}
    specs = {}
    for type_id, t in sorted(library.types.items()):
        for name, spec in t.properties.items():
            used.setdefault(name, []).append(type_id)
            specs.setdefault(name, spec)
    rows = ["| property | values | meaning | used by |", "|---|---|---|---|"]
    for name in sorted(used):
        spec = specs[name]
        owners = used[name]
        users = "all but " + ", ".join(sorted(set(library.types) - set(owners)))
        if len(owners) < len(library.types) / 2:
            users = ", ".join(owners)
        elif len(owners) == len(library.types):
            users = "every type"
        rows.append(f"| `{name}` | {_cell(spec.describe_range())} | {_cell(spec.help)} | {users} |")
    return "\n".join(rows) + "\n"


def link_properties_table(library: Library) -> str:
    rows = ["| property | values | default | meaning |", "|---|---|---|---|"]
    for name, spec in sorted(library.link_properties.items()):
        default = "" if spec.default is None else f"`{spec.default}`"
        rows.append(
            f"| `{name}` | {_cell(spec.describe_range())} | {default} | {_cell(spec.help)} |"
        )
    return "\n".join(rows) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def expected(library: Library) -> dict[str, str]:
    return {
        "types": types_table(library),
        "properties": properties_table(library),
        "link-properties": link_properties_table(library),
    }


def test_readme_tables_are_current() -> None:
    text = README.read_text(encoding="utf-8")
    for name, table in expected(builtin_library()).items():
        found = TABLES[name].search(text)
        assert found, f"README has no <!-- {name}-table --> markers"
        script = Path(__file__).relative_to(README.parent)
        assert found.group(2) == table, f"the README {name} table is stale: run python {script}"


if __name__ == "__main__":
    text = README.read_text(encoding="utf-8")
    for name, table in expected(builtin_library()).items():
        text, count = TABLES[name].subn(lambda m, t=table: m.group(1) + t + m.group(3), text)
        if count != 1:
            sys.exit(f"README needs exactly one <!-- {name}-table --> block")
    README.write_text(text, encoding="utf-8")
