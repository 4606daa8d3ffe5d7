"""What a component is to the traffic model, by type: shared by the graph, the data roles
and lint (one list each, never a copy in another package)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence, Sized
from itertools import compress
from typing import Any

from archdraw.library import Library
from archdraw.model import Component

# Components whose `hit_ratio` answers requests without passing them on.
CACHING_TYPES = frozenset({"cache", "cdn", "device_cache"})
# Buffers: a request is done once one of these accepts the message, whatever the link
# kind; the consumers behind them work later (their failure delays, not fails).
BUFFER_TYPES = frozenset({"queue", "stream"})
# Where telemetry goes: metrics, logs and traces are sampled and batched on the way, so a link
# into one carries no request rate of its own (a link that states `calls` still does).
TELEMETRY_TYPES = frozenset({"monitoring"})
# Where releases come from: a link out of one is a deploy (it ships a release to its target),
# not a request its target serves, so it carries none unless it states `calls`.
DEPLOY_TYPES = frozenset({"ci_cd"})
# Holders of data outside storage whose links out fire on a change to it, never on a read: a
# source repository's push webhooks (a push starts CI/CD; a clone or a fetch starts nothing).
CHANGE_EVENT_TYPES = frozenset({"source_repository"})
# Entries whose `failover` moves traffic to a standby drawn behind a `calls: 0` link.
STANDBY_FAILOVERS = frozenset({"dns", "active-standby"})
_NUMBERS = (int, float)  # a tuple: `int | float` would build a union object per call


def provider_runs(managed: object, global_: object) -> bool:
    """A component the provider runs as one service (SQS, API Gateway, DynamoDB, S3, a hosted
    model): `managed` (its own value, else its type's default, true for object storage and
    hosted models) when it is a boolean, else `global: true` (a managed service spanning zones
    and regions on its own; its type's default for DNS and CDNs). `managed: false` is one you
    run yourself, whatever `global` says. Its `availability` and `capacity_rps` are then the
    service's, and `zones` how far the provider spreads it, not machines, unless the design
    states `replicas` (nodes it sizes: `archdraw.analysis.instances`). The one rule that
    reads `managed`."""
    if managed is True or managed is False:
        return managed
    return global_ is True


def category(library: Library, component: Component) -> str | None:
    return category_of_type(library, component.type)


def holds_data(library: Library, component: Component) -> bool:
    """A store: its type keeps data worth copying (takes `replication` or `backups`), and it
    is neither a cache nor a buffer (a queue's messages pass through)."""
    return _holds_data(library, component.type)


def _holds_data(library: Library, type_id: str) -> bool:
    found = library.get(type_id)
    if found is None or type_id in CACHING_TYPES or type_id in BUFFER_TYPES:
        return False
    return bool({"replication", "backups"} & set(found.properties))


def _streams_changes(library: Library, type_id: str) -> bool:
    """A store whose links out carry its changes, not the requests it serves: change data
    capture, a transactional outbox's relay, an object store's event notifications, a
    trigger, a source repository's push webhook. That is a store that `holds_data` and is
    storage (a database, object store, search index, warehouse, file system), a vector
    database or a source repository (`CHANGE_EVENT_TYPES`); an identity provider or a
    secrets store holds data too, but serves requests and calls out for them (a sign-up's
    verification SMS)."""
    found = library.get(type_id)
    return (
        found is not None
        and (found.category in ("storage", "ai") or type_id in CHANGE_EVENT_TYPES)
        and _holds_data(library, type_id)
    )


def is_traffic_source(library: Library, component: Component) -> bool:
    """Where requests start: a client (not a device cache, which only answers its own
    client) or any component that states an `rps` (a scheduler, a crawler)."""
    return _starts_requests(library, component.type) or "rps" in component.props


def _starts_requests(library: Library, type_id: str) -> bool:
    """A client type other than a device cache: its components are traffic sources."""
    return category_of_type(library, type_id) == "client" and type_id != "device_cache"


def category_of_type(library: Library, type_id: str) -> str | None:
    found = library.get(type_id)
    return None if found is None else found.category


def stated_rps(component: Component) -> float | None:
    """The rate the design states for a source (None: unknown, never a library default)."""
    return stated_rate(component.props.get("rps"))


def stated_rate(value: object) -> float | None:
    """`stated_rps` of a component whose own `rps` reads this value (None: not stated)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        return None
    return max(0.0, float(value)) if value != float("inf") else None


class TypeFacts:
    """A component's property values (its own, else its type's default) and its type's
    category and statefulness, from dicts built once per analysis: a design of thousands of
    components asks tens of thousands of times."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self._defaults: dict[str, dict[str, Any]] = {}
        self._stateful: dict[str, bool] = {}
        self._holds_data: dict[str, bool] = {}
        self._starts_requests: dict[str, bool] = {}
        self._link_defaults = {
            name: spec.default
            for name, spec in library.link_properties.items()
            if spec.default is not None
        }

    def defaults(self, type_id: str) -> dict[str, Any]:
        found = self._defaults.get(type_id)
        if found is None:
            component_type = self.library.get(type_id)
            found = {}
            if component_type is not None:
                found = {
                    name: spec.default
                    for name, spec in component_type.properties.items()
                    if spec.default is not None
                }
            self._defaults[type_id] = found
        return found

    def values(self, component: Component) -> dict[str, Any]:
        """Every property value of a component: its own, else its type's default."""
        props = component.props
        defaults = self.defaults(component.type)
        return defaults | props if props else defaults

    def stateful(self, type_id: str) -> bool:
        found = self._stateful.get(type_id)
        if found is None:
            component_type = self.library.get(type_id)
            found = self._stateful[type_id] = component_type is not None and component_type.stateful
        return found

    def holds_data(self, type_id: str) -> bool:
        """`holds_data` of a component of this type, answered once per type."""
        found = self._holds_data.get(type_id)
        if found is None:
            found = self._holds_data[type_id] = _holds_data(self.library, type_id)
        return found

    def change_streams(
        self, types: Sequence[str], stateful: Sequence[bool], rows: Sequence[Sized]
    ) -> list[bool]:
        """Per component of these types, statefulness and links out (`rows`): a store whose
        links out carry its writes (`_streams_changes`, answered once per type) and that has
        some. Only stateful components with links out are looked at (a store is stateful)."""
        flags = [False] * len(types)
        streams: dict[str, bool] = {}
        for node in compress(range(len(types)), stateful):
            if len(rows[node]) > 0:
                type_id = types[node]
                found = streams.get(type_id)
                if found is None:
                    found = streams[type_id] = _streams_changes(self.library, type_id)
                flags[node] = found
        return flags

    def is_traffic_source(self, component: Component) -> bool:
        """`is_traffic_source`, with the type's part answered once per type."""
        return self.starts_requests(component.type) or "rps" in component.props

    def starts_requests(self, type_id: str) -> bool:
        """Whether a component of this type is a traffic source whatever it states."""
        starts = self._starts_requests.get(type_id)
        if starts is None:
            starts = self._starts_requests[type_id] = _starts_requests(self.library, type_id)
        return starts

    def value(self, component: Component, name: str) -> Any:
        props = component.props
        return props[name] if name in props else self.defaults(component.type).get(name)

    def link_value(self, props: Mapping[str, Any], name: str) -> Any:
        return props[name] if name in props else self._link_defaults.get(name)

    def link_default(self, name: str) -> Any:
        """The library's default for a link property (None: it has none)."""
        return self._link_defaults.get(name)

    def is_stateful(self, component: Component) -> bool:
        return self.stateful(component.type)


def sends_requests(calls: object) -> bool:
    """Whether a link whose `calls` reads this value sends requests (not a number: it does)."""
    if isinstance(calls, bool) or not isinstance(calls, _NUMBERS):
        return True
    return float(calls) > 0


def number(value: object, default: float | None) -> float | None:
    """A property value as a finite number, else `default` (booleans are not numbers)."""
    if value is None or value is True or value is False or not isinstance(value, _NUMBERS):
        return default
    result = float(value)
    return result if math.isfinite(result) else default


def count(value: object) -> int:
    """A property value as a count of at least one."""
    result = number(value, 1.0)
    return max(1, int(result or 1))
