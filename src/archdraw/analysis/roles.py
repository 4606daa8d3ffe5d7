"""Data roles: what a stateful component's instances, copies, partitions and standbys are.

What the file means (README, "Analysis: the model"):

- `replicas` counts a component's instances. On a stateful component they are
  copies of the same data, not partitions: with `shards: s` the data is split
  into s partitions and each partition has replicas / s copies (at least one;
  a database's shards run on machines of their own; a stream's partitions
  share its brokers, each copied to `replication_factor` of them when
  `replication` is sync or async: `archdraw.analysis.instances.copies_of`).
- One copy of each partition is its primary (it takes the writes); the others
  serve reads. Losing a copy loses capacity, never data or requests; losing a
  primary is taken over when the component has a `failover` (stated or its
  type's default), else its partition's writes fail until someone promotes a
  copy by hand. Losing the only copy of a partition (an unreplicated shard)
  fails the requests whose keys live there (1 / shards) and loses that data.
- The target of a `replication` link is a copy of its source: read-only,
  unless it states a `conflict_resolution` other than `none` (multi-primary:
  it accepts writes and reconciles them). Rules about failover, backups and
  replication judge the primary (`primary_of`); a copy inherits its protection.
- A standby is drawn, not running: a component that receives requests only
  over `calls: 0` links from an entry with `failover: dns` or `active-standby`
  (a second region behind DNS failover), everything only it reaches, and a
  replication target of a store with a `failover` that no request reaches.
  It takes over when what it stands in for fails.
- A cache fronts one store: the one its `fronts` property names, else the
  store it calls itself (read-through), else the store its callers also call
  (cache-aside: the one most of them call, then the first by id); `fronts_basis`
  says which.

API (no Qt; lint, analysis, cost and the editor read the same answers):

    roles = data_roles(design, library)
    role = roles.of("orders_db")       # DataRole, or None for a stateless component
    role.kind                          # "primary" | "replica" | "multi-primary" | "cache"
    role.copies, role.shards           # copies per partition, partitions
    role.writable, role.takes_over     # accepts writes; a lost primary is replaced
    role.standby                       # drawn as a standby (takes over on failure)
    role.source                        # replication source of a copy (None for a primary)
    role.fronts, role.fronts_basis     # caches: the store fronted, "stated" | "inferred"
    roles.primary_of("orders_replica") # the primary whose data a copy holds (itself if none)
    roles.is_copy("orders_replica")    # True: judge its primary instead
    roles.is_copy_or_standby("standby_api")  # a copy or a standby (stateless ones too)
    roles.copies_of("orders_db")       # replication targets of a component, by id
    roles.standbys                     # ids drawn as standbys (stateless ones too)
    roles.is_standby("standby_api")

The properties read are listed in ROLE_PROPERTIES and ROLE_LINK_PROPERTIES
(an incremental lint session re-runs the rules that use roles when one changes).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from itertools import compress

from archdraw.analysis.columns import Cells, Columns, per_component
from archdraw.analysis.instances import INSTANCE_PROPERTIES
from archdraw.analysis.kinds import STANDBY_FAILOVERS, TypeFacts
from archdraw.analysis.links import LinkTable
from archdraw.analysis.role_links import RoleLinks
from archdraw.library import Library
from archdraw.model import Design

ROLE_PROPERTIES = frozenset(
    {
        *INSTANCE_PROPERTIES,  # a role's machines and copies are its instance count's
        "failover",
        "replication",
        "replication_factor",
        "conflict_resolution",
        "fronts",
    }
)
ROLE_LINK_PROPERTIES = frozenset({"calls"})
# The properties a role reads of its own component alone (`failover` and `fronts` also
# decide other components' roles: standbys, the store a cache fronts).
OWN_ROLE_PROPERTIES = frozenset(
    {*INSTANCE_PROPERTIES, "replication", "replication_factor", "conflict_resolution"}
)


@dataclass(slots=True)
class DataRole:
    """One stateful component's role (slotted: a design has thousands, built per run, and the
    rules read their fields over and over). Read-only once `data_roles` has built it."""

    id: str
    kind: str  # "primary" | "replica" | "multi-primary" | "cache"
    instances: int  # machines (`archdraw.analysis.instances`)
    shards: int
    copies: int  # of each partition
    writable: bool
    takes_over: bool  # a `failover` other than none replaces a lost primary
    failover: str
    standby: bool = False
    source: str | None = None  # replication source (replicas and multi-primaries)
    fronts: str | None = None  # caches only
    fronts_basis: str | None = None  # "stated" | "inferred"

    @property
    def is_copy(self) -> bool:
        return self.source is not None or self.standby

    @property
    def unreplicated_shards(self) -> bool:
        """Partitions with one copy each: losing one loses its keys' data and requests."""
        return self.copies == 1 and self.kind != "cache"


