"""The design model: plain pydantic data, no behaviour beyond look-ups.

Everything a design file holds is here. Changes go through `archdraw.model.edits`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, FiniteFloat, Strict, field_validator

from archdraw.model.provenance import ImportBlock

ID_PATTERN = r"^[A-Za-z0-9_.\-]+$"

ZoneKind = Literal["region", "zone", "network", "group"]
LinkKind = Literal["sync", "async", "replication"]
PropValue = bool | int | float | str | list[str]
# Props are checked against their type's specs in `validation`, which names the
# property in its message; a union here would report one error per union member.
Props = dict[str, Any]

Coordinate = Annotated[FiniteFloat, Strict()]
ZONE_KINDS: tuple[str, ...] = get_args(ZoneKind)
LINK_KINDS: tuple[str, ...] = get_args(LinkKind)


class _Strict(BaseModel):
    # extra="forbid": a misspelt key in a design file is an error, not silently dropped.
    model_config = ConfigDict(extra="forbid", populate_by_name=True, validate_assignment=False)


class Zone(_Strict):
    id: str = Field(pattern=ID_PATTERN)
    label: str | None = None
    kind: ZoneKind = "zone"
    parent: str | None = None

    @property
    def title(self) -> str:
        return self.label or self.id


class Component(_Strict):
    id: str = Field(pattern=ID_PATTERN)
    type: str = Field(min_length=1)
    label: str | None = None
    zone: str | None = None
    # Strict: a number (whole or not), never true/false or text that looks like one.
    position: tuple[Coordinate, Coordinate] | None = None
    notes: str | None = None
    props: Props = Field(default_factory=dict)

    @property
    def title(self) -> str:
        return self.label or self.id


class Link(_Strict):
    id: str | None = Field(default=None, pattern=ID_PATTERN)
    source: str = Field(alias="from", min_length=1)
    target: str = Field(alias="to", min_length=1)
    kind: LinkKind = "sync"
    label: str | None = None
    props: Props = Field(default_factory=dict)

    @property
    def key(self) -> str:
        """The link's identity: its explicit id, or "from->to"."""
        return self.id if self.id is not None else f"{self.source}->{self.target}"

    def ends_title(self, titles: Mapping[str, str]) -> str:
        """ "Source → Target" by the ends' titles (`titles`: id -> title; an end not in it
        keeps its id): how the editor names a link wherever it shows one."""
        return f"{titles.get(self.source, self.source)} → {titles.get(self.target, self.target)}"


class DesignDoc(_Strict):
    purpose: str | None = None
    principles: list[str] = Field(default_factory=list)
    boundaries: str | None = None
    tradeoffs: list[str] = Field(default_factory=list)
    failure_modes: list[str] = Field(default_factory=list)
    scaling_limits: list[str] = Field(default_factory=list)

    def is_empty(self) -> bool:
        return self == DesignDoc()


class LintIgnore(_Strict):
    rule: str = Field(min_length=1)
    component: str | None = None
    link: str | None = None
    zone: str | None = None
    reason: str | None = None


class LintSettings(_Strict):
    disable: list[str] = Field(default_factory=list)
    severity: dict[str, Literal["error", "warning", "info"]] = Field(default_factory=dict)
    ignore: list[LintIgnore] = Field(default_factory=list)
    options: dict[str, PropValue] = Field(default_factory=dict)

    def is_empty(self) -> bool:
        return self == LintSettings()


class CostSettings(_Strict):
    """What the design says about money: its budget, its availability target, its own prices."""

    # USD (the price table's currency) per month the design may spend; AD7xx rules compare with it.
    budget_month: float | None = Field(default=None, ge=0)
    # The availability the design promises (0.999 = three nines); a standby costing more
    # than the downtime it saves is judged against it.
    availability_target: float | None = Field(default=None, ge=0, le=1)
    # Average traffic over a month as a share of the peak `rps` clients state (0.4 when
    # absent, a library default): usage is billed on the average, capacity sized on the peak.
    average_load: float | None = Field(default=None, gt=0, le=1)
    # Overrides of the price table by key (see `archdraw prices`), e.g. {vm.general: 0.05}.
    prices: dict[str, FiniteFloat] = Field(default_factory=dict)

    def is_empty(self) -> bool:
        return self == CostSettings()


class Design(_Strict):
    archdraw: int
    name: str = Field(min_length=1)
    description: str | None = None
    doc: DesignDoc = Field(default_factory=DesignDoc)
    zones: list[Zone] = Field(default_factory=list)
    components: list[Component] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)
    lint: LintSettings = Field(default_factory=LintSettings)
    cost: CostSettings = Field(default_factory=CostSettings)
    # Written by `archdraw import`: where each element came from and how sure it is.
    imported: ImportBlock | None = Field(default=None, alias="import")

    @field_validator("archdraw")
    @classmethod
    def _known_version(cls, value: int) -> int:
        from archdraw.model.version import check_format_version

        check_format_version(value)
        return value

    # Look-ups are linear scans: designs are edited one element at a time and
    # callers that need many look-ups build their own index once.
    def component(self, component_id: str) -> Component | None:
        return next((c for c in self.components if c.id == component_id), None)

    def zone(self, zone_id: str) -> Zone | None:
        return next((z for z in self.zones if z.id == zone_id), None)

    def link(self, key: str) -> Link | None:
        return next((link for link in self.links if link.key == key), None)

    def links_of(self, component_id: str) -> list[Link]:
        return [k for k in self.links if component_id in (k.source, k.target)]

    def component_index(self) -> dict[str, Component]:
        return {c.id: c for c in self.components}

    def zone_index(self) -> dict[str, Zone]:
        return {z.id: z for z in self.zones}

    def element_ids(self) -> set[str]:
        return {c.id for c in self.components} | {z.id for z in self.zones}

    def to_data(self) -> dict[str, Any]:
        """The design as plain data, in file order, without empty optional fields."""
        from archdraw.model.serialize import design_to_data

        return design_to_data(self)


def new_design(name: str = "Untitled design") -> Design:
    from archdraw import FORMAT_VERSION

    return Design(archdraw=FORMAT_VERSION, name=name)
