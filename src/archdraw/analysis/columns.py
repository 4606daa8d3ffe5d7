"""The per-component columns of the traffic graph, read in one pass over the components
(a type's facts looked up once per type, a property as its own value else the default)."""

from __future__ import annotations

from typing import NamedTuple

from archdraw.analysis.kinds import BUFFER_TYPES, CACHING_TYPES, TypeFacts, count, number
from archdraw.analysis.roles import DataRoles
from archdraw.library import Library
from archdraw.model import Component


def machines(components: list[Component], machines: list[int], roles: DataRoles) -> list[int]:
    """Machines per component: a stateful one's data role counts its shards too."""
    found = roles.roles
    return [
        found[c.id].instances if c.id in found else count
        for c, count in zip(components, machines, strict=True)
    ]


class _Columns(NamedTuple):
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


def per_component(components: list[Component], facts: TypeFacts, library: Library) -> _Columns:
    """Every per-component column in one pass (type facts looked up once per type)."""
    columns = _Columns([], [], [], [], [], [], [], [], [], [], [], [])
    by_type: dict[str, tuple[bool, bool, bool, bool, bool]] = {}
    for component in components:
        type_id = component.type
        facts_of_type = by_type.get(type_id)
        if facts_of_type is None:
            found = library.get(type_id)
            facts_of_type = by_type[type_id] = (
                found is not None and found.stateful,
                found is not None and found.category == "client",
                type_id in BUFFER_TYPES,
                found is not None and "replicas" in found.properties,
                type_id in CACHING_TYPES,
            )
        stateful, on_device, buffer, runs_replicas, caching = facts_of_type
        value = (facts.defaults(type_id) | component.props).get  # its own value, else default
        replicas, zones = count(value("replicas")), count(value("zones"))
        hit = (number(value("hit_ratio"), 0.0) or 0.0) if caching else 0.0
        columns.miss.append(1.0 - min(1.0, max(0.0, hit)) if caching else 1.0)
        columns.replicas.append(replicas)
        columns.zones.append(zones)
        columns.machines.append(max(replicas, zones))
        columns.failover.append(str(value("failover") or "none"))
        columns.stateful.append(stateful)
        columns.capacity.append(_positive(value("capacity_rps")))
        columns.latency.append(_non_negative(value("latency_ms")))
        columns.buffer.append(buffer)
        columns.on_device.append(on_device)
        columns.fallback.append(value("fallback") is True)
        columns.runs_replicas.append(runs_replicas)
    return columns


def _positive(value: object) -> float | None:
    found = number(value, None)
    return found if found is not None and found > 0 else None


def _non_negative(value: object) -> float | None:
    found = number(value, None)
    return found if found is not None and found >= 0 else None
