"""Where an imported design came from: the optional `import:` block of a design file.

`archdraw import` writes it; the editor marks guessed elements from it and lint rule
AD607 reports guesses nobody has confirmed. A hand-written design has no such block.
"""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

# How sure the importer is of an element or a value, strongest first:
# explicit (the input says so), inferred (a mapping rule on strong evidence: an image
# name, a Service selector), guessed (weak evidence: a host name in a variable, a
# label's wording), defaulted (the input says nothing; the platform's default is used).
Confidence = Literal["explicit", "inferred", "guessed", "defaulted"]
CONFIDENCES: tuple[str, ...] = get_args(Confidence)


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ImportedElement(_Record):
    """How one component, link or zone was made, and whether a person has checked it."""

    component: str | None = None
    link: str | None = None
    zone: str | None = None
    source: str = Field(min_length=1)
    rule: str = Field(min_length=1)
    confidence: Confidence
    evidence: list[str] = Field(default_factory=list)
    # Values that are not explicit in the input, by property name.
    properties: dict[str, Confidence] = Field(default_factory=dict)
    confirmed: bool = False

    @property
    def subject(self) -> str:
        return self.component or self.link or self.zone or "?"


class UnknownProperty(_Record):
    """A property the input cannot tell, and why (it keeps its library default)."""

    component: str | None = None
    property: str = Field(min_length=1)
    why: str = Field(min_length=1)


class Dependency(_Record):
    """Start-up order (`depends_on`, a Terraform reference): not traffic, so not a link."""

    source: str = Field(alias="from", min_length=1)
    target: str = Field(alias="to", min_length=1)
    evidence: str = Field(min_length=1)

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class ImportBlock(_Record):
    format: str = Field(min_length=1)
    files: list[str] = Field(default_factory=list)
    elements: list[ImportedElement] = Field(default_factory=list)
    dependencies: list[Dependency] = Field(default_factory=list)
    skipped: dict[str, int] = Field(default_factory=dict)
    unresolved: list[str] = Field(default_factory=list)
    unknown: list[UnknownProperty] = Field(default_factory=list)
    # draw.io: every page of the input, and the ones imported (the first unless chosen).
    pages: list[str] = Field(default_factory=list)
    imported_pages: list[str] = Field(default_factory=list)

    def unconfirmed_guesses(self) -> list[ImportedElement]:
        return [
            e
            for e in self.elements
            if not e.confirmed and (e.confidence == "guessed" or "guessed" in e.properties.values())
        ]
