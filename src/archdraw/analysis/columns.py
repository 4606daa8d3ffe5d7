"""The per-component columns of the traffic graph, read a column at a time (a type's facts
and defaults looked up once per type, a property's own value only where it is stated)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from archdraw.analysis.instances import Instances, instances
from archdraw.analysis.kinds import (
    BUFFER_TYPES,
    CACHING_TYPES,
    TypeFacts,
    count,
    number,
    provider_runs,
    stated_rps,
)
from archdraw.analysis.roles import STANDBY_FAILOVERS, DataRoles
from archdraw.library import Library
from archdraw.model import Component, Zone

if TYPE_CHECKING:
    from archdraw.analysis.graph import Edge


class Columns(NamedTuple):
    """The per-component columns, one list each, by component index."""

    miss: list[float]
    replicas: list[int]  # instances (`archdraw.analysis.instances`): what capacity counts,
    # and the machines that fail one at a time (a store's data role counts the same)
    zones: list[int]  # zones those instances span
    instance_basis: list[str]  # "stated" | "default" | "zones" | "shards" | "managed"
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
    rps: list[float | None]  # the stated `rps` (None: not stated, never a library default)


def _positive(value: object) -> float | None:
    found = number(value, None)
    return found if found is not None and found > 0 else None


def _non_negative(value: object) -> float | None:
    found = number(value, None)
    return found if found is not None and found >= 0 else None


def _share(value: object) -> float:
    """A `hit_ratio` within 0..1 (0 when not a number)."""
    return min(1.0, max(0.0, number(value, 0.0) or 0.0))


def _peak(value: object) -> float:
    return max(1.0, number(value, 1.0) or 1.0)


def _failover(value: object) -> str:
    return str(value or "none")


def _is_true(value: object) -> bool:
    return value is True


def _flag(value: object) -> bool | None:
    """A boolean as stated, None when not one (`managed` unstated reads `global`)."""
    return value if value is True or value is False else None


# The columns read from one property each, with how its value reads: the component's own
# value, else its type's default. `miss` and `machines` follow from these.
_PROPERTY_COLUMNS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "hit": ("hit_ratio", _share),
    "replicas": ("replicas", count),
    "zones": ("zones", count),
    "shards": ("shards", count),
    "failover": ("failover", _failover),
    "capacity": ("capacity_rps", _positive),
    "latency": ("latency_ms", _non_negative),
    "fallback": ("fallback", _is_true),
    "spans_zones": ("global", _is_true),
    "managed": ("managed", _flag),
    "in_process": ("in_process", _is_true),
    "peak": ("peak_factor", _peak),
}


class _TypeColumns(NamedTuple):
    """The columns a component's type decides alone."""

    caching: bool
    stateful: bool
    buffer: bool
    on_device: bool
    runs_replicas: bool
    defaults: dict[str, Any]  # the type's default property values


def _type_columns(library: Library, facts: TypeFacts, type_id: str) -> _TypeColumns:
    found = library.get(type_id)
    return _TypeColumns(
        caching=type_id in CACHING_TYPES,
        stateful=found is not None and found.stateful,
        buffer=type_id in BUFFER_TYPES,
        on_device=found is not None and found.category == "client",
        runs_replicas=found is not None and "replicas" in found.properties,
        defaults=facts.defaults(type_id),
    )


def per_component(components: list[Component], facts: TypeFacts, library: Library) -> Columns:
    """Every per-component column, one column at a time: each starts from the value of the
    component's type (its default, converted once per type), and only the components that
    state the property read their own (each distinct value converted once: thousands of
    components state the same few)."""
    types = [c.type for c in components]
    props = [c.props for c in components]
    kinds = {t: _type_columns(library, facts, t) for t in set(types)}

    def per_type(by_type: dict[str, Any]) -> list[Any]:
        """The column of a value that each type decides."""
        values = iter(by_type.values())
        first = next(values, None)
        if all(type(value) is type(first) and value == first for value in values):
            return [first] * len(types)  # every type alike (typed: 1, 1.0 and true apart)
        return list(map(by_type.__getitem__, types))

    stating = _stating(props)
    read: dict[str, list[Any]] = {}
    for column, (name, convert) in _PROPERTY_COLUMNS.items():
        values = per_type({t: convert(kind.defaults.get(name)) for t, kind in kinds.items()})
        remembered = lru_cache(maxsize=None, typed=True)(convert)  # 1, 1.0 and true apart
        for node in stating.get(name, ()):
            value = props[node][name]
            try:
                values[node] = remembered(value)
            except TypeError:  # an unhashable value (a list): nothing to remember it by
                values[node] = convert(value)
        read[column] = values
    rps: list[float | None] = [None] * len(components)
    for node in stating.get("rps", ()):
        rps[node] = stated_rps(components[node])
    # What each component's count follows from: its counts (converted above) and flags.
    count_of = list(
        zip(
            read["replicas"],
            read["zones"],
            read["shards"],
            ["replicas" in own for own in props],
            per_type({t: kind.stateful and not kind.buffer for t, kind in kinds.items()}),
            map(provider_runs, read["managed"], read["spans_zones"]),
            strict=True,
        )
    )
    # Each distinct set worked out once: a few repeat over thousands of components.
    known = {found: _instances(*found) for found in set(count_of)}
    counted = list(map(known.__getitem__, count_of))
    of_type: list[_TypeColumns] = per_type(kinds)
    caching = per_type({t: kind.caching for t, kind in kinds.items()})
    return Columns(
        miss=[1.0 - hit if cache else 1.0 for cache, hit in zip(caching, read["hit"], strict=True)],
        replicas=[found.total for found in counted],
        zones=[found.zones for found in counted],
        instance_basis=[found.basis for found in counted],
        failover=read["failover"],
        stateful=per_type({t: kind.stateful for t, kind in kinds.items()}),
        capacity=read["capacity"],
        latency=read["latency"],
        buffer=per_type({t: kind.buffer for t, kind in kinds.items()}),
        on_device=per_type({t: kind.on_device for t, kind in kinds.items()}),
        fallback=read["fallback"],
        # A managed service is not ours to run: no machine of it to lose alone.
        runs_replicas=[
            kind.runs_replicas and not found.managed
            for kind, found in zip(of_type, counted, strict=True)
        ],
        spans_zones=read["spans_zones"],
        in_process=read["in_process"],
        peak=read["peak"],
        rps=rps,
    )


def _instances(
    replicas: int, zones: int, shards: int, stated: bool, sharded: bool, managed: bool
) -> Instances:
    return instances(replicas, zones, shards, stated=stated, sharded=sharded, managed=managed)


def _stating(props: list[dict[str, Any]]) -> dict[str, list[int]]:
    """The positions of the components that state each property name."""
    found: defaultdict[str, list[int]] = defaultdict(list)
    for node, own in enumerate(props):
        for name in own:
            found[name].append(node)
    return found


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
    stated = per.rps
    failover = per.failover
    return {
        "components": components,
        "rps": [0.0 if value is None else value for value in stated],
        "rate_known": [value is not None or i not in source_set for i, value in enumerate(stated)],
        "miss": per.miss,
        "replicas": per.replicas,
        "zones_spanned": per.zones,
        "instance_counts": per.replicas,
        "instance_basis": per.instance_basis,
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
