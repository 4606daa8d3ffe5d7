"""A problem in an input file, and the error that carries all of them."""

from __future__ import annotations

from dataclasses import dataclass

from archdraw.source.printable import printable


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input, at 1-based `line` and `column` of `path`."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{printable(self.path)}:{self.line}:{self.column}: {printable(self.message)}"


class SourceError(Exception):
    """Raised with every problem found, never just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.line, p.column, p.message))
        super().__init__("\n".join(str(p) for p in self.problems))
