"""What the rules read: a design's elements with their fields copied into slots.

Reading a field of a pydantic model goes through a hook on every access; the rules read
fields very often, so `LintContext` builds these views once per run and the rules see
only them.

A view shares its model's `props` dict and copies the rest. Edits change props in
place and anything else they change makes a lint session start afresh; a session that
keeps views across runs re-points them at the props of the design it lints
(`DesignView.follow_props`)."""

from __future__ import annotations

from collections.abc import Mapping
from itertools import repeat
from typing import Any

from archdraw.analysis.links import LinkRecord, LinkTable
from archdraw.model import Component, CostSettings, Design, LintSettings, Zone

_NO_DEFAULTS: dict[str, Any] = {}  # for a type the library does not know


class ComponentView:
    __slots__ = ("defaults", "id", "label", "props", "title", "type", "zone")

    def __init__(self, component: Component, defaults: Mapping[str, dict[str, Any]]) -> None:
        # One hooked look-up (the model's __dict__) instead of one per field.
        fields = component.__dict__
        self.id: str = fields["id"]
        self.type: str = fields["type"]
        self.label: str | None = fields["label"]
        self.zone: str | None = fields["zone"]
        self.props: dict[str, Any] = fields["props"]
        self.title: str = self.label or self.id
        self.defaults: dict[str, Any] = defaults.get(self.type, _NO_DEFAULTS)
        """The type's default values (`defaults` maps type ids to them): what a property
        the component does not set stands for."""


# A link as the rules read it: the record of the design's link table, which lint's link
# views, the data roles and the traffic graph share (`archdraw.analysis.links`).
LinkView = LinkRecord


class ZoneView:
    __slots__ = ("id", "kind", "label", "parent")

    def __init__(self, zone: Zone) -> None:
        self.id: str = zone.id
        self.label: str | None = zone.label
        self.kind: str = zone.kind
        self.parent: str | None = zone.parent

    @property
    def title(self) -> str:
        return self.label or self.id


class DesignView:
    """The elements of one design, in file order, as the rules read them."""

    __slots__ = ("components", "cost", "imported", "links", "lint", "model", "zones")

    def __init__(
        self, design: Design, defaults: Mapping[str, dict[str, Any]], links: LinkTable
    ) -> None:
        """`defaults`: each component type's default property values; `links`: the table of
        the design's links."""
        self.components = list(map(ComponentView, design.components, repeat(defaults)))
        self.links = links.links
        self.zones = [ZoneView(z) for z in design.zones]
        self.lint: LintSettings = design.lint
        self.cost: CostSettings = design.cost
        # The design itself, for the whole-design models rules ask (the cost estimate).
        self.model: Design = design
        # The `import:` block: provenance and guesses of an imported design (AD607).
        self.imported = design.imported

    def component_index(self) -> dict[str, ComponentView]:
        return {c.id: c for c in self.components}

    def follow_props(self, design: Design) -> None:
        """Share the props of `design`'s elements, which stand where this view's elements
        stand (the same design, or a copy of it, with property values edited since)."""
        self.model = design
        for view, component in zip(self.components, design.components, strict=True):
            view.props = component.props
        for link_view, link in zip(self.links, design.links, strict=True):
            link_view.props = link.props
