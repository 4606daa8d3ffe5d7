"""What a review holds: sections of answers, items about elements, the review itself."""

from __future__ import annotations

from dataclasses import dataclass, field

from archdraw.cost import CostEstimate
from archdraw.lint import Finding

DOC_FIELDS = (
    ("purpose", "Purpose"),
    ("principles", "Principles"),
    ("boundaries", "Boundaries"),
    ("tradeoffs", "Trade-offs"),
    ("failure_modes", "Failure modes"),
    ("scaling_limits", "Scaling limits"),
)


@dataclass(frozen=True)
class Item:
    """One statement of a section, and the elements it is about (marked on the diagram)."""

    text: str
    severity: str = "info"  # error | warning | info | ok
    elements: tuple[str, ...] = ()
    code: str | None = None


@dataclass
class Section:
    key: str
    title: str
    answer: str
    items: list[Item] = field(default_factory=list)
    header: tuple[str, ...] = ()
    rows: list[tuple[str, ...]] = field(default_factory=list)


@dataclass
class Review:
    name: str
    description: str | None
    doc: dict[str, str | list[str] | None]
    gaps: list[str]
    sections: list[Section]
    findings: list[Finding]
    costs: list[CostEstimate]
    numbers: dict[str, list[str]]  # component id -> lines shown when it is selected
    titles: dict[str, str]
    growth: float

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)
