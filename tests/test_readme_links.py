"""The README's links land: `#anchors` name a heading, relative paths (pictures too) exist."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
FENCE = re.compile(r"^(`{3,}|~{3,})")
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")


def prose(text: str) -> str:
    """The text outside fenced code blocks (a fence closes with at least its own length)."""
    kept, fence = [], ""
    for line in text.splitlines():
        if fence:
            if re.fullmatch(rf"{re.escape(fence[0])}{{{len(fence)},}}\s*", line):
                fence = ""
            continue
        opening = FENCE.match(line)
        if opening:
            fence = opening.group(1)
            continue
        kept.append(line)
    return "\n".join(kept)


def anchors(text: str) -> set[str]:
    """GitHub's heading anchors: lower case, punctuation dropped, spaces as dashes, -N repeats."""
    seen: dict[str, int] = {}
    found = set()
    for heading in re.findall(r"^#{1,6} (.+?)\s*#*$", text, re.M):
        slug = re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        found.add(slug if count == 0 else f"{slug}-{count}")
    return found


def test_anchors_follow_github() -> None:
    text = "# Analysis: what if it fails, what if it grows\n## Speed\n## Speed\n"
    assert anchors(text) == {"analysis-what-if-it-fails-what-if-it-grows", "speed", "speed-1"}


def test_fences_hide_their_headings() -> None:
    text = "a\n````markdown\n## inside\n```x\n```\n````\nb\n"
    assert prose(text) == "a\nb"


def test_every_link_lands() -> None:
    text = prose(README.read_text(encoding="utf-8"))
    names = anchors(text)
    broken = []
    for target in LINK.findall(text):
        if re.match(r"[a-z]+:", target):  # https:, mailto:
            continue
        path, _, anchor = target.partition("#")
        if path and not (REPO / path).exists():
            broken.append(f"{target}: no such file")
        elif not path and anchor not in names:
            broken.append(f"{target}: no such heading")
    assert not broken, broken
