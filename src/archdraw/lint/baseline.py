"""Findings matched across two runs by rule and element ids, never by line.

A finding belongs to a component (or link, or zone), not to a line: moving
a block of YAML, or a change elsewhere in the file, must not make an old
finding look new. Two findings match when their rule code and element ids
are equal; a matched pair whose message differs is *updated* (SARIF's
`baselineState`). Several findings with the same rule and element are
matched one to one, equal messages first.

The baseline file (`archdraw lint --baseline FILE`) is JSON listing the
accepted findings per design file, sorted so that it diffs well in review.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from archdraw.source import SourceError
from archdraw.source.text import read_text

BASELINE_VERSION = 1


class Keyed(Protocol):
    """What matching reads: a lint `Finding` and a `BaselineEntry` both have these."""

    @property
    def code(self) -> str: ...
    @property
    def component(self) -> str | None: ...
    @property
    def link(self) -> str | None: ...
    @property
    def zone(self) -> str | None: ...
    @property
    def message(self) -> str: ...


Old = TypeVar("Old", bound=Keyed)
New = TypeVar("New", bound=Keyed)
Key = tuple[str, str | None, str | None, str | None]


def finding_key(finding: Keyed) -> Key:
    return (finding.code, finding.component, finding.link, finding.zone)


@dataclass
class Matching(Generic[Old, New]):
    new: list[New] = field(default_factory=list)
    unchanged: list[tuple[Old, New]] = field(default_factory=list)
    updated: list[tuple[Old, New]] = field(default_factory=list)  # same rule and element
    absent: list[Old] = field(default_factory=list)  # gone since the older run


def match_findings(old: Sequence[Old], new: Sequence[New]) -> Matching[Old, New]:
    waiting: dict[Key, list[Old]] = {}
    for earlier in old:
        waiting.setdefault(finding_key(earlier), []).append(earlier)
    result: Matching[Old, New] = Matching()
    unmatched: list[New] = []
    # Equal messages pair first, so one changed message among several is the one updated.
    for later in new:
        candidates = waiting.get(finding_key(later), [])
        index = next((i for i, o in enumerate(candidates) if o.message == later.message), None)
        if index is None:
            unmatched.append(later)
            continue
        result.unchanged.append((candidates.pop(index), later))
    for later in unmatched:
        candidates = waiting.get(finding_key(later), [])
        if candidates:
            result.updated.append((candidates.pop(0), later))
        else:
            result.new.append(later)
    remaining = {id(o) for left in waiting.values() for o in left}
    result.absent = [o for o in old if id(o) in remaining]
    return result


@dataclass(frozen=True)
class BaselineEntry:
    path: str
    code: str
    component: str | None
    link: str | None
    zone: str | None
    message: str

    def data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"path": self.path, "code": self.code}
        for name in ("component", "link", "zone"):
            value = getattr(self, name)
            if value is not None:
                data[name] = value
        data["message"] = self.message
        return data


class BaselineError(ValueError):
    """The baseline file cannot be read; the message names the file and the cause."""


def read_baseline(path: Path) -> list[BaselineEntry]:
    """The entries of a baseline file; a missing file is an empty baseline."""
    if not path.exists():
        return []
    try:
        data = json.loads(read_text(path, "a JSON baseline"))
    except SourceError as error:
        raise BaselineError(str(error)) from None
    except json.JSONDecodeError as error:
        raise BaselineError(
            f"{path}:{error.lineno}:{error.colno}: not a JSON baseline: {error.msg}"
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{path}: not an archdraw baseline (no 'findings' list)")
    entries = []
    for number, item in enumerate(data["findings"], 1):
        try:
            entries.append(
                BaselineEntry(
                    str(item["path"]),
                    str(item["code"]),
                    item.get("component"),
                    item.get("link"),
                    item.get("zone"),
                    str(item.get("message", "")),
                )
            )
        except (KeyError, TypeError, AttributeError):
            raise BaselineError(
                f"{path}: finding {number} needs at least 'path' and 'code'"
            ) from None
    return entries


def dump_baseline(entries: Iterable[BaselineEntry]) -> str:
    ordered = sorted(
        entries,
        key=lambda e: (e.path, e.code, e.component or "", e.link or "", e.zone or "", e.message),
    )
    data = {"version": BASELINE_VERSION, "findings": [e.data() for e in ordered]}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def entry_for(path: str, finding: Keyed) -> BaselineEntry:
    return BaselineEntry(
        path, finding.code, finding.component, finding.link, finding.zone, finding.message
    )
