"""`RecordingContext`: a `LintContext` that notes which property names a rule reads, so a
`LintSession` re-runs a rule only when one of them changed (see `archdraw.lint.session`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, NamedTuple, TypeVar

from archdraw.analysis.graph import (
    GRAPH_LINK_PROPERTIES,
    GRAPH_PROPERTIES,
    TrafficGraph,
    build_graph,
)
from archdraw.analysis.refresh import refresh_graph
from archdraw.analysis.roles import (
    ROLE_LINK_PROPERTIES,
    ROLE_PROPERTIES,
    DataRoles,
    data_roles,
    refresh_roles,
)
from archdraw.analysis.traffic import TRAFFIC_LINK_PROPERTIES, TRAFFIC_PROPERTIES, rates_by_id
from archdraw.analysis.writes import WORK_LINK_PROPERTIES, WORK_PROPERTIES, StoreWork
from archdraw.cost import CostEstimate
from archdraw.library import Library
from archdraw.lint.context import LintContext
from archdraw.lint.design_view import ComponentView, LinkView
from archdraw.lint.element_reads import ElementWork, NotedRoles
from archdraw.lint.routes import ROUTE_PROPERTIES, Routes
from archdraw.lint.types import Issue
from archdraw.model import Design

_T = TypeVar("_T")


class Reads(NamedTuple):
    """What a rule (or a value view) read: the component and link property names it read of
    every element (a view does, and so does a memo the rules share), the value views it
    asked for (what those read is theirs, in `VALUE_VIEWS`), and the names it read of
    some elements only, with those elements (component ids, link keys)."""

    components: frozenset[str]
    links: frozenset[str]
    views: frozenset[str] = frozenset()
    component_names: frozenset[str] = frozenset()  # read of the components in `component_ids`
    component_ids: frozenset[str] = frozenset()
    link_names: frozenset[str] = frozenset()  # read of the links in `link_keys`
    link_keys: frozenset[str] = frozenset()
    roles: frozenset[str] = frozenset()  # the components whose data roles it asked for
    # Read by a rule judging elements one at a time (`each`), in the body for an element:
    # the names read of that element, and the keyed views read at it (`element_reads`).
    own_names: frozenset[str] = frozenset()
    own_views: frozenset[str] = frozenset()
    each: bool = False  # it judged elements one at a time, each finding about its own
    judged: frozenset[str] = frozenset()  # those elements
    # The components whose role's place among the others it asked for only (`is_copy`,
    # `primary_of`, `fronts`: its replication source, standby, the store it fronts).
    role_places: frozenset[str] = frozenset()


class Changed(NamedTuple):
    """What changed since the last run, when only property values did: the names of the
    component and link properties whose values changed, and the elements they changed on
    (component ids, link keys)."""

    components: set[str]
    links: set[str]
    component_ids: set[str]
    link_keys: set[str]


def touches(reads: Reads, changed: Changed | None) -> bool:
    """Whether `reads` names a changed property (its views aside): one read of every
    element, or one read of an element whose value of it changed (any of them, when several
    changed)."""
    if changed is None:
        return True
    return bool(
        reads.components & changed.components
        or reads.links & changed.links
        or (
            reads.component_names & changed.components
            and not reads.component_ids.isdisjoint(changed.component_ids)
        )
        or (reads.link_names & changed.links and not reads.link_keys.isdisjoint(changed.link_keys))
    )


def link_key(link_id: str | None, source: str, target: str) -> str:
    """A link's key (`Link.key`) from its snapshot fields."""
    return link_id if link_id is not None else f"{source}->{target}"


# The cached views that read property values, with the component and link properties each
# reads: a session keeps one from the previous run while none of them changed.
VALUE_VIEWS: dict[str, Reads] = {
    "data_roles": Reads(ROLE_PROPERTIES, ROLE_LINK_PROPERTIES),
    "traffic_graph": Reads(GRAPH_PROPERTIES, GRAPH_LINK_PROPERTIES),
    "arrival_rps": Reads(TRAFFIC_PROPERTIES, TRAFFIC_LINK_PROPERTIES),
    "store_work": Reads(WORK_PROPERTIES, WORK_LINK_PROPERTIES),
}
# The value views a session compares with the last run's, to spare their readers a re-run
# when they come out equal: plain values, cheap to compare. The traffic graph holds the
# design's component models (compared field by field when they are copies) and changes with
# nearly every property it reads: its readers re-run whenever one of those changed.
COMPARED_VIEWS = frozenset({"data_roles", "arrival_rps"})


