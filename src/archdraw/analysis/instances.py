"""How many instances a component runs, and what that count rests on: the one answer failure
analysis, capacity, saturation, growth, cost and lint all read.

What the file means (README, "Analysis: the model"):

- `replicas` stated: that many instances, whatever `zones` says. A stated count is never
  overridden by an inference; n instances cover at most n zones, so `replicas: 2` with
  `zones: 3` runs 2 instances over 2 zones (AD111 reports the contradiction).
- `replicas` not stated: the type's library default, or `zones` when that is more:
  spreading over three zones takes at least one instance in each (derived, "one per zone").
- A service the provider runs (`archdraw.analysis.kinds.provider_runs`: `managed: true`,
  the default of object storage and hosted model endpoints, or else `global: true`) with
  `replicas` not stated is one service, whatever `zones` says: its `availability` and
  `capacity_rps` are the service's, it spans all its `zones` (a store keeps a copy in each
  unless it states `replication: none`), and there is no one machine of it to lose (basis
  "managed"). A stated `replicas` wins: nodes the design sizes, each a machine that can fail.
- A store's shards run on machines of their own (`archdraw.analysis.roles`): a stateful
  component other than a queue or stream runs at least one machine per shard (derived).
  A queue's or stream's partitions share its brokers.
- Copies of each partition (`copies_of`): a store's machines over its shards (at least one;
  two when partitions outnumber machines and `replication` copies each elsewhere); a
  stream's `replication_factor` brokers each (Kafka's replication factor), at most the
  brokers it has and however many partitions, or one when `replication` is none. A store
  the provider runs as one service (`partition_copies`): one copy in each zone it spans,
  unless the design states `replication: none` (a managed cache: only with `replication`).

API (no Qt):

    found = instances(replicas, zones, shards, stated=True, sharded=False, managed=False)
    found.total      # machines that can fail one at a time; capacity is total x capacity_rps
    found.basis      # "stated" | "default" | "zones" | "shards" | "managed"
    found.replicas   # the count before the shard rule (stated, default or one per zone)
    found.zones      # availability zones the instances span (at most one per instance)
    found.describe() # "3 instances, one per zone (`replicas` not stated)"
    count = instance_counter()  # `instances`, each distinct set of values worked out once
    report_basis(found.basis)  # "stated" | "default" | "derived", as every figure's basis
    found.managed    # one service the provider runs (no machine of ours to count or lose)
    component_instances(component, TypeFacts(library), count)  # the same, off a component
    copies_of(found.total, shards, replication, replication_factor)  # copies per partition
    partition_copies(found, shards, replication, factor, stated=..., cache=...)  # managed too
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from archdraw.analysis.kinds import BUFFER_TYPES, TypeFacts, count, provider_runs
from archdraw.model import Component


class Instances(NamedTuple):
    total: int  # machines that can fail one at a time (1: a managed service as a whole)
    basis: str  # "stated" | "default" | "zones" | "shards" | "managed"
    replicas: int  # before the shard rule: stated, the library default, or one per zone
    zones: int  # zones spanned: `zones`, at most one per instance (a managed service: all)
    default: object = None  # the library's `replicas` default, when the count rests on it

    @property
    def managed(self) -> bool:
        """One service the provider runs over its zones: no machine of ours to count."""
        return self.basis == "managed"

    @property
    def derived(self) -> bool:
        """The count follows from `zones` or `shards`, not from a `replicas` value."""
        return self.basis in DERIVED

    def rests_on(self) -> str:
        """What the count rests on, for a message ("" when `replicas` is stated and used)."""
        return rests_on(self.basis, self.default)

    def describe(self) -> str:
        """ "3 instances, one per zone (`replicas` not stated)", "2 instances"."""
        noun = "instance" if self.total == 1 else "instances"
        if self.managed:
            over = f" over {self.zones} zones" if self.zones > 1 else ""
            return f"one managed service{over} ({MANAGED})"
        if self.basis in DERIVED:
            each, why = DERIVED[self.basis]
            return f"{self.total} {noun}, {each} ({why})"
        how = self.rests_on()
        return f"{self.total} {noun} ({how})" if how else f"{self.total} {noun}"


# Counts that follow from another property: how many, and why.
DERIVED = {
    "zones": ("one per zone", "`replicas` not stated"),
    "shards": ("one per shard", "a store's shards run on machines of their own"),
}


# What a managed store's count rests on.
MANAGED = "`replicas` not stated: the provider runs its machines"


def report_basis(basis: str) -> str:
    """A count's basis in the vocabulary of every figure: stated / default / derived (a
    managed service's one rests on the library's view of its type: default)."""
    if basis == "managed":
        return "default"
    return "derived" if basis in DERIVED else basis


def rests_on(basis: str, default: object = None) -> str:
    """What a count with this basis rests on ("one per zone: `replicas` not stated"; ""
    when stated)."""
    if basis in DERIVED:
        return ": ".join(DERIVED[basis])
    if basis == "managed":
        return f"one managed service: {MANAGED}"
    if basis == "default":
        if default is None:
            return "`replicas` not stated"
        return f"`replicas` not stated: assuming the library default `replicas: {default}`"
    return ""


def instances(
    replicas: object,
    zones: object,
    shards: object,
    *,
    stated: bool,
    sharded: bool,
    managed: bool = False,
) -> Instances:
    """The instances of a component whose `replicas`, `zones` and `shards` read these values
    (its own, else its type's default); `stated`: the design gives `replicas` itself;
    `sharded`: a store whose shards take machines of their own (not a queue or stream);
    `managed`: a service the provider runs (`provider_runs`), one service unless `stated`."""
    given = count(replicas)
    spread = count(zones)
    if managed and not stated:
        return Instances(1, "managed", 1, spread)
    if stated:
        found, basis = given, "stated"
    elif spread > given:
        found, basis = spread, "zones"
    else:
        found, basis = given, "default"
    machines = found
    if sharded and count(shards) > found:
        machines, basis = count(shards), "shards"
    default = replicas if basis == "default" else None
    return Instances(machines, basis, found, min(spread, machines), default)


def instance_counter() -> Callable[..., Instances]:
    """`instances`, remembering its answer for each distinct set of values: the thousands of
    components of a big design repeat a few counts. Typed: 1, 1.0 and true stay apart (a
    message quotes the value the count rests on)."""
    remembered: dict[tuple[object, ...], Instances] = {}

    def counted(
        replicas: object,
        zones: object,
        shards: object,
        *,
        stated: bool,
        sharded: bool,
        managed: bool = False,
    ) -> Instances:
        # A plain dict, not lru_cache: its key for keyword arguments costs more than the count.
        key = (
            replicas,
            zones,
            shards,
            stated,
            sharded,
            managed,
            type(replicas),
            type(zones),
            type(shards),
        )
        try:
            found = remembered.get(key)
        except TypeError:  # an unhashable value (a list): nothing to remember it by
            return instances(
                replicas, zones, shards, stated=stated, sharded=sharded, managed=managed
            )
        if found is None:
            found = remembered[key] = instances(
                replicas, zones, shards, stated=stated, sharded=sharded, managed=managed
            )
        return found

    return counted


# The properties `component_instances` reads of a component (its own value, else its type's).
INSTANCE_PROPERTIES = frozenset({"replicas", "zones", "shards", "managed", "global"})


def component_instances(
    component: Component,
    facts: TypeFacts,
    counted: Callable[..., Instances] = instances,
    value: Callable[[str], object] | None = None,
) -> Instances:
    """The instances of a component: its own `replicas`, `zones` and `shards`, else its
    type's defaults; a stateful type other than a queue or stream runs one machine per shard
    (`counted`: `instances`, or an `instance_counter()` shared by a run; `value`: the
    component's property values, when the caller has read them already)."""
    if value is None:
        value = facts.values(component).get
    return counted(
        value("replicas"),
        value("zones"),
        value("shards"),
        stated="replicas" in component.props,
        sharded=facts.stateful(component.type) and component.type not in BUFFER_TYPES,
        managed=provider_runs(value("managed"), value("global")),
    )


def partition_copies(
    found: Instances,
    shards: int,
    replication: object,
    factor: object,
    *,
    stated: bool,
    cache: bool,
) -> int:
    """`copies_of` for a counted component (`replication`: its own value, else its type's;
    `stated`: the design gives `replication` itself; `cache`: a caching type).

    A store the provider runs as one service keeps a copy in each zone it spans (SQS,
    Pub/Sub, DynamoDB, S3 Standard; a managed relational database spans two zones only
    with HA: RDS Multi-AZ, Cloud SQL HA): the library's `replication: none` is a default
    made for a store we run, so only a stated `none` is one copy (RDS Single-AZ, S3 One
    Zone). A managed cache copies only when `replication` says so (ElastiCache without
    replicas and Memorystore Basic keep one): losing its keys is misses, not lost data, but
    one written to and fronting nothing is the only copy (`archdraw.analysis.states`)."""
    if found.managed:
        if cache:
            return found.zones if replication in ("sync", "async") else 1
        return 1 if stated and replication == "none" else found.zones
    return copies_of(found.total, shards, replication, factor)


def copies_of(instances: int, shards: int, replication: object, factor: object = None) -> int:
    """Copies of each partition that `instances` machines hold over `shards` shards.

    `factor`: a stream's `replication_factor` (None for a type without one). A stream copies
    each partition to that many brokers, whatever the partition count, and cannot put two
    copies on one broker; `replication: none` keeps one. Other stores: machines over shards,
    at least one; two when partitions outnumber machines but `replication` copies each
    elsewhere."""
    replicated = replication in ("sync", "async")
    if factor is not None:
        return min(count(factor), instances) if replicated else 1
    copies = max(1, instances // max(1, shards))
    if copies == 1 and instances > 1 and replicated:
        copies = 2  # more partitions than machines, each copied to another machine
    return copies
