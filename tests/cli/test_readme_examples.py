"""Every `$ archdraw ...` example in the README prints what the README shows.

Examples run from the repository's root on its own files (samples, test cases);
the two on a `shop.archdraw.yaml` run on the file the README shows (the cost
example's) or describes (the validate example's, below). A line `...` in a shown
output stands for lines left out: what is shown is the real output's first lines,
then excerpts of it in order.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from archdraw.cli.main import run

REPO = Path(__file__).resolve().parents[2]
README = REPO / "README.md"
BLOCK = re.compile(r"^```[a-z]*\n(.*?)^```", re.S | re.M)

# The README's validate example shows three problems of a shop design it does not
# print: a replicas of 0 on line 9, a misspelt type on line 11, a link to nothing.
# The README's hand-written file with a mistake of every kind the loader reports together.
BAD_SHOP = """\
archdraw: 1
name: Shop
components:
  - {id: web, type: client, props: {rps: .inf}}
  - {id: api, type: service, props: {replicas: 0}}
  - {id: db, type: databse}
  - {id: q, type: queue, colour: red}
links:
  - {from: web, to: apii}
  - {from: api, to: q, kind: synch}
"""


def examples(text: str) -> list[tuple[str, list[str]]]:
    """(command, lines shown after it) for every `$ archdraw` line in a code block."""
    found = []
    for block in BLOCK.findall(text):
        lines = block.splitlines()
        starts = [i for i, line in enumerate(lines) if line.startswith("$ ")]
        ends = [*starts[1:], len(lines)] if starts else []
        for start, end in zip(starts, ends, strict=True):
            if lines[start].startswith("$ archdraw "):
                shown = lines[start + 1 : end]
                while shown and not shown[-1]:
                    shown.pop()
                found.append((lines[start][2:], shown))
    return found


def cost_shop(text: str) -> str:
    found = re.search(r"for this design \(`shop\.archdraw\.yaml`\).*?```yaml\n(.*?)```", text, re.S)
    assert found, "the README's cost example no longer shows its design"
    return "archdraw: 1\nname: Shop\n" + found.group(1)


README_TEXT = README.read_text(encoding="utf-8")
EXAMPLES = examples(README_TEXT)


def test_the_readme_has_examples() -> None:
    commands = [command for command, _ in EXAMPLES]
    assert any(c.startswith("archdraw lint ") for c in commands)
    assert any("--cost" in c for c in commands)
    assert any(c.startswith("archdraw validate ") for c in commands)


@pytest.mark.parametrize(("command", "shown"), EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_example_output_is_real(
    command: str,
    shown: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = shlex.split(command)[1:]
    if "shop.archdraw.yaml" in argv:
        design = cost_shop(README_TEXT) if "--cost" in argv else BAD_SHOP
        (tmp_path / "shop.archdraw.yaml").write_text(design, encoding="utf-8")
        monkeypatch.chdir(tmp_path)
    else:
        monkeypatch.chdir(REPO)
    run(argv)
    captured = capsys.readouterr()
    actual = (captured.out + captured.err).splitlines()
    while actual and not actual[-1]:
        actual.pop()
    assert shows(shown, actual), f"the README's `{command}` shows output the code no longer prints"


def shows(shown: list[str], actual: list[str]) -> bool:
    """Whether `shown` is `actual`, or, with `...` lines, its start and then excerpts in order."""
    if "..." not in shown:
        return shown == actual
    pieces: list[list[str]] = [[]]
    for line in shown:
        if line == "...":
            pieces.append([])
        else:
            pieces[-1].append(line)
    if actual[: len(pieces[0])] != pieces[0]:
        return False
    at = len(pieces[0])
    for piece in pieces[1:]:
        while at + len(piece) <= len(actual) and actual[at : at + len(piece)] != piece:
            at += 1
        if at + len(piece) > len(actual):
            return False
        at += len(piece)
    return True


def test_an_excerpt_must_be_in_order() -> None:
    actual = ["a", "b", "c", "d"]
    assert shows(["a", "...", "c"], actual)
    assert shows(["a", "b", "..."], actual)
    assert not shows(["a", "...", "c", "b"], actual)
    assert not shows(["b", "..."], actual)
    assert not shows(["a", "b"], actual)


def test_the_review_at_a_glance_is_real(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    found = re.search(
        r"\(from `(archdraw review\s[^`]*)`\):\n\n```markdown\n(.*?)```", README_TEXT, re.S
    )
    assert found, "the README no longer shows the review's answers at a glance"
    monkeypatch.chdir(REPO)
    run(shlex.split(found.group(1))[1:])
    review = capsys.readouterr().out.splitlines()
    for line in found.group(2).splitlines():
        assert line in review, f"the review no longer says: {line}"
