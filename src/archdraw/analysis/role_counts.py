"""What a stateful component's data role counts (`archdraw.analysis.roles`): its instances,
shards, copies of each partition and failover, which follow from its type and its own
property values alone."""

from __future__ import annotations

from typing import NamedTuple

from archdraw.analysis.instances import (
    INSTANCE_PROPERTIES,
    component_instances,
    partition_copies,
)
from archdraw.analysis.kinds import CACHING_TYPES, TypeFacts, count
from archdraw.model import Component


class Counts(NamedTuple):
    """What a stateful component's role counts, from its type and its own values alone."""

    instances: int
    shards: int
    copies: int
    failover: str
    resolution: object  # its `conflict_resolution`


# The properties `Counts` reads of a component (its own value, else its type's default).
_COUNTED = tuple(
    sorted(
        {
            *INSTANCE_PROPERTIES,
            "replication",
            "replication_factor",
            "failover",
            "conflict_resolution",
        }
    )
)
_UNSTATED = object()  # in a key: the component does not state the property


class RoleCounts:
    """The counts of each component's role, worked out once for each distinct type and set of
    own values of the properties they read: the thousands of stores of a big design repeat a
    few (typed: 1, 1.0 and true apart)."""

    def __init__(self, facts: TypeFacts) -> None:
        self.facts = facts
        self._known: dict[tuple[object, ...], Counts] = {}

    def __call__(self, component: Component) -> Counts:
        own = component.props
        values = [own.get(name, _UNSTATED) for name in _COUNTED]
        key = (component.type, *values, *map(type, values))
        try:
            found = self._known.get(key)
        except TypeError:  # an unhashable value (a list): nothing to remember it by
            return self._count(component)
        if found is None:
            found = self._known[key] = self._count(component)
        return found

    def _count(self, component: Component) -> Counts:
        value = self.facts.values(component).get
        shards = count(value("shards"))
        found = component_instances(component, self.facts, value=value)
        return Counts(
            instances=found.total,
            shards=shards,
            copies=partition_copies(
                found,
                shards,
                value("replication"),
                value("replication_factor"),
                stated="replication" in component.props,
                cache=component.type in CACHING_TYPES,
            ),
            failover=str(value("failover") or "none"),
            resolution=value("conflict_resolution"),
        )
