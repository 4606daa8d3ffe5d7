"""Output formats for lint results: text, json, sarif, junit, github.

Each module has `render(results) -> str`, where `results` is a list of
`FileResult(path, findings)`; paths are shown as given (the CLI passes them
relative to the working directory, which is what code scanning wants).

A file that could not be loaded has `problems` (and no findings): every format
shows it (json `errors`, SARIF tool notifications, JUnit errored cases, GitHub
error annotations), so it never silently drops out of a report. A run compared
with a baseline sets `states` (SARIF's `baselineState` of each finding) and
`absent` (accepted findings that no longer occur).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from archdraw.lint.baseline import Keyed
from archdraw.lint.types import Finding
from archdraw.source import Problem


@dataclass(frozen=True)
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # why the file did not load
    # "new" | "unchanged" | "updated" per finding, when compared with a baseline.
    states: list[str] | None = None
    absent: list[Keyed] = field(default_factory=list)  # baseline findings no longer found

    def stated(self) -> list[tuple[Finding, str | None]]:
        """Each finding with its baseline state (None when not compared with one)."""
        if self.states is None:
            return [(f, None) for f in self.findings]
        return list(zip(self.findings, self.states, strict=True))

    def new_findings(self) -> list[Finding]:
        """The findings that count: all of them, or those new against the baseline."""
        return [f for f, state in self.stated() if state in (None, "new")]


FORMATS = ("text", "json", "sarif", "junit", "github")


def renderer(fmt: str) -> Callable[[list[FileResult]], str]:
    from archdraw.lint.output import github, json_format, junit, sarif, text

    return {
        "text": text.render,
        "json": json_format.render,
        "sarif": sarif.render,
        "junit": junit.render,
        "github": github.render,
    }[fmt]


def position(finding: Finding) -> tuple[int, int]:
    """Line and column, or 1:1 for findings about the whole design (formats that need one)."""
    return (finding.line or 1, finding.column or 1)
