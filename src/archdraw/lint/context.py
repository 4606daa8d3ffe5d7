"""`LintContext`: the graph views every rule shares, each computed once per lint run."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

from archdraw.analysis.graph import TrafficGraph, build_graph
from archdraw.analysis.kinds import CACHING_TYPES
from archdraw.analysis.roles import DataRoles, data_roles
from archdraw.analysis.traffic import rates_by_id
from archdraw.analysis.writes import StoreWork
from archdraw.cost import CostEstimate, estimate, shipped_prices
from archdraw.library import Library
from archdraw.lint.config import LintRun, resolve
from archdraw.lint.design_view import ComponentView, LinkView
from archdraw.lint.elements import DEFAULT_OPTIONS, ElementViews, structural_view, value_view
from archdraw.lint.routes import Routes
from archdraw.model import Design

__all__ = ["CACHING_TYPES", "DEFAULT_OPTIONS", "PASS_THROUGH_TYPES", "QUEUE_TYPES", "LintContext"]

# Conventions the rules share (documented in the README's rules section).
QUEUE_TYPES = frozenset({"queue", "stream"})
# Network hops that forward a request without looking at who sends it (a firewall filters
# by what a request looks like, never by who sent it).
PASS_THROUGH_TYPES = frozenset({"load_balancer", "cdn", "dns", "rate_limiter", "firewall"})
_NO_LINKS: list[LinkView] = []  # shared empty answers: callers only read them
_NO_COMPONENTS: list[ComponentView] = []


class LintContext(ElementViews):
    """A read-only view of one design for rules: look-ups, graph views, traffic."""

    def __init__(self, design: Design, library: Library) -> None:
        super().__init__(design, library)
        self._routes: Routes | None = None
        self._cost: CostEstimate | None = None
        self._writing: list[LinkView] | None = None
        self._writes_into: dict[str, list[LinkView]] | None = None
        self.run: LintRun | None = None
        """Set by the engine before the settings rules (AD0xx) run, after the others."""

    def cost_estimate(self) -> CostEstimate:
        """The monthly cost at 1x (AD7xx), memoised for this run. Shipped prices and the
        design's own `cost.prices` only, so lint answers the same on every machine."""
        if self._cost is None:
            self._cost = estimate(self.design.model, self.library, shipped_prices())
        return self._cost

    def lint_run(self) -> LintRun:
        """The run the settings rules judge (without an engine: no ignore matched yet)."""
        return self.run if self.run is not None else LintRun(resolve(self.model.lint))

    def roles(self) -> DataRoles:
        """The data roles of `archdraw.analysis.roles` (copies, shards, replication targets,
        standbys, the store a cache fronts), as the analysis' traffic graph holds them."""
        return self.data_roles

    def is_copy(self, component: ComponentView) -> bool:
        """A replica, replication target or standby: rules about protecting data judge its
        primary, whose protection it inherits."""
        return self.roles().is_copy_or_standby(component.id)

    def fronts(self, cache: ComponentView) -> str | None:
        """The store a cache (or CDN) fronts, stated or inferred, or None."""
        role = self.roles().of(cache.id)
        fronted = None if role is None else self.components.get(role.fronts or "")
        # Only a store holds what a cache copies (the roles may infer a queue a caller feeds).
        return fronted.id if fronted is not None and self.is_store(fronted) else None

    def routes(self) -> Routes:
        """The route attribution AD206 and AD207 share, memoised for this run (a method: it
        reads timeouts and retries; a caller that gets the memo counts as reading them)."""
        if self._routes is None:
            self._routes = Routes(self)
        return self._routes

    # -- links ----------------------------------------------------------------
    @structural_view
    def _flow_index(self) -> tuple[dict[str, list[LinkView]], dict[str, list[LinkView]]]:
        """Flow links (all but replication) by sender and by receiver."""
        table = self.link_table
        out_flow, in_flow = dict(table.out), dict(table.into)
        # Few components have replication links: filter only their lists, share the others'.
        for link in table.replication:
            for flow, key in ((out_flow, link.source), (in_flow, link.target)):
                if key in flow:
                    kept = [k for k in flow[key] if k.kind != "replication"]
                    if kept:
                        flow[key] = kept
                    else:
                        del flow[key]
        return out_flow, in_flow

    def links_stating(self, name: str) -> list[LinkView]:
        """Links that state property `name`, in file order (read its value with `link_prop`)."""
        return self.link_table.stating.get(name, _NO_LINKS)

    def writing_links(self) -> list[LinkView]:
        """Links that change data in their target: `writes: true` is stated, or the library's
        default says so, in file order. Memoised for this run, as `routes` is (it reads
        `writes` values; a caller that gets the memo counts as reading them)."""
        if self._writing is None:
            # Only a link that states `writes` can write, unless the library's default does.
            if self._link_defaults.get("writes") is True:
                candidates: Iterable[LinkView] = self.design.links
            else:
                candidates = self.links_stating("writes")
            self._writing = [k for k in candidates if self.writes(k)]
        return self._writing

    def writes_into(self, component_id: str) -> list[LinkView]:
        """The links into a component that change data in it (those `writes` accepts), in
        file order. Memoised for this run, as `writing_links` is."""
        if self._writes_into is None:
            found: dict[str, list[LinkView]] = {}
            for link in self.writing_links():
                found.setdefault(link.target, []).append(link)
            self._writes_into = found
        return self._writes_into.get(component_id, _NO_LINKS)

    @structural_view
    def replication_links(self) -> list[LinkView]:
        """The replication links, in file order."""
        return self.link_table.replication

    @structural_view
    def out_links(self) -> dict[str, list[LinkView]]:
        """Every link by its source (all kinds)."""
        return self.link_table.out

    @structural_view
    def in_links(self) -> dict[str, list[LinkView]]:
        """Every link by its target (all kinds)."""
        return self.link_table.into

    @structural_view
    def sync_callers(self) -> dict[str, list[LinkView]]:
        """Sync links grouped by caller id (callers with at least one, in order of first call)."""
        return self.link_table.sync_out

    @structural_view
    def flow_senders(self) -> dict[str, list[LinkView]]:
        """Flow links (all but replication) grouped by sender id, in order of first link."""
        return self._flow_index[0]

    def sync_out(self, component_id: str) -> list[LinkView]:
        return self.link_table.sync_out.get(component_id, _NO_LINKS)

    def sync_in(self, component_id: str) -> list[LinkView]:
        return self.link_table.sync_in.get(component_id, _NO_LINKS)

    def flow_out(self, component_id: str) -> list[LinkView]:
        """Links that carry requests or messages (not replication)."""
        return self._flow_index[0].get(component_id, _NO_LINKS)

    def flow_in(self, component_id: str) -> list[LinkView]:
        return self._flow_index[1].get(component_id, _NO_LINKS)

    def target(self, link: LinkView) -> ComponentView | None:
        return self.components.get(link.target)

    def source(self, link: LinkView) -> ComponentView | None:
        return self.components.get(link.source)

    def neighbours(self, component_id: str) -> list[ComponentView]:
        """Components linked to this one, either way and over any kind of link."""
        found = [self.target(k) for k in self.out_links.get(component_id, _NO_LINKS)]
        found += [self.source(k) for k in self.in_links.get(component_id, _NO_LINKS)]
        return [c for c in found if c is not None]

    def of_type(self, *type_ids: str) -> list[ComponentView]:
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
    def components_of(self, ids: Iterable[str]) -> list[ComponentView]:
        """The design's components with these ids (unknown ids skipped), in the order given."""
        components = self.components
        return [components[i] for i in ids if i in components]

    def of_types(self, type_ids: Iterable[str]) -> list[ComponentView]:
        """Components of these types, grouped by type in the order given."""
        by_type = self.by_type
        return [c for t in type_ids for c in by_type.get(t, _NO_COMPONENTS)]

    @structural_view
    def file_order(self) -> dict[str, int]:
        """Each component id's position in the file (to sort a few components, not all)."""
        return {cid: i for i, cid in enumerate(self.components)}

    @structural_view
    def stateful(self) -> list[ComponentView]:
        """Stateful components, grouped by type."""
        return self.of_types(t for t, facts in self._type_facts.items() if facts.stateful)

    @structural_view
    def client_side(self) -> list[ComponentView]:
        """Components `is_client` accepts (clients and device caches), grouped by type."""
        return self.of_types(
            t for t, facts in self._type_facts.items() if facts.category == "client"
        )

    @structural_view
    def stores(self) -> list[ComponentView]:
        """Components `is_store` accepts, grouped by type."""
        return self.of_types(t for t in self._type_facts if t in self._store_types)

    def with_prop(self, name: str) -> list[ComponentView]:
        """Components whose type accepts property `name`, grouped by type."""
        found = self._with_prop.get(name)
        if found is None:
            types = (t for t, facts in self._type_facts.items() if name in facts.properties)
            found = self._with_prop[name] = self.of_types(types)
        return found

    @structural_view
    def _with_prop(self) -> dict[str, list[ComponentView]]:
        return {}

    # -- request graph ----------------------------------------------------------
    @structural_view
    def clients(self) -> list[ComponentView]:
        """Where requests start: client-category components other than device caches."""
        types = [t for t, facts in self._type_facts.items() if facts.category == "client"]
        return [c for c in self.of_type(*types) if c.type != "device_cache"]

    @structural_view
    def request_path(self) -> list[ComponentView]:
        """Non-client components reachable from a client over sync links, in file order."""
        reached = self.reachable((c.id for c in self.clients), sync_only=True)
        reached.difference_update(self._client_ids)
        return [c for cid, c in self.components.items() if cid in reached]

    @structural_view
    def request_path_ids(self) -> frozenset[str]:
        return frozenset(c.id for c in self.request_path)

    def reachable(self, starts: Iterable[str], sync_only: bool) -> set[str]:
        seen = set(starts)
        todo = deque(seen)
        index = self.link_table.sync_out if sync_only else self._flow_index[0]
        components = self.components
        while todo:
            for link in index.get(todo.popleft(), _NO_LINKS):
                target = link.target
                if target not in seen and target in components:
                    seen.add(target)
                    todo.append(target)
        return seen

    @structural_view
    def entry_links(self) -> list[LinkView]:
        """Links from a client or an external party into the rest of the system."""
        found = []
        components = self.components
        outside_types = (t for t, facts in self._type_facts.items() if facts.category == "external")
        outside = self._client_ids.union(c.id for c in self.of_types(outside_types))
        for link in self.design.links:
            if link.source not in outside or link.kind == "replication":
                continue
            target = link.target
            if target in components and target not in outside:
                found.append(link)
        return found

    @structural_view
    def client_entry_points(self) -> list[ComponentView]:
        """Non-client components that a client (or its device cache) links to directly."""
        ids = {k.target for k in self.entry_links if self.is_client(self.components[k.source])}
        return [c for cid, c in self.components.items() if cid in ids]

    # -- zones ------------------------------------------------------------------
    @structural_view
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

    @structural_view
    def _zone_chains(self) -> dict[str, list[str]]:
        return {}

    def _walk_zone_chain(self, zone_id: str | None) -> list[str]:
        chain: list[str] = []
        while zone_id is not None and zone_id in self.zone_parent and zone_id not in chain:
            chain.append(zone_id)
            zone_id = self.zone_parent[zone_id]
        return chain

    @structural_view
    def region_of(self) -> dict[str, str | None]:
        """Each component's innermost enclosing zone of kind region (None if none)."""
        kinds = {z.id: z.kind for z in self.design.zones}
        by_zone: dict[str | None, str | None] = {None: None}
        found: dict[str, str | None] = {}
        for component_id, component in self.components.items():
            zone = component.zone
            if zone not in by_zone:
                chain = self.zone_chain(zone)
                by_zone[zone] = next((z for z in chain if kinds[z] == "region"), None)
            found[component_id] = by_zone[zone]
        return found

    def zone_title(self, zone_id: str) -> str:
        """A zone's label, else its id (what messages name)."""
        return self._zone_titles.get(zone_id, zone_id)

    @structural_view
    def _zone_titles(self) -> dict[str, str]:
        """`zone_title` of each zone (the first of a repeated id, as a scan finds it)."""
        titles: dict[str, str] = {}
        for zone in self.design.zones:
            titles.setdefault(zone.id, zone.title)
        return titles

    @structural_view
    def links_between_zones(self) -> list[LinkView]:
        """Links whose ends are both known and placed in two different zones (one zone may
        hold the other), in file order."""
        zone_of = {c.id: c.zone for c in self.design.components}
        found = []
        for link in self.design.links:
            here, there = zone_of.get(link.source), zone_of.get(link.target)
            if here is not None and there is not None and here != there:
                found.append(link)
        return found

    @structural_view
    def availability_zones(self) -> list[str]:
        return [z.id for z in self.design.zones if z.kind == "zone"]

    @structural_view
    def regions(self) -> list[str]:
        return [z.id for z in self.design.zones if z.kind == "region"]

    # -- replication ------------------------------------------------------------
    def replication_mode(self, link: LinkView, source: ComponentView) -> str:
        """How a replication link copies: its own `replication`, else the source store's (the
        copy it makes is the source's; the target's setting says how the target copies onward)."""
        own = self.link_prop(link, "replication")  # through the look-ups: sessions record reads
        if isinstance(own, str):
            return own
        return str(self.prop(source, "replication") or "none")

    # -- messaging --------------------------------------------------------------
    def producers(self, queue: ComponentView) -> list[ComponentView]:
        found = (self.source(k) for k in self.flow_in(queue.id))
        return [c for c in found if c is not None]

    def consumers(self, queue: ComponentView) -> list[ComponentView]:
        """Who reads a queue: links point the way messages flow, queue -> consumer. A link to
        monitoring carries the queue's metrics (its depth, its age), not its messages."""
        found = (self.target(k) for k in self.flow_out(queue.id))
        return [c for c in found if c is not None and c.type != "monitoring"]

    # -- traffic: value views (a session carries each while none it reads changes) --
    @value_view
    def data_roles(self) -> DataRoles:
        return data_roles(self.model, self.library, table=self.link_table, columns=self.columns())

    @value_view
    def traffic_graph(self) -> TrafficGraph:
        """The analysis' view of this design (`archdraw.analysis.graph`): rates, data roles
        and failures come from there, so lint and `archdraw analyze` agree."""
        table = self.link_table
        return build_graph(self.model, self.library, self.data_roles, table, self.columns())

    @value_view
    def arrival_rps(self) -> dict[str, float]:
        """Peak arrival rate per component (the queueing contract of `archdraw analyze`)."""
        return rates_by_id(self.traffic_graph)

    def arrival(self, component_id: str) -> float:
        """One component's `arrival_rps` (what a rule judging it alone reads: `each`)."""
        return self.arrival_rps[component_id]

    @value_view
    def store_work(self) -> StoreWork:
        """The work on each component's machines: its arrival rate, plus each write applied
        again on every other copy of a replicated store (`archdraw.analysis.writes`)."""
        return StoreWork(self.traffic_graph)
