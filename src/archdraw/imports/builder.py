"""Building an imported design one element at a time, recording where each came from.

Every importer speaks to a `DesignBuilder`: it adds zones, components and links with their
source and the rule and confidence that made them, and says what it skipped, could not
resolve or cannot know. `finish()` gives a valid design with its `import:` block.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from archdraw import FORMAT_VERSION
from archdraw.library import Library
from archdraw.model.provenance import (
    CONFIDENCES,
    Dependency,
    ImportBlock,
    ImportedElement,
    UnknownProperty,
)
from archdraw.model.types import Component, Design, Link, Zone
from archdraw.model.validation import validate_design
from archdraw.source import Limits, Problem, SourceError

_NOT_ID = re.compile(r"[^A-Za-z0-9_.\-]+")
CLIENT_KEY = "client:users"
_DESIGN_LIMITS = Limits()


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def imported_name(stem: str, fmt: str) -> str:
    """The name of a design imported from `fmt`, from a file's stem or the project's name."""
    return f"{stem} (imported from {fmt})"


def stronger(a: str, b: str) -> str:
    """The more certain of two confidences."""
    return a if CONFIDENCES.index(a) <= CONFIDENCES.index(b) else b


@dataclass
class ImportResult:
    design: Design
    block: ImportBlock
    notes: list[str] = field(default_factory=list)


class DesignBuilder:
    def __init__(self, name: str, fmt: str, files: list[str], library: Library) -> None:
        self.name, self.library = name, library
        self.block = ImportBlock(format=fmt, files=files)
        self.zones: dict[str, Zone] = {}
        self.components: dict[str, Component] = {}
        self.links: dict[str, Link] = {}
        self.records: dict[str, ImportedElement] = {}
        self.skipped: Counter[str] = Counter()
        self.ids: dict[str, str] = {}
        self.taken: set[str] = set()

    # ids ---------------------------------------------------------------------------
    def new_id(self, key: str, wanted: str) -> str:
        """A valid, unused id for the element known to the importer as `key`."""
        base = _NOT_ID.sub("-", wanted).strip("-.") or "element"
        candidate, n = base, 2
        while candidate in self.taken:
            candidate, n = f"{base}-{n}", n + 1
        self.taken.add(candidate)
        self.ids[key] = candidate
        return candidate

    def id_of(self, key: str) -> str | None:
        return self.ids.get(key)

    # elements ----------------------------------------------------------------------
    def record(
        self, subject: dict[str, str], source: str, rule: str, confidence: str
    ) -> ImportedElement:
        element = ImportedElement(source=source, rule=rule, confidence=confidence, **subject)
        self.records[element.subject] = element
        return element

    def add_zone(
        self,
        key: str,
        label: str,
        kind: str,
        source: str,
        rule: str,
        confidence: str,
        parent: str | None = None,
        wanted_id: str | None = None,
    ) -> str:
        if key in self.ids:
            return self.ids[key]
        zone_id = self.new_id(key, wanted_id or key.split(":")[-1])
        self.zones[zone_id] = Zone(id=zone_id, label=label, kind=kind, parent=parent)
        self.record({"zone": zone_id}, source, rule, confidence)
        return zone_id

    def add_component(
        self,
        key: str,
        type_id: str,
        label: str | None,
        source: str,
        rule: str,
        confidence: str,
        *,
        zone: str | None = None,
        position: tuple[float, float] | None = None,
        notes: str | None = None,
        wanted_id: str | None = None,
    ) -> str:
        component_id = self.new_id(key, wanted_id or label or key)
        self.components[component_id] = Component(
            id=component_id, type=type_id, label=label, zone=zone, position=position, notes=notes
        )
        self.record({"component": component_id}, source, rule, confidence)
        return component_id

    def client(self, source: str, rule: str) -> str:
        """The one client box standing for the users an input exposes something to."""
        return self.id_of(CLIENT_KEY) or self.add_component(
            CLIENT_KEY, "client", "users", source, rule, "inferred"
        )

    def set_type(self, component_id: str, type_id: str, rule: str, confidence: str) -> None:
        component = self.components[component_id]
        component.type = type_id
        component.props = {
            k: v
            for k, v in component.props.items()
            if not self.library.check_props(type_id, {k: v})
        }
        record = self.records[component_id]
        record.rule, record.confidence = rule, confidence  # type: ignore[assignment]

    def set_prop(
        self, component_id: str, name: str, value: Any, confidence: str = "explicit"
    ) -> bool:
        """Set a property if the type has it and the value fits; report it otherwise."""
        component = self.components[component_id]
        problems = [p.message for p in self.library.check_props(component.type, {name: value})]
        if not problems and _number(value) and abs(value) > _DESIGN_LIMITS.max_number:
            problems.append(f"a design holds numbers up to {_DESIGN_LIMITS.max_number:,.0f}")
        if problems:
            self.unresolved(f"{component_id}: {name} = {value!r} not used ({problems[0]})")
            return False
        component.props[name] = value
        marks = self.records[component_id].properties
        if confidence == "explicit":
            # A value read later (an HPA's minReplicas) replaces an earlier "defaulted" mark.
            marks.pop(name, None)
        else:
            marks[name] = confidence  # type: ignore[assignment]
        return True

    def accepts(self, component_id: str, name: str) -> bool:
        """Whether the component's type has the property `name` at all."""
        return name in self.library.types[self.components[component_id].type].properties

    def note(self, component_id: str, text: str) -> None:
        component = self.components[component_id]
        component.notes = f"{component.notes}\n{text}" if component.notes else text

    def evidence(self, subject: str, text: str) -> None:
        record = self.records[subject]
        if text not in record.evidence:
            record.evidence.append(text)

    def add_link(
        self,
        source_id: str,
        target_id: str,
        kind: str,
        source: str,
        rule: str,
        confidence: str,
        *,
        evidence: str | None = None,
        props: dict[str, Any] | None = None,
    ) -> str | None:
        if source_id == target_id:
            return None
        key = f"{source_id}->{target_id}"
        if key in self.links:
            record = self.records[key]
            if stronger(confidence, record.confidence) != record.confidence:
                record.rule, record.confidence, record.source = rule, confidence, source  # type: ignore[assignment]
                self.links[key].kind = kind  # type: ignore[assignment]
        else:
            usable = {
                k: v for k, v in (props or {}).items() if not self.library.check_link_props({k: v})
            }
            self.links[key] = Link.model_validate(
                {"from": source_id, "to": target_id, "kind": kind, "props": usable}
            )
            self.record({"link": key}, source, rule, confidence)
        if evidence:
            self.evidence(key, evidence)
        return key

    def reachable(
        self,
        source_id: str,
        target_id: str,
        source: str,
        rule: str,
        evidence: str,
        create: bool = True,
    ) -> str | None:
        """Network reachability (a security group, a NetworkPolicy lets one in to the other):
        evidence for a link between explicit wiring and a plain reference. It adds to a link
        either way between the two (a guess it backs becomes inferred); else, when `create`,
        it is a link."""
        for key in (f"{source_id}->{target_id}", f"{target_id}->{source_id}"):
            if key in self.links:
                record = self.records[key]
                if record.confidence == "guessed":
                    record.confidence = "inferred"
                    record.rule = f"{record.rule} + {rule}"
                self.evidence(key, evidence)
                return key
        if not create:
            return None
        return self.add_link(
            source_id, target_id, "sync", source, rule, "inferred", evidence=evidence
        )

    def depends(self, source_id: str, target_id: str, evidence: str) -> None:
        if source_id != target_id:
            self.block.dependencies.append(
                Dependency.model_validate(
                    {"from": source_id, "to": target_id, "evidence": evidence}
                )
            )

    # what could not be mapped --------------------------------------------------------
    def skip(self, kind: str, count: int = 1) -> None:
        self.skipped[kind] += count

    def unresolved(self, message: str) -> None:
        if message not in self.block.unresolved:
            self.block.unresolved.append(message)

    def unknown(self, component_id: str | None, prop: str, why: str) -> None:
        self.block.unknown.append(UnknownProperty(component=component_id, property=prop, why=why))

    # the result ------------------------------------------------------------------------
    def finish(self) -> ImportResult:
        block = self.block
        block.elements = list(self.records.values())
        block.skipped = dict(sorted(self.skipped.items()))
        design = Design.model_validate(
            {
                "archdraw": FORMAT_VERSION,
                "name": self.name,
                "zones": list(self.zones.values()),
                "components": list(self.components.values()),
                "links": list(self.links.values()),
                "import": block,
            }
        )
        issues = validate_design(design, self.library)
        if issues:  # an importer bug, said plainly rather than written to a broken file
            raise SourceError(
                [
                    Problem(
                        block.files[0] if block.files else "<import>",
                        1,
                        1,
                        f"import made an invalid design: {i.message}",
                    )
                    for i in issues
                ]
            )
        return ImportResult(design, block)