class RecordingContext(LintContext):
    """A `LintContext` that notes which property names are read, and which value views
    (`VALUE_VIEWS`: the data roles, the traffic graph, the rates): a rule that reads one
    depends on every property that view reads; the view itself may come from the previous
    run (`carried`)."""

    def __init__(self, design: Design, library: Library, carried: dict[str, Any]) -> None:
        super().__init__(design, library)
        # What the rule running read (`Reads`): of every element, then of some, and which.
        self.all_component_reads: set[str] = set()
        self.all_link_reads: set[str] = set()
        self.view_reads: set[str] = set()
        self.component_reads: set[str] = set()
        self.components_read: set[str] = set()
        self.link_reads: set[str] = set()
        self.links_read: set[str] = set()
        self.roles_read: set[str] = set()
        self.places_read: set[str] = set()
        self._placing = 0  # inside `fronts`: the role's place is asked for, not all of it
        self.__dict__.update(carried)
        # The previous run's roles and graph, to refresh when property values changed.
        self.previous_roles: DataRoles | None = None
        self.previous_graph: TrafficGraph | None = None
        self.edited: list[int] = []  # the components whose values changed since then
        self.changed: set[str] = set()  # the names of the component properties changed
        self._computing = 0  # inside a value view: its reads are the view's, not the rule's
        self._noted: dict[str, Any] = {}  # value views whose reads are noted since `take_reads`
        self._asked_roles: NotedRoles | None = None  # the roles as `roles()` hands them out
        # Judging elements one at a time (`each`): the element judged now, the only ones to
        # judge (None: all), what the bodies read of their own element, and whether every
        # finding so far came from the body of the element it is about.
        self.judging: set[str] | None = None
        self._element: str | None = None
        self.own_names: set[str] = set()
        self.own_views: set[str] = set()
        self._each = False
        self._attributed = True
        self._judged: set[str] = set()
        self.issued_by: list[str] = []  # the element whose body yielded each finding
        self._element_work: ElementWork | None = None

    def _value_view(self, name: str, compute: Callable[[], _T]) -> _T:
        noted: _T | None = self._noted.get(name)
        if noted is not None:  # its reads are noted for the rule running: handed out as is
            return noted
        if name not in self.__dict__:
            self._computing += 1
            try:
                self.__dict__[name] = compute()
            finally:
                self._computing -= 1
        found: _T = self.__dict__[name]
        if not self._computing:
            self.view_reads.add(name)
            self._noted[name] = found
        return found

    @property
    def data_roles(self) -> DataRoles:
        return self._value_view("data_roles", self._roles)

    def roles(self) -> DataRoles:
        # The rules ask for the roles of some components (`of`, `is_copy`, ...): those are
        # noted, not the whole view, so an edit that changes other roles keeps their findings.
        if self._asked_roles is None:
            self._computing += 1
            try:
                self._asked_roles = NotedRoles(self.data_roles, self)
            finally:
                self._computing -= 1
        return self._asked_roles

    @property
    def traffic_graph(self) -> TrafficGraph:
        return self._value_view("traffic_graph", self._graph)

    @property
    def arrival_rps(self) -> dict[str, float]:
        return self._value_view("arrival_rps", self._rates)

    @property
    def store_work(self) -> StoreWork:
        if self._element is None:
            return self._value_view("store_work", lambda: StoreWork(self.traffic_graph))
        # In the body of `each`: read by id, each look-up noted where it looks (`ElementWork`).
        noted = self._element_work
        if noted is not None and self.__dict__.get("store_work") is noted.view:
            return noted  # the common case: asked once per element, computed long since
        self._computing += 1
        try:
            work = self._value_view("store_work", lambda: StoreWork(self.traffic_graph))
        finally:
            self._computing -= 1
        self._element_work = ElementWork(work, self)
        return self._element_work

    def arrival(self, component_id: str) -> float:
        if component_id != self._element:
            return super().arrival(component_id)
        self.own_views.add("arrival_rps")
        rates: dict[str, float] | None = self.__dict__.get("arrival_rps")
        if rates is None:
            self._computing += 1
            try:
                rates = self.arrival_rps
            finally:
                self._computing -= 1
        return rates[component_id]

    def each(self, items: Iterable[_T]) -> Iterator[_T]:
        # The element judged now, set while its body runs (until the rule asks for the next).
        self._each = True
        judging = self.judging
        for item in items:
            key = item if isinstance(item, str) else getattr(item, "id", None)
            if not isinstance(key, str) or self._element is not None:
                self._attributed = False  # not an element, or `each` inside `each`
                yield item
                continue
            if judging is not None and key not in judging:
                continue
            self._judged.add(key)
            self._element = key
            try:
                yield item
            finally:
                self._element = None

    def issued(self, issue: Issue) -> None:
        """A finding the rule running yielded: it belongs to the element judged now, and
        one yielded outside the body of `each` makes the rule's findings whole."""
        if self._element is None:
            self._attributed = False
        else:
            self.issued_by.append(self._element)

    def note_keyed(self, view: str, component_id: str | None) -> None:
        """A read of a keyed view (`element_reads.KEYED_VIEWS`) at one element (None: the
        whole view, computed by now)."""
        if component_id is not None and component_id == self._element:
            self.own_views.add(view)
        elif not self._computing:
            self.view_reads.add(view)

    def _roles(self) -> DataRoles:
        if self.previous_roles is not None:
            found = refresh_roles(
                self.previous_roles, self.model, self.library, self.edited, self.changed
            )
            if found is not None:
                return found
        return data_roles(self.model, self.library, table=self.link_table)

    def _graph(self) -> TrafficGraph:
        roles = self.data_roles
        if self.previous_graph is not None:
            previous = self.previous_graph
            refreshed = refresh_graph(previous, self.model, self.library, roles, self.edited)
            if refreshed is not None:
                _keep_rates(previous, refreshed, self.edited)
                return refreshed
        return build_graph(self.model, self.library, roles, self.link_table)

    def _rates(self) -> dict[str, float]:
        return rates_by_id(self.traffic_graph)

    def routes(self) -> Routes:
        # Shared by the rules that ask: each depends on what the first one's walk read.
        self.all_component_reads.update(ROUTE_PROPERTIES)
        self.all_link_reads.update(ROUTE_PROPERTIES)
        return super().routes()

    def writing_links(self) -> list[LinkView]:
        # Shared by the rules that ask, as the routes are: each reads the `writes` values.
        self.all_link_reads.add("writes")
        return super().writing_links()

    def writes_into(self, component_id: str) -> list[LinkView]:
        self.all_link_reads.add("writes")
        return super().writes_into(component_id)

    def cost_estimate(self) -> CostEstimate:
        # The estimate reads nearly every property of every component and link.
        self.all_component_reads.update(
            name for spec in self.library.types.values() for name in spec.properties
        )
        self.all_link_reads.update(self.library.link_properties)
        return super().cost_estimate()

    def stated(self, component: ComponentView, name: str) -> bool:
        if component.id == self._element:
            self.own_names.add(name)
        else:
            self.component_reads.add(name)
            self.components_read.add(component.id)
        return super().stated(component, name)

    def prop(self, component: ComponentView, name: str) -> Any:
        if component.id == self._element:
            self.own_names.add(name)
        else:
            self.component_reads.add(name)
            self.components_read.add(component.id)
        return super().prop(component, name)

    def link_prop(self, link: LinkView, name: str) -> Any:
        self.link_reads.add(name)
        self.links_read.add(link.key)
        return super().link_prop(link, name)

    def note_role(self, component_id: str, place: bool = False) -> None:
        """A look-up of one component's data role (`NotedRoles`); `place`: of its place among
        the others only (`Reads.role_places`)."""
        if component_id == self._element:
            self.own_views.add("data_roles")
        elif place or self._placing:
            self.places_read.add(component_id)
        else:
            self.roles_read.add(component_id)

    def fronts(self, cache: ComponentView) -> str | None:
        self._placing += 1
        try:
            return super().fronts(cache)
        finally:
            self._placing -= 1

    def take_reads(self) -> Reads:
        each = self._each and self._attributed
        if self._each and not each:  # own reads that cannot be told apart: every element's
            self.all_component_reads |= self.own_names
            self.view_reads |= self.own_views
        reads = Reads(
            frozenset(self.all_component_reads),
            frozenset(self.all_link_reads),
            frozenset(self.view_reads),
            frozenset(self.component_reads),
            frozenset(self.components_read),
            frozenset(self.link_reads),
            frozenset(self.links_read),
            frozenset(self.roles_read),
            frozenset(self.own_names) if each else frozenset(),
            frozenset(self.own_views) if each else frozenset(),
            each,
            frozenset(self._judged) if each else frozenset(),
            frozenset(self.places_read),
        )
        self.all_component_reads, self.all_link_reads, self.view_reads = set(), set(), set()
        self.component_reads, self.components_read = set(), set()
        self.link_reads, self.links_read, self.roles_read = set(), set(), set()
        self.own_names, self.own_views, self._judged = set(), set(), set()
        self.places_read, self.issued_by = set(), []
        self._each, self._attributed, self._element = False, True, None
        self._noted = {}
        return reads


# The columns the arrival rates follow besides the links (`archdraw.analysis.traffic`).
_RATE_COLUMNS = ("rps", "peak", "miss")


def _keep_rates(previous: TrafficGraph, graph: TrafficGraph, edited: list[int]) -> None:
    """Give `graph` (refreshed from `previous` at the `edited` components, over the same
    links) the rates worked out on `previous` when no rate column changed there: an edit of
    `replicas` or `capacity_rps` changes what a component can serve, not what arrives."""
    if previous.base_rates is None or previous.base_sent is None:
        return
    for name in _RATE_COLUMNS:
        before, after = getattr(previous, name), getattr(graph, name)
        # By repr: 0.0 and -0.0 are equal, yet a rate keeps its sign.
        if any(repr(before[node]) != repr(after[node]) for node in edited):
            return
    graph.base_rates, graph.base_sent = previous.base_rates, previous.base_sent
