"""Output formats for lint results: text, json, sarif, junit, github.

Each module has `render(results) -> str`, where `results` is a list of
`FileResult(path, findings)`; paths are shown as given (the CLI passes them
relative to the working directory, which is what code scanning wants).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from archdraw.lint.types import Finding


@dataclass(frozen=True)
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)


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
