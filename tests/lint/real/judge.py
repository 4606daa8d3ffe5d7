"""The reviewer's marks on the corpus of published designs in `tests/lint/real/`.

Each finding lint gives on a design is marked, pylint-style, on the line it is
reported at (design-wide findings on the `name:` line) as one a reviewer would
write (`want:`), one that is wrong about the design (`wrong:`) or noise
(`noise:`: a repeat of the same cause, or a verdict resting on a library
default the source never gave). Problems a reviewer would raise and lint does
not are listed as `# missed:` lines; `JUDGEMENT.md` says of each whether the file
expresses it (states what a rule would need to find it: `expressed`) or not
(`not expressed`: the source gives no figure, or the library has no way to say it).
`test_real_corpus.py` asserts that lint gives exactly the marked findings and that the
shares below meet issue 14's goal; this module also counts them:

    python tests/lint/real/judge.py            # the counts, per design and in all
    python tests/lint/real/judge.py --mark     # add `new:` marks for unmarked findings
                                               # and drop marks lint no longer gives
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).parent
TAGS = ("want", "wrong", "noise", "new")
_MARK = re.compile(r"\b(want|wrong|noise|new):((?:\s+AD\d{3})+)")
_MISSED = re.compile(r"#\s*missed:\s*(.+?)\s*$")
# In JUDGEMENT.md, one line per missed problem: "- <design>, expressed: <its text>".
_VERDICT = re.compile(r"^- ([\w-]+), (expressed|not expressed): (.+?)\s*$")
JUDGEMENT = HERE / "JUDGEMENT.md"
_ALL_MARKS = re.compile(r"\s*#\s*(?:(?:want|wrong|noise|new):(?:\s+AD\d{3})+;?\s*)+$")

Marks = dict[str, Counter[tuple[int, str]]]


def designs() -> list[Path]:
    return sorted(HERE.glob("*.archdraw.yaml"))


def name_line(lines: list[str]) -> int:
    return next(i for i, text in enumerate(lines, 1) if text.startswith("name:"))


def marks(path: Path) -> tuple[Marks, list[str]]:
    """The marked findings per tag, as (line, code) counts, and the missed problems' texts."""
    found: Marks = {tag: Counter() for tag in TAGS}
    missed = []
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        for tag, codes in _MARK.findall(text):
            found[tag].update((number, code) for code in codes.split())
        problem = _MISSED.search(text)
        if problem:
            missed.append(problem.group(1))
    return found, missed


def design_name(path: Path) -> str:
    return path.name.removesuffix(".archdraw.yaml")


def verdicts(text: str | None = None) -> dict[tuple[str, str], str]:
    """Whether each missed problem is expressed in its file, by (design, problem text), as
    JUDGEMENT.md marks it ("expressed" or "not expressed")."""
    text = JUDGEMENT.read_text(encoding="utf-8") if text is None else text
    found = {}
    for line in text.splitlines():
        verdict = _VERDICT.match(line)
        if verdict:
            design, said, problem = verdict.groups()
            found[(design, problem)] = said
    return found


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


class Counts(NamedTuple):
    """What the marks add up to over the corpus."""

    findings: int
    want: int
    wrong: int
    noise: int
    missed: int
    expressed: int  # missed problems that the file expresses

    @property
    def found_share(self) -> float:
        """Of the problems the files express, the share lint finds: wanted findings over
        wanted findings and missed problems that the file expresses."""
        return self.want / (self.want + self.expressed) if self.want + self.expressed else 1.0

    @property
    def want_share(self) -> float:
        return self.want / self.findings if self.findings else 1.0

    @property
    def wrong_share(self) -> float:
        return self.wrong / self.findings if self.findings else 0.0


def counts(path: Path, judged: dict[tuple[str, str], str]) -> Counts:
    found, missed = marks(path)
    tagged = {tag: sum(found[tag].values()) for tag in TAGS}
    name = design_name(path)
    return Counts(
        findings=sum(tagged.values()),
        want=tagged["want"],
        wrong=tagged["wrong"],
        noise=tagged["noise"],
        missed=len(missed),
        expressed=sum(judged.get((name, problem)) == "expressed" for problem in missed),
    )


def total(judged: dict[tuple[str, str], str]) -> Counts:
    per_design = [counts(path, judged) for path in designs()]
    return Counts(*(sum(column) for column in zip(*per_design, strict=True)))


def unjudged(judged: dict[tuple[str, str], str]) -> list[str]:
    """Missed problems JUDGEMENT.md does not mark, and marks of problems no file lists."""
    listed = {(design_name(path), problem) for path in designs() for problem in marks(path)[1]}
    return sorted(f"{d}: {p}" for d, p in listed ^ set(judged))


def table(judged: dict[tuple[str, str], str] | None = None) -> str:
    judged = verdicts() if judged is None else judged
    rows = [
        "| design | findings | want | wrong | noise | missed | of which expressed |",
        "|---|---|---|---|---|---|---|",
    ]
    for path in designs():
        c = counts(path, judged)
        rows.append(
            f"| {design_name(path)} | {c.findings} | {c.want} | {c.wrong} | {c.noise} "
            f"| {c.missed} | {c.expressed} |"
        )
    c = total(judged)
    rows.append(
        f"| **all** | {c.findings} | {c.want} | {c.wrong} | {c.noise} | {c.missed} "
        f"| {c.expressed} |"
    )
    return "\n".join(rows)


def summary(judged: dict[tuple[str, str], str] | None = None) -> str:
    c = total(verdicts() if judged is None else judged)
    return (
        f"Expressible problems found: {c.want} of {c.want + c.expressed} "
        f"({c.found_share:.1%}); findings a reviewer would write: {c.want} of {c.findings} "
        f"({c.want_share:.1%}); wrong: {c.wrong} ({c.wrong_share:.1%})."
    )


if __name__ == "__main__":
    if "--mark" in sys.argv:
        for design in designs():
            mark_new(design)
    print(table())
    print()
    print(summary())
    for problem in unjudged(verdicts()):
        print(f"not marked in JUDGEMENT.md (or listed by no file): {problem}")
