"""How the findings list turns one lint result into the next: which rows to remove and
insert (`row_steps`), and when two findings are the same row (`same_finding`)."""

from __future__ import annotations

from itertools import compress, count
from operator import is_not

from archdraw.lint import Finding


def same_finding(a: Finding, b: Finding) -> bool:
    return a is b or (a.code, a.element, a.message, a.severity) == (
        b.code,
        b.element,
        b.message,
        b.severity,
    )


def row_steps(old: list[Finding], new: list[Finding]) -> list[tuple[int, int, list[Finding]]]:
    """How to turn the rows `old` into `new`: (row, how many to remove there, what to insert
    there), applied in order. Both lists are in lint order (by position), so one merging
    pass finds them; a finding equal to one shown (a rule that did not run again answers
    with the same objects) stays where it is. The rows that are the very same objects at
    both ends (after an edit, nearly all of them) are passed over without comparing."""
    shorter = min(len(old), len(new))
    head = next(compress(count(), map(is_not, old, new)), shorter)
    tail = next(compress(count(), map(is_not, reversed(old), reversed(new))), shorter)
    tail = min(tail, shorter - head)
    return _merge_steps(old[head : len(old) - tail], new[head : len(new) - tail], head)


def _merge_steps(
    old: list[Finding], new: list[Finding], at: int
) -> list[tuple[int, int, list[Finding]]]:
    """`row_steps` for rows that start at row `at`."""
    steps: list[tuple[int, int, list[Finding]]] = []
    i = j = 0
    while i < len(old) or j < len(new):
        if i < len(old) and j < len(new) and same_finding(old[i], new[j]):
            i, j, at = i + 1, j + 1, at + 1
            continue
        removed, start = 0, i
        while i < len(old) and (j == len(new) or not _before(new[j], old[i])):
            if j < len(new) and same_finding(old[i], new[j]):
                break
            i += 1
        removed = i - start
        added: list[Finding] = []
        while j < len(new) and (i == len(old) or _before(new[j], old[i])):
            added.append(new[j])
            j += 1
        if not removed and not added:  # out of lint order: take one from each side
            i, removed, added = i + 1, 1, [new[j]]
            j += 1
        steps.append((at, removed, added))
        at += len(added)
    return steps


def _before(a: Finding, b: Finding) -> bool:
    return a.sort_key() < b.sort_key()
