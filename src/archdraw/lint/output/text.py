"""Human output: `file:line:col: CODE [severity] message`, grouped by file, coloured on a tty."""

from __future__ import annotations

from collections import Counter

from archdraw.lint.output import FileResult, position
from archdraw.lint.types import Finding
from archdraw.source import printable
from archdraw.source.printable import plural

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def line_for(path: str, finding: Finding, colour: bool) -> str:
    line, column = position(finding)
    severity = str(finding.severity)
    path, message = printable(path), printable(finding.message)
    if not colour:
        return f"{path}:{line}:{column}: {finding.code} [{severity}] {message}"
    tint = _COLOURS[severity]
    return (
        f"{_DIM}{path}:{line}:{column}:{_RESET} {_BOLD}{finding.code}{_RESET} "
        f"{tint}[{severity}]{_RESET} {message} {_DIM}({finding.name}){_RESET}"
    )


def summary(results: list[FileResult], new: str = "") -> str:
    """Counts of the findings listed: with `new` ("new "), only those new against the
    accepted ones, so the counts agree with the lines above them and with the exit code."""
    counts = Counter(str(f.severity) for r in results for f in r.new_findings())
    total = sum(counts.values())
    invalid = sum(1 for r in results if r.problems)
    not_loaded = f"; {plural(invalid, 'file')} could not be loaded" if invalid else ""
    if not total:
        return f"no {new}findings in {plural(len(results) - invalid, 'file')}{not_loaded}"
    parts = [f"{counts[s]} {s}" for s in ("error", "warning", "info") if counts[s]]
    return (
        f"{plural(total, new + 'finding')} in {plural(len(results) - invalid, 'file')}: "
        f"{', '.join(parts)}{not_loaded}"
    )


def render(results: list[FileResult], colour: bool = False, revision: str | None = None) -> str:
    """`revision`: the findings were compared with those at a git revision (`lint --diff
    REV`), not with a baseline file, and the closing lines say so."""
    blocks = []
    accepted = absent = 0
    for result in results:
        lines = [str(p) for p in result.problems]
        if result.problems:
            # Said once after the problems, so each problem line stays `file:line:col: message`.
            count = plural(len(result.problems), "problem")
            lines.append(f"{printable(result.path)}: the file was not linted ({count} above)")
        # Compared with a baseline: only the new findings are listed.
        shown = result.new_findings()
        accepted += len(result.findings) - len(shown)
        absent += len(result.absent)
        lines += [line_for(result.path, f, colour) for f in shown]
        if not lines:
            continue
        blocks.append("\n".join(lines))
    body = "\n\n".join(blocks)
    compared = any(r.states is not None for r in results)
    tail = summary(results, "new " if compared else "")
    if compared and revision is not None:
        tail += f"\n{plural(accepted, 'finding')} already at {revision} not shown"
        if absent:
            tail += f"; {plural(absent, 'finding')} at {revision} no longer found"
    elif compared:
        tail += f"\n{plural(accepted, 'finding')} accepted by the baseline not shown"
        if absent:
            tail += f"; {absent} baseline entr(ies) no longer found (--update-baseline prunes them)"
    if colour:
        tail = f"{_BOLD}{tail}{_RESET}"
    return f"{body}\n\n{tail}\n" if body else f"{tail}\n"