@dataclass
class DataRoles:
    roles: dict[str, DataRole]
    standbys: frozenset[str] = frozenset()
    _targets: dict[str, list[str]] = field(default_factory=dict)
    # What `is_copy_or_standby` accepts, found once: rules ask it of every stateful component.
    _copies_and_standbys: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # A component with a role and a replication source is a copy (`DataRole.is_copy`).
        copies = (t for found in self._targets.values() for t in found if t in self.roles)
        self._copies_and_standbys = self.standbys.union(copies)

    def of(self, component_id: str) -> DataRole | None:
        return self.roles.get(component_id)

    def is_copy(self, component_id: str) -> bool:
        role = self.roles.get(component_id)
        return role is not None and role.is_copy

    def is_standby(self, component_id: str) -> bool:
        return component_id in self.standbys

    def is_copy_or_standby(self, component_id: str) -> bool:
        """A copy (`is_copy`) or a standby, stateless ones too: what rules about protecting
        data judge by its primary or by what it stands in for."""
        return component_id in self._copies_and_standbys

    def primary_of(self, component_id: str) -> str:
        """Follow replication links back to the component that holds the original."""
        return self._replication_chain(component_id)[-1]

    def _replication_chain(self, component_id: str) -> list[str]:
        """The component, its replication source, that one's source, ... up to the
        component that holds the original (a cycle stops where it would repeat)."""
        chain = [component_id]
        while True:
            role = self.roles.get(chain[-1])
            if role is None or role.source is None or role.source in chain:
                return chain
            chain.append(role.source)

    def copies_of(self, component_id: str) -> list[str]:
        return self._targets.get(component_id, [])


def data_roles(
    design: Design,
    library: Library,
    facts: TypeFacts | None = None,
    table: LinkTable | None = None,
    columns: Columns | None = None,
) -> DataRoles:
    """The data role of every stateful component of `design` (see the module docstring);
    `table`: its link table, `columns`: its per-component columns (`per_component`), when
    already read."""
    facts = facts or TypeFacts(library)
    if columns is None:
        columns = per_component(list(design.components), facts, library)
    ids = columns.ids
    known = set(ids)
    links = RoleLinks(table or LinkTable(design), facts, known)
    targets: dict[str, list[str]] = {}
    source_of: dict[str, str] = {}
    for source, target in links.copies():
        targets.setdefault(source, []).append(target)
        source_of.setdefault(target, source)
    for found in targets.values():
        found.sort()
    standbys = _standbys(links, columns)
    fronted = _fronted(links, facts, design, columns, known)
    roles: dict[str, DataRole] = {}
    for component_id, cells in compress(zip(ids, columns.cells, strict=True), columns.stateful):
        store, basis = fronted.get(component_id, (None, None))
        roles[component_id] = _role(
            component_id,
            cells,
            source_of.get(component_id),
            component_id in standbys,
            store,
            basis,
        )
    # A copy of a store with a failover that no request reaches is a standby for it.
    for target, source in source_of.items():
        role, origin = roles.get(target), roles.get(source)
        if role is None or origin is None or not origin.takes_over:
            continue
        if target in standbys or links.callers(target):
            continue  # requests reach it: a copy that serves, not a standby
        standbys.add(target)
        roles[target] = replace(role, standby=True)
    return DataRoles(roles=roles, standbys=frozenset(standbys), _targets=targets)


