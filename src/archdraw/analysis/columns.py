"""The per-component columns of the traffic graph and the data roles. A component's cells
follow from its type and its own property values alone, so each distinct type and set of own
values is worked out once (the thousands of components of a big design repeat a few) and the
rows are then turned into columns. The data roles (`archdraw.analysis.roles`) read the same
cells: a store's instances, shards and copies are counted once for both."""

from __future__ import annotations

from itertools import compress
from typing import TYPE_CHECKING, Any, NamedTuple

from archdraw.analysis.instances import instances, partition_copies
from archdraw.analysis.kinds import (
    BUFFER_TYPES,
    CACHING_TYPES,
    STANDBY_FAILOVERS,
    TELEMETRY_TYPES,
    TypeFacts,
    count,
    number,
    provider_runs,
    stated_rate,
)
from archdraw.library import Library
from archdraw.model import Component

if TYPE_CHECKING:
    from archdraw.analysis.graph import Edge
    from archdraw.analysis.roles import DataRoles

# The row of a component without such edges (rows are read-only): one list shared by all.
NO_EDGES: list[Edge] = []


class Cells(NamedTuple):
    """One component's cells: what its type and its own property values make of it."""

    miss: float  # share of requests passed on (1 - hit_ratio for caches)
    replicas: int  # instances (`archdraw.analysis.instances`): what capacity counts,
    # and the machines that fail one at a time (a store's data role counts the same)
    zones: int  # zones those instances span
    instance_basis: str  # "stated" | "default" | "zones" | "shards" | "managed"
    failover: str
    stateful: bool
    capacity: float | None
    latency: float | None
    buffer: bool
    on_device: bool
    fallback: bool
    runs_replicas: bool
    spans_zones: bool  # `global: true`: a managed service that spans zones and regions
    # Run by the provider with `failover` not stated: the provider promotes a copy itself
    # (RDS Multi-AZ, Aurora, Cloud SQL HA), nodes sized by `replicas` or not.
    provider_failover: bool
    in_process: bool  # `in_process: true`: runs inside its caller, no failure of its own
    peak: float  # `peak_factor`: a source's burst over its stated `rps`
    rps: float  # the stated `rps` (0 where unknown, never a library default)
    burst: float  # what it sends at its burst: `rps` times `peak_factor`
    source: bool  # where traffic starts (`archdraw.analysis.kinds.is_traffic_source`)
    rate_known: bool  # False only for a source without a stated `rps`
    standby_entry: bool  # its `failover` moves traffic to standbys behind `calls: 0` links
    lookup: bool  # a DNS: what it answers is cached
    telemetry: bool  # where metrics and logs go (`archdraw.analysis.kinds.TELEMETRY_TYPES`)
    # Can fail for everyone at once: not a source, not on users' devices, not a library
    # running inside its caller (`in_process`: it fails with the caller).
    fails_for_all: bool
    # What a stateful component's data role counts besides its instances and failover:
    caching: bool  # a cache (`CACHING_TYPES`): its role is "cache"
    shards: int  # partitions of its data
    copies: int  # of each partition (`archdraw.analysis.instances.partition_copies`)
    reconciles: bool  # a `conflict_resolution` other than none: a copy that takes writes


class Columns(NamedTuple):
    """The per-component columns, one list each, by component index: the fields read off
    the model, each component's `Cells` (shared by those that state the same values), then
    one column for each of the cells."""

    ids: list[str]
    types: list[str]
    zone: list[str | None]  # as stated (the graph's `zone_of` drops what is not a zone)
    cells: list[Cells]
    miss: list[float]
    replicas: list[int]
    zones: list[int]
    instance_basis: list[str]
    failover: list[str]
    stateful: list[bool]
    capacity: list[float | None]
    latency: list[float | None]
    buffer: list[bool]
    on_device: list[bool]
    fallback: list[bool]
    runs_replicas: list[bool]
    spans_zones: list[bool]
    provider_failover: list[bool]
    in_process: list[bool]
    peak: list[float]
    rps: list[float]
    burst: list[float]
    source: list[bool]
    rate_known: list[bool]
    standby_entry: list[bool]
    lookup: list[bool]
    telemetry: list[bool]
    fails_for_all: list[bool]
    caching: list[bool]
    shards: list[int]
    copies: list[int]
    reconciles: list[bool]


class _TypeColumns(NamedTuple):
    """The cells a component's type decides alone."""

    caching: bool
    stateful: bool
    buffer: bool
    on_device: bool
    runs_replicas: bool
    starts_requests: bool
    lookup: bool
    telemetry: bool
    defaults: dict[str, Any]  # the type's default property values


def _type_columns(library: Library, facts: TypeFacts, type_id: str) -> _TypeColumns:
    found = library.get(type_id)
    return _TypeColumns(
        caching=type_id in CACHING_TYPES,
        stateful=found is not None and found.stateful,
        buffer=type_id in BUFFER_TYPES,
        on_device=found is not None and found.category == "client",
        runs_replicas=found is not None and "replicas" in found.properties,
        starts_requests=facts.starts_requests(type_id),
        lookup=type_id == "dns",
        telemetry=type_id in TELEMETRY_TYPES,
        defaults=facts.defaults(type_id),
    )


def _positive(value: object) -> float | None:
    found = number(value, None)
    return found if found is not None and found > 0 else None


def _non_negative(value: object) -> float | None:
    found = number(value, None)
    return found if found is not None and found >= 0 else None


