"""GitHub Actions workflow commands: one `::error file=...,line=...::message` per finding."""

from __future__ import annotations

from archdraw.lint.output import FileResult, position
from archdraw.source import printable

_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Escape a message: %, CR and LF (GitHub's `escapeData`), after showing every other
    control character as an escape so none reaches the log raw."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return printable(text)


def escape_property(text: str) -> str:
    """Escape a property value: also `:` and `,`, which separate properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(results: list[FileResult]) -> str:
    lines = []
    for result in results:
        for problem in result.problems:
            properties = ",".join(
                (
                    f"file={escape_property(result.path)}",
                    f"line={problem.line}",
                    f"col={problem.column}",
                    f"title={escape_property('archdraw: invalid design')}",
                )
            )
            lines.append(f"::error {properties}::{escape_data(problem.message)}")
        for finding in result.findings:
            line, column = position(finding)
            title = f"{finding.code} {finding.name}"
            properties = ",".join(
                (
                    f"file={escape_property(result.path)}",
                    f"line={line}",
                    f"col={column}",
                    f"title={escape_property(title)}",
                )
            )
            level = _LEVELS[str(finding.severity)]
            lines.append(f"::{level} {properties}::{escape_data(finding.message)}")
    return "".join(f"{line}\n" for line in lines)