def refresh_roles(
    roles: DataRoles, design: Design, library: Library, nodes: Iterable[int], names: set[str]
) -> DataRoles | None:
    """`data_roles(design, library)` when `design` differs from the design `roles` were
    found in only in the values of properties `names` of the components at `nodes`: their
    roles are found again, the others stand. None unless every name is one a role reads of
    its own component alone (`OWN_ROLE_PROPERTIES`)."""
    if not names <= OWN_ROLE_PROPERTIES:
        return None
    components = design.components
    edited = per_component([components[node] for node in nodes], TypeFacts(library), library)
    found = dict(roles.roles)
    for component_id, cells in zip(edited.ids, edited.cells, strict=True):
        old = found.get(component_id)
        if old is not None:  # stateless components have no role
            found[component_id] = _role(
                component_id, cells, old.source, old.standby, old.fronts, old.fronts_basis
            )
    return DataRoles(roles=found, standbys=roles.standbys, _targets=roles._targets)


def _role(
    component_id: str,
    cells: Cells,
    source: str | None,
    standby: bool,
    fronts: str | None,
    fronts_basis: str | None,
) -> DataRole:
    """A stateful component's role, from its cells (`archdraw.analysis.columns`)."""
    if cells.caching:
        kind = "cache"
    elif source is None:
        kind = "primary"
    elif cells.reconciles:
        kind = "multi-primary"
    else:
        kind = "replica"
    writable = kind in ("primary", "multi-primary")
    takes_over = cells.failover != "none"
    # Positional, in the order of the fields (keywords to a class go through a dict).
    return DataRole(
        component_id,
        kind,
        cells.replicas,
        cells.shards,
        cells.copies,
        writable,
        takes_over,
        cells.failover,
        standby,
        source,
        fronts,
        fronts_basis,
    )


def _standbys(links: RoleLinks, columns: Columns) -> set[str]:
    """Components reached only over `calls: 0` links out of a failover entry (and beyond)."""
    entries = links.idle_senders()
    if not entries:
        return set()
    failover = dict(zip(columns.ids, columns.failover, strict=True))
    starts = [
        target
        for entry in entries
        if failover[entry] in STANDBY_FAILOVERS
        for target in links.idle(entry)
    ]
    if not starts:
        return set()
    sources = list(compress(columns.ids, columns.source))
    return _reach(starts, links.calls) - _reach(sources, links.calls)


def _reach(starts: list[str], calls: Callable[[str], list[str]]) -> set[str]:
    seen = set(starts)
    stack = list(starts)
    while stack:
        for target in calls(stack.pop()):
            if target not in seen:
                seen.add(target)
                stack.append(target)
    return seen


def _fronted(
    links: RoleLinks, facts: TypeFacts, design: Design, columns: Columns, known: set[str]
) -> dict[str, tuple[str, str]]:
    """The store each cache fronts, and whether the design stated it (`known`: the ids of
    the design's components)."""
    ids, types = columns.ids, columns.types
    caches = [n for n in compress(range(len(ids)), columns.caching) if types[n] == "cache"]
    if not caches:
        return {}
    holding = {t for t in set(types) if facts.holds_data(t)}

    # The stores each component sends requests to, read off the links into the stores.
    stores_called = links.senders_to(compress(ids, map(holding.__contains__, types)))
    none: set[str] = set()
    result: dict[str, tuple[str, str]] = {}
    components = design.components
    for node in caches:
        cache = ids[node]
        stated = components[node].props.get("fronts")
        if isinstance(stated, str) and stated in known:
            result[cache] = (stated, "stated")
            continue
        own = stores_called.get(cache)
        if own:
            result[cache] = (min(own), "inferred")
            continue
        votes: dict[str, int] = {}
        for caller in set(links.callers(cache)):
            for target in stores_called.get(caller, none):
                if target != cache:
                    votes[target] = votes.get(target, 0) + 1
        if votes:
            store = min(votes, key=lambda t: (-votes[t], t))
            result[cache] = (store, "inferred")
    return result
