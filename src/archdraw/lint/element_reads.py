"""What a rule that judges elements one at a time (`ctx.each`) read of each, and which
elements' inputs an edit changed, so that a `LintSession` re-judges only those.

Inside the body of `each` for element e, a read of e's own properties, or of e's entry of
a keyed value view (its arrival rate, its store work, its data role), is an *own* read:
the names read and the views so read are kept for the rule as a whole (their union over
the elements). Any other read (another element's property, a whole view, a link) is the
rule's, as outside `each`. After an edit that leaves the rule's own reads alone, only the
edited elements (when a name it read of its elements changed) and those whose entry of a
keyed view came out different are judged again; the rest stand. A finding yielded in the
body of e is e's (whatever it is about); one yielded outside every body makes the rule
whole again after every edit it read.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from itertools import compress, count
from operator import ne
from typing import TYPE_CHECKING, Any

from archdraw.analysis.roles import DataRole, DataRoles
from archdraw.analysis.writes import StoreWork

if TYPE_CHECKING:
    from archdraw.lint.recording import RecordingContext


def _differ(before: list[Any], after: list[Any]) -> set[int]:
    """The places where two lists of values differ; numbers bit by bit, so that the sign
    of a zero counts (-0.0 is written with its sign)."""
    if before is after:
        return set()
    try:
        bits = array("d", before).tobytes(), array("d", after).tobytes()
    except TypeError:  # not numbers
        return set(compress(count(), map(ne, before, after)))
    if bits[0] == bits[1]:
        return set()
    return set(compress(count(), map(ne, array("Q", bits[0]), array("Q", bits[1]))))


def changed_rates(before: dict[str, float], after: dict[str, float]) -> set[str] | None:
    """The components whose arrival rate differs (None: other components)."""
    if before.keys() != after.keys():
        return None
    ids = list(after)
    return {ids[place] for place in _differ(list(before.values()), list(after.values()))}


def changed_roles(before: DataRoles, after: DataRoles) -> set[str] | None:
    """The components whose data role differs between two versions of the roles, or None
    when the standbys or the replication targets differ (what every look-up may read)."""
    if before is after:
        return set()
    if before.standbys != after.standbys or before._targets != after._targets:
        return None
    earlier = before.roles
    # A refresh keeps the role objects it did not rebuild: most differ by identity only.
    found = {i for i, role in after.roles.items() if earlier.get(i) is not role}
    found = {i for i in found if earlier.get(i) != after.roles[i]}
    found.update(i for i in earlier if i not in after.roles)
    return found


def changed_work(before: StoreWork, after: StoreWork) -> set[str] | None:
    """The components whose store work may answer differently (None: other components).
    A look-up by id reads its component's entries of the work's per-component lists and
    tables (rates, writes, copies, ...: compared entry by entry, whatever they are), and
    of the graph its instances and its data role (shards)."""
    ids = after.graph.ids
    if before.graph.ids != ids:
        return None
    nodes = _differ(before.graph.replicas, after.graph.replicas)
    earlier = vars(before)
    for name, value in vars(after).items():
        old = earlier.get(name)
        if name == "graph":
            continue
        if isinstance(value, list) and isinstance(old, list) and len(value) == len(ids):
            if len(old) != len(value):
                return None
            nodes |= _differ(old, value)
        elif isinstance(value, dict) and isinstance(old, dict):  # by node
            nodes.update(n for n in old.keys() | value.keys() if old.get(n) != value.get(n))
        elif value != old:
            return None
    roles = changed_roles(before.graph.roles, after.graph.roles)
    if roles is None:
        return None
    return roles.union(ids[node] for node in nodes)


def changed_places(before: DataRoles, after: DataRoles, changed: set[str]) -> set[str]:
    """Of the components whose role changed (`changed`), those whose role's place among
    the others changed: whether it has one, its replication source, standby, the store it
    fronts (what `is_copy`, `primary_of` and `fronts` read)."""
    return {i for i in changed if _place(before.roles.get(i)) != _place(after.roles.get(i))}


def _place(role: DataRole | None) -> tuple[object, ...] | None:
    return None if role is None else (role.source, role.standby, role.fronts)


# The keyed value views, with how to tell the elements whose entry differs.
KEYED_VIEWS: dict[str, Callable[[Any, Any], set[str] | None]] = {
    "arrival_rps": changed_rates,
    "store_work": changed_work,
    "data_roles": changed_roles,
}


class ElementWork(StoreWork):
    """The store work as a body of `each` sees it: a look-up of its own element by id is an
    own read of that element's work; any other look-up reads the whole view. It answers
    through the view's methods only (its tables are not there to read; a test checks the
    rules use none)."""

    def __init__(self, work: StoreWork, context: RecordingContext) -> None:
        # No tables of its own: a rule reading one fails instead of escaping the notes.
        self.view = work
        self._context = context

    def replicates(self, component_id: str) -> bool:
        self._context.note_keyed("store_work", component_id)
        return self.view.replicates(component_id)

    def whose(self, component_id: str) -> str:
        self._context.note_keyed("store_work", component_id)
        return self.view.whose(component_id)

    def work_of(self, component_id: str, serving: float | None = None) -> float:
        self._context.note_keyed("store_work", component_id)
        return self.view.work_of(component_id, serving)

    def needed_of(self, component_id: str, capacity: float, target: float) -> int | None:
        self._context.note_keyed("store_work", component_id)
        return self.view.needed_of(component_id, capacity, target)

    def machines_of(
        self, component_id: str, capacity: float, arrival: float | None = None
    ) -> int | None:
        self._context.note_keyed("store_work", component_id)
        return self.view.machines_of(component_id, capacity, arrival)

    def work_at_of(self, component_id: str, arrival: float) -> float:
        self._context.note_keyed("store_work", component_id)
        return self.view.work_at_of(component_id, arrival)

    # By node: the whole view (a body reads its own element by id).
    def applies(self, node: int) -> float:
        self._context.note_keyed("store_work", None)
        return self.view.applies(node)

    def work(self, node: int, growth: float = 1.0, serving: float | None = None) -> float:
        self._context.note_keyed("store_work", None)
        return self.view.work(node, growth, serving)

    def work_at(self, node: int, rate: float, serving: float | None = None) -> float:
        self._context.note_keyed("store_work", None)
        return self.view.work_at(node, rate, serving)

    def machines_needed(
        self, node: int, capacity: float, target: float = 1.0, growth: float = 1.0
    ) -> int | None:
        self._context.note_keyed("store_work", None)
        return self.view.machines_needed(node, capacity, target, growth)

    def machines_at(
        self, node: int, arrival: float, capacity: float, target: float = 1.0, growth: float = 1.0
    ) -> int | None:
        self._context.note_keyed("store_work", None)
        return self.view.machines_at(node, arrival, capacity, target, growth)

    def replicas_needed(
        self, node: int, capacity: float, target: float, growth: float = 1.0
    ) -> int | None:
        self._context.note_keyed("store_work", None)
        return self.view.replicas_needed(node, capacity, target, growth)


class NotedRoles(DataRoles):
    """The data roles as the rules ask for them, noting each component asked about in the
    asking context (`roles_read`). Only the look-ups below are noted: a rule reads roles
    through them (a test checks it reads no role table itself)."""

    def __init__(self, roles: DataRoles, context: RecordingContext) -> None:
        super().__init__(roles.roles, roles.standbys, roles._targets)
        self._context = context

    def of(self, component_id: str) -> DataRole | None:
        self._context.note_role(component_id)
        return self.roles.get(component_id)

    def is_copy(self, component_id: str) -> bool:
        self._context.note_role(component_id, place=True)
        role = self.roles.get(component_id)
        return role is not None and role.is_copy

    def is_standby(self, component_id: str) -> bool:
        self._context.note_role(component_id, place=True)
        return component_id in self.standbys

    def is_copy_or_standby(self, component_id: str) -> bool:
        self._context.note_role(component_id, place=True)
        return super().is_copy_or_standby(component_id)

    def primary_of(self, component_id: str) -> str:
        chain = self._replication_chain(component_id)
        for step in chain:  # each role on the way was read
            self._context.note_role(step, place=True)
        return chain[-1]

    def copies_of(self, component_id: str) -> list[str]:
        self._context.note_role(component_id, place=True)
        return super().copies_of(component_id)
