"""Aligned text tables and rates, shared by the analysis text's sections."""

from __future__ import annotations

from collections.abc import Iterable


def table(rows: list[list[str]], right: Iterable[int] = ()) -> list[str]:
    if not rows:
        return []
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    aligned = set(right)
    lines = []
    for row in rows:
        cells = [
            cell.rjust(widths[i]) if i in aligned else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        lines.append("  " + "  ".join(cells).rstrip())
    return lines


def rate(value: float) -> str:
    """A rate as people write it: whole above 100 or when whole ("2,000", "0"), else three
    significant digits ("4", "0.25", "12.3"); under a thousandth, "<0.001" (absurd input, not
    an exponent nobody reads)."""
    if abs(value) >= 99.95 or float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.3g}" if abs(value) >= 0.001 else "<0.001"
