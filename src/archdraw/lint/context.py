"""`LintContext`: the graph views every rule shares, each computed once per lint run."""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable
from functools import cached_property
from typing import Any

from archdraw.library import ComponentType, Library
from archdraw.lint.capacity import arrival_rates
from archdraw.lint.types import Fix
from archdraw.model import Component, Design, Link

# Conventions the rules share (documented in the README's rules section).
QUEUE_TYPES = frozenset({"queue", "stream"})
CACHING_TYPES = frozenset({"cache", "cdn", "device_cache"})
# Network hops that forward a request without looking at who sends it.
PASS_THROUGH_TYPES = frozenset({"load_balancer", "cdn", "dns", "rate_limiter"})
_NO_LINKS: list[Link] = []  # shared empty answers: callers only read them
_NO_COMPONENTS: list[Component] = []
_MISSING = object()
_NUMBER_TYPES = (int, float)  # a tuple: `int | float` builds a union object on every call
DEFAULT_OPTIONS: dict[str, float] = {
    "max_sync_depth": 5,
    "max_retry_amplification": 8,
    "max_sync_fan_out": 5,
    "monitoring_min_components": 5,
    "utilization_warning": 0.8,
    "long_generation_ms": 10000,
    "long_generation_tokens": 4000,
}


class LintContext:
    """A read-only view of one design for rules: look-ups, graph views, traffic."""

    def __init__(self, design: Design, library: Library) -> None:
        self.design = design
        self.library = library

    # -- options --------------------------------------------------------------
    def option(self, name: str) -> float:
        value = self.design.lint.options.get(name, DEFAULT_OPTIONS[name])
        if isinstance(value, bool) or not isinstance(value, int | float):
            return DEFAULT_OPTIONS[name]
        return float(value)

    # -- elements -------------------------------------------------------------
    # Rules ask for properties, types and categories tens of thousands of times
    # on a large design: answer from dicts built once per run.
    @cached_property
    def components(self) -> dict[str, Component]:
        return self.design.component_index()

    @cached_property
    def _type_facts(self) -> dict[str, tuple[str, bool, frozenset[str], dict[str, Any]]]:
        facts = {}
        for type_id, found in self.library.types.items():
            defaults = {k: s.default for k, s in found.properties.items() if s.default is not None}
            facts[type_id] = (found.category, found.stateful, frozenset(found.properties), defaults)
        return facts

    @cached_property
    def _type_defaults(self) -> dict[str, dict[str, Any]]:
        return {type_id: facts[3] for type_id, facts in self._type_facts.items()}

    @cached_property
    def _store_types(self) -> frozenset[str]:
        """Types `is_store` accepts: whether a component is a store depends on its type only."""
        return frozenset(
            type_id
            for type_id, (category, stateful, _, _) in self._type_facts.items()
            if stateful and (category == "storage" or type_id == "vector_db")
        )

    @cached_property
    def _link_defaults(self) -> dict[str, Any]:
        specs = self.library.link_properties.items()
        return {k: s.default for k, s in specs if s.default is not None}

    @cached_property
    def by_type(self) -> dict[str, list[Component]]:
        index: dict[str, list[Component]] = {}
        for component in self.design.components:
            index.setdefault(component.type, []).append(component)
        return index

    def type_of(self, component: Component) -> ComponentType | None:
        return self.library.get(component.type)

    def category(self, component: Component) -> str:
        facts = self._type_facts.get(component.type)
        return facts[0] if facts is not None else "unknown"

    @cached_property
    def _client_ids(self) -> frozenset[str]:
        return frozenset(c.id for c in self.design.components if self.category(c) == "client")

    def is_stateful(self, component: Component) -> bool:
        facts = self._type_facts.get(component.type)
        return facts is not None and facts[1]

    def has_prop(self, component: Component, name: str) -> bool:
        facts = self._type_facts.get(component.type)
        return facts is not None and name in facts[2]

    # Property look-ups read the component's own value, then its type's default, without
    # building merged dicts: allocating one per element makes the garbage collector walk
    # the whole design during a run.
    def prop(self, component: Component, name: str) -> Any:
        """The component's value for `name`, or its type's default (None if neither)."""
        value = component.props.get(name, _MISSING)
        if value is _MISSING:
            defaults = self._type_defaults.get(component.type)
            return defaults.get(name) if defaults is not None else None
        return value

    def link_prop(self, link: Link, name: str) -> Any:
        value = link.props.get(name, _MISSING)
        return self._link_defaults.get(name) if value is _MISSING else value

    def replicas(self, component: Component) -> int:
        value = self.prop(component, "replicas")
        return int(value) if isinstance(value, int | float) and not isinstance(value, bool) else 1

    def failover(self, component: Component) -> str:
        return str(self.prop(component, "failover") or "none")

    def flag(self, component: Component, name: str) -> bool:
        return self.prop(component, name) is True

    # `number` and `link_number` run about 80,000 times per run at 5,000 components:
    # the look-ups are inlined rather than going through `prop` and `link_prop`.
    def number(self, component: Component, name: str) -> float | None:
        value = component.props.get(name, _MISSING)
        if value is _MISSING:
            defaults = self._type_defaults.get(component.type)
            if defaults is None:
                return None
            value = defaults.get(name)
        if value is None or value is True or value is False:
            return None
        return float(value) if isinstance(value, _NUMBER_TYPES) else None

    def link_number(self, link: Link, name: str) -> float | None:
        value = link.props.get(name, _MISSING)
        if value is _MISSING:
            value = self._link_defaults.get(name)
        if value is None or value is True or value is False:
            return None
        return float(value) if isinstance(value, _NUMBER_TYPES) else None

    def is_client(self, component: Component) -> bool:
        if component.id in self._client_ids:
            return True
        return component.id not in self.components and self.category(component) == "client"

    def is_store(self, component: Component) -> bool:
        """A data store: a stateful storage component or a vector database."""
        return component.type in self._store_types

    def fix(self, component: Component, label: str, **props: Any) -> Fix | None:
        """A property fix, keeping only properties the type accepts, clamped to their range."""
        found = self.library.types.get(component.type)
        if found is None:
            return None
        accepted: dict[str, Any] = {}
        for name, value in props.items():
            spec = found.properties.get(name)
            if spec is None:
                continue
            problem = spec.check(value)
            if problem is not None and isinstance(value, _NUMBER_TYPES):
                if spec.maximum is not None and value > spec.maximum:
                    value = type(value)(spec.maximum)
                if spec.minimum is not None and value < spec.minimum:
                    value = type(value)(spec.minimum)
                problem = spec.check(value)
            if problem is None and value != self.prop(component, name):
                accepted[name] = value
        return Fix(label, component.id, None, accepted) if accepted else None

    @staticmethod
    def link_fix(link: Link, label: str, **props: Any) -> Fix:
        return Fix(label, None, link.key, props)

    # -- links ----------------------------------------------------------------
    @cached_property
    def _link_index(self) -> tuple[dict[str, list[Link]], ...]:
        """One pass over the links: out and in by component, for all, sync and flow links."""
        index: tuple[defaultdict[str, list[Link]], ...] = tuple(defaultdict(list) for _ in range(6))
        out_all, in_all, out_sync, in_sync, out_flow, in_flow = index
        for link in self.design.links:
            source, target, kind = link.source, link.target, link.kind
            out_all[source].append(link)
            in_all[target].append(link)
            if kind == "replication":
                continue
            out_flow[source].append(link)
            in_flow[target].append(link)
            if kind == "sync":
                out_sync[source].append(link)
                in_sync[target].append(link)
        # Plain dicts again: a look-up of a missing key must not insert it.
        return tuple(dict(part) for part in index)

    @cached_property
    def out_links(self) -> dict[str, list[Link]]:
        """Every link by its source (all kinds)."""
        return self._link_index[0]

    @cached_property
    def in_links(self) -> dict[str, list[Link]]:
        """Every link by its target (all kinds)."""
        return self._link_index[1]

    @cached_property
    def _sync_out(self) -> dict[str, list[Link]]:
        return self._link_index[2]

    @cached_property
    def _sync_in(self) -> dict[str, list[Link]]:
        return self._link_index[3]

    @cached_property
    def _flow_out(self) -> dict[str, list[Link]]:
        return self._link_index[4]

    @cached_property
    def _flow_in(self) -> dict[str, list[Link]]:
        return self._link_index[5]

    @property
    def sync_callers(self) -> dict[str, list[Link]]:
        """Sync links grouped by caller id (callers with at least one, in order of first call)."""
        return self._sync_out

    def sync_out(self, component_id: str) -> list[Link]:
        return self._sync_out.get(component_id, _NO_LINKS)

    def sync_in(self, component_id: str) -> list[Link]:
        return self._sync_in.get(component_id, _NO_LINKS)

    def flow_out(self, component_id: str) -> list[Link]:
        """Links that carry requests or messages (not replication)."""
        return self._flow_out.get(component_id, _NO_LINKS)

    def flow_in(self, component_id: str) -> list[Link]:
        return self._flow_in.get(component_id, _NO_LINKS)

    def target(self, link: Link) -> Component | None:
        return self.components.get(link.target)

    def source(self, link: Link) -> Component | None:
        return self.components.get(link.source)

    def of_type(self, *type_ids: str) -> list[Component]:
        """Components of these types, in file order."""
        if len(type_ids) == 1:
            return self.by_type.get(type_ids[0], [])
        found = [c for t in type_ids for c in self.by_type.get(t, [])]
        if len(found) < 2:
            return found
        order = self.file_order
        return sorted(found, key=lambda c: order[c.id])

    # The lists below are grouped by type, not in file order: they serve rules that yield
    # at most one issue per component, whose findings the engine sorts by position anyway.
    # Grouping reuses `by_type` instead of scanning every component again.
    def components_of(self, ids: Iterable[str]) -> list[Component]:
        """The design's components with these ids (unknown ids skipped), in the order given."""
        components = self.components
        return [components[i] for i in ids if i in components]

    def of_types(self, type_ids: Iterable[str]) -> list[Component]:
        """Components of these types, grouped by type in the order given."""
        by_type = self.by_type
        return [c for t in type_ids for c in by_type.get(t, _NO_COMPONENTS)]

    @cached_property
    def file_order(self) -> dict[str, int]:
        """Each component id's position in the file (to sort a few components, not all)."""
        return {cid: i for i, cid in enumerate(self.components)}

    @cached_property
    def stateful(self) -> list[Component]:
        """Stateful components, grouped by type."""
        return self.of_types(t for t, facts in self._type_facts.items() if facts[1])

    @cached_property
    def client_side(self) -> list[Component]:
        """Components `is_client` accepts (clients and device caches), grouped by type."""
        return self.of_types(t for t, facts in self._type_facts.items() if facts[0] == "client")

    @cached_property
    def stores(self) -> list[Component]:
        """Components `is_store` accepts, grouped by type."""
        return self.of_types(t for t in self._type_facts if t in self._store_types)

    def with_prop(self, name: str) -> list[Component]:
        """Components whose type accepts property `name`, grouped by type."""
        found = self._with_prop.get(name)
        if found is None:
            types = (t for t, facts in self._type_facts.items() if name in facts[2])
            found = self._with_prop[name] = self.of_types(types)
        return found

    @cached_property
    def _with_prop(self) -> dict[str, list[Component]]:
        return {}

    # -- request graph ----------------------------------------------------------
    @cached_property
    def clients(self) -> list[Component]:
        """Where requests start: client-category components other than device caches."""
        clients = self._client_ids
        return [c for c in self.design.components if c.id in clients and c.type != "device_cache"]

    @cached_property
    def request_path(self) -> list[Component]:
        """Non-client components reachable from a client over sync links, in file order."""
        reached = self.reachable((c.id for c in self.clients), sync_only=True)
        clients = self._client_ids
        return [c for c in self.design.components if c.id in reached and c.id not in clients]

    @cached_property
    def request_path_ids(self) -> frozenset[str]:
        return frozenset(c.id for c in self.request_path)

    def reachable(self, starts: Iterable[str], sync_only: bool) -> set[str]:
        seen = set(starts)
        todo = deque(seen)
        index = self._sync_out if sync_only else self._flow_out
        components = self.components
        while todo:
            for link in index.get(todo.popleft(), _NO_LINKS):
                target = link.target
                if target not in seen and target in components:
                    seen.add(target)
                    todo.append(target)
        return seen

    @cached_property
    def entry_links(self) -> list[Link]:
        """Links from a client or an external party into the rest of the system."""
        found = []
        clients = self._client_ids
        category = {cid: self.category(c) for cid, c in self.components.items()}
        for link in self.design.links:
            source, target = category.get(link.source), category.get(link.target)
            if source is None or target is None or link.kind == "replication":
                continue
            outside = link.source in clients or source == "external"
            if outside and link.target not in clients and target != "external":
                found.append(link)
        return found

    @cached_property
    def client_entry_points(self) -> list[Component]:
        """Non-client components that a client (or its device cache) links to directly."""
        ids = {k.target for k in self.entry_links if self.is_client(self.components[k.source])}
        return [c for c in self.design.components if c.id in ids]

    # -- zones ------------------------------------------------------------------
    @cached_property
    def zone_parent(self) -> dict[str, str | None]:
        return {z.id: z.parent for z in self.design.zones}

    def zone_chain(self, zone_id: str | None) -> list[str]:
        """The zone and its ancestors, innermost first (stops on a cycle)."""
        if zone_id is None:
            return []
        cached = self._zone_chains.get(zone_id)
        if cached is None:
            cached = self._zone_chains[zone_id] = self._walk_zone_chain(zone_id)
        return cached

    @cached_property
    def _zone_chains(self) -> dict[str, list[str]]:
        return {}

    def _walk_zone_chain(self, zone_id: str | None) -> list[str]:
        chain: list[str] = []
        while zone_id is not None and zone_id in self.zone_parent and zone_id not in chain:
            chain.append(zone_id)
            zone_id = self.zone_parent[zone_id]
        return chain

    @cached_property
    def region_of(self) -> dict[str, str | None]:
        """Each component's innermost enclosing zone of kind region (None if none)."""
        kinds = {z.id: z.kind for z in self.design.zones}
        by_zone: dict[str | None, str | None] = {None: None}
        found: dict[str, str | None] = {}
        for component in self.design.components:
            zone = component.zone
            if zone not in by_zone:
                chain = self.zone_chain(zone)
                by_zone[zone] = next((z for z in chain if kinds[z] == "region"), None)
            found[component.id] = by_zone[zone]
        return found

    @cached_property
    def availability_zones(self) -> list[str]:
        return [z.id for z in self.design.zones if z.kind == "zone"]

    @cached_property
    def regions(self) -> list[str]:
        return [z.id for z in self.design.zones if z.kind == "region"]

    # -- messaging --------------------------------------------------------------
    def producers(self, queue: Component) -> list[Component]:
        found = (self.source(k) for k in self.flow_in(queue.id))
        return [c for c in found if c is not None]

    def consumers(self, queue: Component) -> list[Component]:
        """Who reads a queue: links point the way messages flow, queue -> consumer."""
        found = (self.target(k) for k in self.flow_out(queue.id))
        return [c for c in found if c is not None]

    # -- traffic ----------------------------------------------------------------
    @cached_property
    def arrival_rps(self) -> dict[str, float]:
        """Peak arrival rate per component (the queueing contract of `archdraw analyze`)."""
        return arrival_rates(self)

    def capacity(self, component: Component) -> float | None:
        """Requests per second all replicas together serve, or None when unknown."""
        per_replica = self.number(component, "capacity_rps")
        return None if per_replica is None else per_replica * self.replicas(component)

    def utilization(self, component: Component) -> float | None:
        capacity = self.capacity(component)
        arrival = self.arrival_rps.get(component.id, 0.0)
        if capacity is None or capacity <= 0 or arrival <= 0:
            return None
        return arrival / capacity
