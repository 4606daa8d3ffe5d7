"""The per-component columns of the traffic graph, read in one pass over the components
(a type's facts looked up once per type, a property as its own value else the default)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from archdraw.analysis.kinds import (
    BUFFER_TYPES,
    CACHING_TYPES,
    TypeFacts,
    count,
    number,
    stated_rps,
)
from archdraw.analysis.roles import STANDBY_FAILOVERS, DataRoles
from archdraw.library import Library
from archdraw.model import Component, Zone

if TYPE_CHECKING:
    from archdraw.analysis.graph import Edge


def machines(components: list[Component], machines: list[int], roles: DataRoles) -> list[int]:
    """Machines per component: a stateful one's data role counts its shards too."""
    found = roles.roles
    return [
        found[c.id].instances if c.id in found else count
        for c, count in zip(components, machines, strict=True)
    ]


class Columns(NamedTuple):
    """The per-component columns, one list each, by component index."""

    miss: list[float]
    replicas: list[int]
    zones: list[int]
    machines: list[int]  # max(replicas, zones): a stateful component's role may count more
    failover: list[str]
    stateful: list[bool]
    capacity: list[float | None]
    latency: list[float | None]
    buffer: list[bool]
    on_device: list[bool]
    fallback: list[bool]
    runs_replicas: list[bool]
    spans_zones: list[bool]  # `global: true`: a managed service that spans zones and regions
    in_process: list[bool]  # `in_process: true`: runs inside its caller, no failure of its own
    peak: list[float]  # `peak_factor`: a source's burst over its stated `rps`


# The properties a row reads: a component that states none of them has its type's row.
_ROW_PROPERTIES = frozenset(
    {
        "replicas",
        "zones",
        "hit_ratio",
        "failover",
        "capacity_rps",
        "latency_ms",
        "fallback",
        "global",
        "in_process",
        "peak_factor",
    }
)
_Row = tuple[
    float,
    int,
    int,
    int,
    str,
    bool,
    float | None,
    float | None,
    bool,
    bool,
    bool,
    bool,
    bool,
    bool,
    float,
]


def per_component(components: list[Component], facts: TypeFacts, library: Library) -> Columns:
    """Every per-component column in one pass: one row per type from its defaults, and a row
    of its own for a component that states a property the row reads."""
    by_type: dict[str, tuple[_Row, dict[str, Any]]] = {}
    rows: list[_Row] = []
    for component in components:
        type_id, props = component.type, component.props
        known = by_type.get(type_id)
        if known is None:
            defaults = facts.defaults(type_id)
            known = by_type[type_id] = (_row(library, type_id, defaults.get), defaults)
        if props and not _ROW_PROPERTIES.isdisjoint(props):
            rows.append(_row(library, type_id, (known[1] | props).get))
        else:
            rows.append(known[0])
    return _from_rows(rows)


def with_rows(
    columns: Columns,
    components: list[Component],
    nodes: Iterable[int],
    facts: TypeFacts,
    library: Library,
) -> Columns:
    """`columns` with the rows of `nodes` read again from `components` (their values changed)."""
    rows: list[_Row] = list(zip(*columns, strict=True))
    for node in nodes:
        component = components[node]
        rows[node] = _row(library, component.type, facts.values(component).get)
    return _from_rows(rows)


def _from_rows(rows: list[_Row]) -> Columns:
    if not rows:
        return Columns(*([] for _ in Columns._fields))
    columns: list[list[Any]] = [list(column) for column in zip(*rows, strict=True)]
    return Columns(*columns)


def _row(library: Library, type_id: str, value: Callable[[str], Any]) -> _Row:
    """One component's columns, from `value` (its own value of a property, else the default)."""
    found = library.get(type_id)
    caching = type_id in CACHING_TYPES
    hit = (number(value("hit_ratio"), 0.0) or 0.0) if caching else 0.0
    replicas, zones = count(value("replicas")), count(value("zones"))
    return (
        1.0 - min(1.0, max(0.0, hit)) if caching else 1.0,
        replicas,
        zones,
        max(replicas, zones),
        str(value("failover") or "none"),
        found is not None and found.stateful,
        _positive(value("capacity_rps")),
        _non_negative(value("latency_ms")),
        type_id in BUFFER_TYPES,
        found is not None and found.category == "client",
        value("fallback") is True,
        found is not None and "replicas" in found.properties,
        value("global") is True,
        value("in_process") is True,
        max(1.0, number(value("peak_factor"), 1.0) or 1.0),
    )


def _positive(value: object) -> float | None:
    found = number(value, None)
    return found if found is not None and found > 0 else None


def _non_negative(value: object) -> float | None:
    found = number(value, None)
    return found if found is not None and found >= 0 else None


def node_columns(
    components: list[Component],
    per: Columns,
    roles: DataRoles,
    sources: list[int],
    edges: list[list[Edge]],
    zones: dict[str, Zone],
) -> dict[str, Any]:
    """The graph's fields read from component property values (the rest follow the links)."""
    source_set = set(sources)
    stated = [stated_rps(c) for c in components]
    failover = per.failover
    return {
        "components": components,
        "rps": [0.0 if value is None else value for value in stated],
        "rate_known": [value is not None or i not in source_set for i, value in enumerate(stated)],
        "miss": per.miss,
        "replicas": per.replicas,
        "zones_spanned": per.zones,
        "instance_counts": machines(components, per.machines, roles),
        "failover": failover,
        "standby_out": [
            [e for e in row if e.calls == 0] if failover[node] in STANDBY_FAILOVERS else []
            for node, row in enumerate(edges)
        ],
        "stateful": per.stateful,
        "capacity_rps": per.capacity,
        "latency_ms": per.latency,
        # A service that spans zones and regions on its own is in none of them.
        "zone_of": [
            c.zone if c.zone in zones and not spans else None
            for c, spans in zip(components, per.spans_zones, strict=True)
        ],
        "buffer": per.buffer,
        "on_device": per.on_device,
        "fallback": per.fallback,
        "runs_replicas": per.runs_replicas,
        "spans_zones": per.spans_zones,
        "in_process": per.in_process,
        "peak": per.peak,
        "roles": roles,
    }
