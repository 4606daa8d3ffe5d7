"""The reviewer's marks on the corpus of published designs in `tests/lint/real/`.

Each finding lint gives on a design is marked, pylint-style, on the line it is
reported at (design-wide findings on the `name:` line) as one a reviewer would
write (`want:`), one that is wrong about the design (`wrong:`) or noise
(`noise:`: a repeat of the same cause, or a verdict resting on a library
default the source never gave). Problems a reviewer would raise and lint does
not are listed as `# missed:` lines. `test_real_corpus.py` asserts that lint
gives exactly the marked findings; this module also counts them:

    python tests/lint/real/judge.py            # the counts, per design and in all
    python tests/lint/real/judge.py --mark     # add `new:` marks for unmarked findings
                                               # and drop marks lint no longer gives
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).parent
TAGS = ("want", "wrong", "noise", "new")
_MARK = re.compile(r"\b(want|wrong|noise|new):((?:\s+AD\d{3})+)")
_MISSED = re.compile(r"#\s*missed:")
_ALL_MARKS = re.compile(r"\s*#\s*(?:(?:want|wrong|noise|new):(?:\s+AD\d{3})+;?\s*)+$")

Marks = dict[str, Counter[tuple[int, str]]]


def designs() -> list[Path]:
    return sorted(HERE.glob("*.archdraw.yaml"))


def name_line(lines: list[str]) -> int:
    return next(i for i, text in enumerate(lines, 1) if text.startswith("name:"))


def marks(path: Path) -> tuple[Marks, int]:
    """The marked findings per tag, as (line, code) counts, and the number of missed problems."""
    found: Marks = {tag: Counter() for tag in TAGS}
    missed = 0
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        for tag, codes in _MARK.findall(text):
            found[tag].update((number, code) for code in codes.split())
        missed += bool(_MISSED.search(text))
    return found, missed


def findings(path: Path) -> Counter[tuple[int, str]]:
    """What lint gives on the design, as (line, code) counts; design-wide on the name line."""
    from archdraw.io import load
    from archdraw.library import builtin_library
    from archdraw.lint import lint_design

    library = builtin_library()
    loaded = load(path, library)
    where = name_line(path.read_text(encoding="utf-8").splitlines())
    return Counter(
        (f.line or where, f.code) for f in lint_design(loaded.design, library, loaded.locations)
    )


def mark_new(path: Path) -> None:
    """Mark findings lint gives that are not marked (`new:`), drop marks it no longer gives."""
    given = findings(path)
    tagged, _ = marks(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, text in enumerate(lines, 1):
        kept: dict[str, list[str]] = {}
        left = Counter({k: v for k, v in given.items() if k[0] == number})
        for tag in TAGS:
            for (line, code), count in sorted(tagged[tag].items()):
                if line != number:
                    continue
                keep = min(count, left[(line, code)])
                left[(line, code)] -= keep
                kept.setdefault(tag, []).extend([code] * keep)
        for (_, code), count in sorted(left.items()):
            if count > 0:
                kept.setdefault("new", []).extend([code] * count)
        base = _ALL_MARKS.sub("", text) if _MARK.search(text) else text
        note = "; ".join(f"{tag}: {' '.join(codes)}" for tag, codes in kept.items() if codes)
        lines[number - 1] = f"{base}  # {note}" if note else base
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def table() -> str:
    rows = ["| design | findings | want | wrong | noise | missed |", "|---|---|---|---|---|---|"]
    total = Counter[str]()
    for path in designs():
        found, missed = marks(path)
        counts = {tag: sum(found[tag].values()) for tag in TAGS}
        counts["missed"] = missed
        counts["findings"] = counts["want"] + counts["wrong"] + counts["noise"] + counts["new"]
        total.update(counts)
        name = path.name.removesuffix(".archdraw.yaml")
        rows.append(
            f"| {name} | {counts['findings']} | {counts['want']} | {counts['wrong']} "
            f"| {counts['noise']} | {counts['missed']} |"
        )
    rows.append(
        f"| **all** | {total['findings']} | {total['want']} | {total['wrong']} "
        f"| {total['noise']} | {total['missed']} |"
    )
    return "\n".join(rows)


if __name__ == "__main__":
    if "--mark" in sys.argv:
        for design in designs():
            mark_new(design)
    print(table())
