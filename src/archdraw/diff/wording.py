"""Words and numbers every diff format shares: values, figures, the summary line."""

from __future__ import annotations

import json
from typing import Any

from archdraw.analysis.growth_summary import times
from archdraw.cost import money
from archdraw.diff.derived import AVAILABILITY_UNIT, Delta
from archdraw.diff.elements import ElementChange, FieldChange
from archdraw.diff.report import FileDiff
from archdraw.lint import Severity
from archdraw.source.printable import plural

MAX_VALUE = 80  # characters of a changed value shown inline (doc texts can be long)


def value_text(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        text = " ".join(value.split())
    elif isinstance(value, (list, tuple)):
        text = json.dumps(list(value), ensure_ascii=False)
    else:
        text = str(value)
    return text if len(text) <= MAX_VALUE else text[: MAX_VALUE - 1] + "…"


def field_text(change: FieldChange) -> str:
    if change.old is None:
        was = f" (was {change.absent})" if change.absent else ""
        return f"{change.field}: set to {value_text(change.new)}{was}"
    if change.new is None:
        now = f"; now {change.absent}" if change.absent else ""
        return f"{change.field}: removed (was {value_text(change.old)}{now})"
    return f"{change.field}: {value_text(change.old)} → {value_text(change.new)}"


def point_name(key: str, code: str = "") -> str:
    """A single point of failure as the change table names elements: "component api", not
    the key "component:api" (`code` wraps the id, "`" in markdown)."""
    kind, _, element = key.partition(":")
    return f"{kind} {code}{element}{code}"


def element_name(change: ElementChange) -> str:
    if change.kind == "design":
        return "design"
    if change.kind == "link" or change.title == change.id:
        return f"{change.kind} {change.id}"
    return f"{change.kind} {change.id} ({change.title})"


def figure_text(value: float | None, unit: str, detail: str | None = None) -> str:
    if value is None:
        # No figure on this side (a client added or removed, nothing that saturates): a zero
        # or the word "none" would read as a value.
        return "—" if detail is None else f"— ({detail})"
    if unit == AVAILABILITY_UNIT:
        shown = f"{value * 100:.4f}".rstrip("0").rstrip(".") + " %"
    elif unit == "x":
        shown = f"{times(value)}×"
    elif unit.endswith("/month"):
        # As the review and `analyze --cost` write money: "$563,692/month", not the false
        # precision of "563,691.98 USD/month".
        shown = f"{money(value, unit.removesuffix('/month'))}/month"
    else:
        shown = f"{value:,.2f} {unit}"
    return shown if detail is None else f"{shown} ({detail})"


def delta_text(delta: Delta) -> tuple[str, str]:
    return (
        figure_text(delta.old, delta.unit, delta.detail_old),
        figure_text(delta.new, delta.unit, delta.detail_new),
    )


def summary(diff: FileDiff, fail_on: Severity) -> str:
    """One line: what changed, what the derived figures did, which findings came and went."""
    counts = [
        f"{len(diff.changes.of_status(s))} {s}"
        for s in ("added", "removed", "changed")
        if diff.changes.of_status(s)
    ]
    parts = [", ".join(counts) if counts else "no change to the system"]
    # A whole file added or deleted says so first: "56 removed" alone reads as a gutted design.
    if diff.new.loaded is None:
        parts[0] = f"design file deleted ({parts[0]})"
    elif diff.old.loaded is None:
        parts[0] = f"new design file ({parts[0]})"
    if diff.changes.moved:
        parts.append(f"{plural(len(diff.changes.moved), 'layout move')}")
    derived = diff.derived
    if derived is not None:
        overall = derived.deltas[0]
        if overall.changed:
            before, after = delta_text(overall)
            parts.append(f"availability {before} → {after}")
        if derived.new_single_points:
            parts.append(f"{plural(len(derived.new_single_points), 'new single point')} of failure")
        if derived.removed_single_points:
            parts.append(
                f"{plural(len(derived.removed_single_points), 'single point')} of failure removed"
            )
    blocking = len(diff.blocking(fail_on))
    findings = f"{plural(len(diff.introduced), 'new finding')}"
    if diff.introduced:
        findings += f" ({blocking} at or above {fail_on})"
    if diff.new.loaded is None:
        # Its findings went with the file: nothing was fixed.
        parts.append(f"{plural(len(diff.fixed), 'finding')} gone with it")
        return "; ".join(parts)
    parts.append(f"{findings}, {len(diff.fixed)} fixed, {len(diff.unchanged)} unchanged")
    return "; ".join(parts)