def _share(value: object) -> float:
    """A `hit_ratio` within 0..1 (0 when not a number)."""
    return min(1.0, max(0.0, number(value, 0.0) or 0.0))


def _cells(kind: _TypeColumns, own: dict[str, Any]) -> Cells:
    """The cells of a component of this type that states `own` (each property reads its own
    value, else its type's default)."""
    value = (kind.defaults | own if own else kind.defaults).get
    spans = value("global") is True
    shards = count(value("shards"))
    provider = provider_runs(value("managed"), spans)
    found = instances(
        count(value("replicas")),
        count(value("zones")),
        shards,
        stated="replicas" in own,
        sharded=kind.stateful and not kind.buffer,
        managed=provider,
    )
    failover = str(value("failover") or "none")
    stated = stated_rate(own.get("rps"))  # None: not stated, an unknown rate
    rps = 0.0 if stated is None else stated
    peak = max(1.0, number(value("peak_factor"), 1.0) or 1.0)
    source = kind.starts_requests or "rps" in own
    in_process = value("in_process") is True
    return Cells(
        miss=1.0 - _share(value("hit_ratio")) if kind.caching else 1.0,
        replicas=found.total,
        zones=found.zones,
        instance_basis=found.basis,
        failover=failover,
        stateful=kind.stateful,
        capacity=_positive(value("capacity_rps")),
        latency=_non_negative(value("latency_ms")),
        buffer=kind.buffer,
        on_device=kind.on_device,
        fallback=value("fallback") is True,
        # A managed service is not ours to run: no machine of it to lose alone.
        runs_replicas=kind.runs_replicas and not found.managed,
        spans_zones=spans,
        provider_failover=provider and "failover" not in own,
        in_process=in_process,
        peak=peak,
        rps=rps,
        burst=rps * peak,
        source=source,
        rate_known=stated is not None or not source,
        standby_entry=failover in STANDBY_FAILOVERS,
        lookup=kind.lookup,
        telemetry=kind.telemetry,
        fails_for_all=not (source or kind.on_device or in_process),
        caching=kind.caching,
        shards=shards,
        copies=partition_copies(
            found,
            shards,
            value("replication"),
            value("replication_factor"),
            stated="replication" in own,
            cache=kind.caching,
        ),
        reconciles=value("conflict_resolution") not in (None, "none"),
    )


def per_component(components: list[Component], facts: TypeFacts, library: Library) -> Columns:
    """Every per-component column. Each distinct type and set of own values (typed: 1, 1.0
    and true apart) is worked out once."""
    kinds: dict[str, _TypeColumns] = {}
    known: dict[tuple[object, ...], Cells] = {}
    ids: list[str] = []
    types: list[str] = []
    zones: list[str | None] = []
    rows: list[Cells] = []

    def kind_of(type_id: str) -> _TypeColumns:
        found = kinds.get(type_id)
        if found is None:
            found = kinds[type_id] = _type_columns(library, facts, type_id)
        return found

    for component in components:
        fields = component.__dict__  # one hooked look-up instead of one per field
        type_id, own = fields["type"], fields["props"]
        ids.append(fields["id"])
        types.append(type_id)
        zones.append(fields["zone"])
        values = own.values()
        key = (type_id, *own, *values, *map(type, values))
        try:
            found = known.get(key)
        except TypeError:  # an unhashable value (a list): nothing to remember it by
            found = _cells(kind_of(type_id), own)
        if found is None:
            found = known[key] = _cells(kind_of(type_id), own)
        rows.append(found)
    # The rows turned into columns, by field name.
    columns = zip(*rows, strict=True) if rows else [()] * len(Cells._fields)
    cells = {name: list(column) for name, column in zip(Cells._fields, columns, strict=True)}
    return Columns(ids=ids, types=types, zone=zones, cells=rows, **cells)


def node_columns(
    components: list[Component],
    per: Columns,
    roles: DataRoles,
    edges: list[list[Edge]],
) -> dict[str, Any]:
    """The graph's fields read from component property values (the rest follow the links)."""
    return {
        "components": components,
        "rps": per.rps,
        "rate_known": per.rate_known,
        "miss": per.miss,
        "replicas": per.replicas,
        "zones_spanned": per.zones,
        "instance_counts": per.replicas,
        "instance_basis": per.instance_basis,
        "failover": per.failover,
        "standby_out": _standby_out(per.standby_entry, edges),
        "stateful": per.stateful,
        "capacity_rps": per.capacity,
        "latency_ms": per.latency,
        "stated_zone": per.zone,
        "buffer": per.buffer,
        "on_device": per.on_device,
        "fallback": per.fallback,
        "runs_replicas": per.runs_replicas,
        "spans_zones": per.spans_zones,
        "provider_failover": per.provider_failover,
        "in_process": per.in_process,
        "peak": per.peak,
        "burst": per.burst,
        "fails_for_all": per.fails_for_all,
        "roles": roles,
    }


def _standby_out(entries: list[bool], edges: list[list[Edge]]) -> list[list[Edge]]:
    """Each failover entry's `calls: 0` links to its standbys (`standby_entry`); the other
    components, most of them, share the empty row."""
    found = [NO_EDGES] * len(entries)
    for entry in compress(range(len(entries)), entries):
        found[entry] = [edge for edge in edges[entry] if edge.calls == 0]
    return found
