"""`LintSession`: lint the same document again after an edit, re-running only the rules
the edit can affect.

A full run records, per rule, the names of the component and link properties it
read (through `LintContext`'s look-ups). The next run compares the design with a
snapshot of the previous one. When only property VALUES changed (the same keys,
the same elements, types, labels, zones, links and settings), a rule that read
none of the changed names followed the same path over the same values, so its
findings stand; the others run again. Anything else (an element added, removed,
renamed or re-typed, a link re-wired, a property key added or removed, zones,
`lint:` settings, other locations) falls back to a full run. Moving components or
editing the design document changes nothing the rules read: the previous findings
are returned as they are.
"""

from __future__ import annotations

import gc
import math
import threading
import time
from itertools import compress, count
from operator import is_, itemgetter, ne
from typing import Any, NamedTuple, TypeVar

from archdraw.io import ElementLocations
from archdraw.library import Library
from archdraw.lint.config import resolve
from archdraw.lint.elements import structural_view
from archdraw.lint.engine import rule_findings, settings_findings
from archdraw.lint.recording import VALUE_VIEWS, Reads, RecordingContext
from archdraw.lint.rules import all_rules
from archdraw.lint.types import BY_POSITION, Finding
from archdraw.model import Component, Design, Link

_T = TypeVar("_T")

_STRUCTURE = "structure"  # the structural views, in `_seconds`


class _Elements(NamedTuple):
    """What the rules read of the components (or the links): each one's fields, and its
    props (the models' own dicts, or copies of them in a snapshot), in file order."""

    fields: list[tuple[Any, ...]]
    props: list[dict[str, Any]]


_COMPONENT_FIELDS = itemgetter("id", "type", "label", "zone", "notes")
_LINK_FIELDS = itemgetter("id", "source", "target", "kind", "label")

# Per element: the fields rules read and its props; then zones and settings; then the
# element objects themselves (views over the same objects can be reused).
_Snapshot = tuple[_Elements, _Elements, Any, list[object]]


def _elements(models: list[Component] | list[Link], fields: itemgetter[Any]) -> _Elements:
    """The elements as they are now: their props are the models' own dicts, not copies."""
    # Fields read from each model's field dict in one call: thousands of elements per edit.
    return _Elements([fields(m.__dict__) for m in models], [m.props for m in models])


def _current(design: Design) -> _Snapshot:
    """The design as it is now (props not copied: see `_copied`)."""
    components = _elements(design.components, _COMPONENT_FIELDS)
    links = _elements(design.links, _LINK_FIELDS)
    # Who is confirmed in the `import:` block (AD607 reads it; the editor confirms guesses).
    block = design.imported
    confirmed = tuple(e.confirmed for e in block.elements) if block is not None else None
    rest = (
        [z.model_dump() for z in design.zones],
        design.lint.model_dump(),
        confirmed,
        design.cost.model_dump(),
    )
    return components, links, rest, [design, *design.components, *design.links, *design.zones]


def _copied(now: _Elements, before: _Elements | None, edited: list[int]) -> _Elements:
    """A copy of `now` to compare the next version with: the copy `before` (of the same
    elements, equal but at `edited`) with the props at `edited` copied again, or, without
    it, every props copied."""
    if before is None:
        return _Elements(now.fields, [dict(props) for props in now.props])
    props = list(before.props)
    for place in edited:
        props[place] = dict(now.props[place])
    return _Elements(now.fields, props)


def _same_objects(old: list[object], new: list[object]) -> bool:
    return len(old) == len(new) and all(map(is_, old, new))


def _patched(old: list[object], new: list[object]) -> Design:
    """The old copy of the design with the new copy's property values (same structure)."""
    for before, after in zip(old, new, strict=True):
        if (
            isinstance(before, Component | Link)
            and isinstance(after, Component | Link)
            and before.props != after.props
        ):
            before.props = after.props
    design = old[0]
    assert isinstance(design, Design)
    return design


def _structural_views() -> frozenset[str]:
    """The cached views of `LintContext` marked `structural_view`: they depend only on the
    design's structure, so a session may carry them from one run to the next."""
    return frozenset(
        name
        for cls in RecordingContext.__mro__
        for name, value in vars(cls).items()
        if isinstance(value, structural_view)
    )


def _changed_names(
    old: _Elements, new: _Elements, where: list[int] | None = None
) -> set[str] | None:
    """Names of properties whose values changed, or None for any other change (the indices
    of the elements whose values changed are added to `where`)."""
    if old.fields != new.fields:
        return None
    names: set[str] = set()
    for place in compress(count(), map(ne, old.props, new.props)):  # the props that differ
        before, after = old.props[place], new.props[place]
        if before.keys() != after.keys():
            return None
        names.update(k for k, v in after.items() if before[k] != v)
        if where is not None:
            where.append(place)
    return names


class LintSession:
    """Lints successive versions of one design; `lint` answers as `lint_design` would."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self.rules = all_rules()
        self._snapshot: _Snapshot | None = None
        self._locations: ElementLocations | None = None
        self._findings: list[Finding] = []  # the last answer, sorted
        self._by_rule: dict[str, tuple[list[Finding], set[int]]] = {}
        self._reads: dict[str, Reads] = {}
        self.rules_run = 0  # rules run by the last call (for tests and the status bar)
        self._lock = threading.Lock()
        self._owned = False  # whether the last design linted was a private copy
        self._seconds: dict[str, float] = {}  # how long each rule (and view) took last
        self._views: dict[str, Any] = {}  # structural views of the last run's context
        self._values: dict[str, Any] = {}  # its value views (`VALUE_VIEWS`)
        self._edited: list[int] = []  # components whose values changed since the last run
        self._structural = _structural_views()

    def lint(
        self, design: Design, locations: ElementLocations | None = None, *, owned: bool = False
    ) -> list[Finding]:
        """Findings for `design` as `lint_design(design, library, locations)` gives them.

        Thread-safe (one run at a time); `design` must not change during the call.
        `owned`: the design is a private copy (the editor lints snapshots in a worker)
        that the session may keep and update in place, then lint instead of the next copy
        when that one differs only in property values."""
        found = self._locked(design, locations, owned, None)
        assert found is not None  # no budget, always an answer
        return found

    def lint_if_cheap(
        self, design: Design, budget_s: float, locations: ElementLocations | None = None
    ) -> list[Finding] | None:
        """`lint(design, locations)` when the rules it must re-run took less than
        `budget_s` seconds last time (the editor then lints on the UI thread, without a
        snapshot); otherwise None, and the session is as before the call."""
        return self._locked(design, locations, False, budget_s)

    def _locked(
        self,
        design: Design,
        locations: ElementLocations | None,
        owned: bool,
        budget_s: float | None,
    ) -> list[Finding] | None:
        with self._lock:
            collecting = gc.isenabled()
            gc.disable()  # as in lint_design: no cycles worth collecting during a run
            try:
                return self._lint(design, locations, owned, budget_s)
            except Exception:
                self._snapshot = None  # half-updated: the next run starts afresh
                raise
            finally:
                if collecting:
                    gc.enable()

    def _lint(
        self,
        design: Design,
        locations: ElementLocations | None,
        owned: bool,
        budget_s: float | None,
    ) -> list[Finding] | None:
        now = _current(design)
        previous = self._snapshot
        changed = None
        edited: list[int] = []  # the components whose values changed
        links_edited: list[int] = []
        if previous is not None and locations is self._locations and previous[2] == now[2]:
            component_names = _changed_names(previous[0], now[0], edited)
            link_names = _changed_names(previous[1], now[1], links_edited)
            if component_names is not None and link_names is not None:
                changed = component_names, link_names
        kept = previous if changed is not None else None  # the same elements: copy edits
        snapshot = self._snapshot = (
            _copied(now[0], kept[0] if kept else None, edited),
            _copied(now[1], kept[1] if kept else None, links_edited),
            now[2],
            now[3],
        )
        self._edited = edited
        patchable = owned and self._owned
        reuse = previous is not None and (patchable or _same_objects(previous[3], snapshot[3]))
        if budget_s is not None and self._cost(changed, reuse) > budget_s:
            self._snapshot = previous
            return None
        self._locations = locations
        was_owned, self._owned = self._owned, owned
        if changed is None or previous is None:
            self._views = {}
            return self._run(design, locations, None)
        if not changed[0] and not changed[1]:
            # Nothing ran: the views still stand on the elements linted last.
            self._snapshot = (snapshot[0], snapshot[1], snapshot[2], previous[3])
            self._owned = was_owned
            self.rules_run = 0
            return list(self._findings)
        if not _same_objects(previous[3], snapshot[3]):
            if not patchable:
                self._views = {}
                return self._run(design, locations, changed)
            # Another private copy of the design: bring the last copy up to date instead,
            # so that the views computed over its elements stay valid.
            design = _patched(previous[3], snapshot[3])
            self._snapshot = (snapshot[0], snapshot[1], snapshot[2], previous[3])
        return self._run(design, locations, changed)

    def _run(
        self,
        design: Design,
        locations: ElementLocations | None,
        changed: tuple[set[str], set[str]] | None,
    ) -> list[Finding]:
        settings = resolve(design.lint)
        carried = {} if changed is None else _carried(self._values, changed)
        context = RecordingContext(design, self.library, carried)
        if changed is not None:  # same structure: reuse what the last run computed
            context.__dict__.update(self._views)
            # The element views share props dicts with the design they were built from:
            # share those of the design linted now (edited values, or a patched copy).
            context.design.follow_props(design)
            context.edited, context.changed = self._edited, changed[0]
            if "data_roles" not in carried and not _touches(_LINK_ROLE_READS, changed):
                context.previous_roles = self._values.get("data_roles")
            if "traffic_graph" not in carried and not _touches(_LINK_GRAPH_READS, changed):
                context.previous_graph = self._values.get("traffic_graph")
        if not self._views or changed is None:  # timed, for `lint_if_cheap`
            started = time.perf_counter()
            for view in self._structural:
                getattr(context, view)
            self._seconds[_STRUCTURE] = time.perf_counter() - started
        if changed is None:
            self._by_rule, self._reads = {}, {}
        findings: list[Finding] = []
        fresh: list[Finding] = []  # from the rules that ran
        ran = {r.code for r in self.rules if r.category == "settings"}
        used_ignores: set[int] = set()
        self.rules_run = 0
        for rule in self.rules:
            if rule.code in settings.disabled or rule.category == "settings":
                continue
            kept = self._by_rule.get(rule.code)
            if changed is not None and kept is not None:
                reads = self._reads[rule.code]
                if not _touches(reads, changed):
                    findings.extend(kept[0])
                    used_ignores.update(kept[1])
                    continue
            context.take_reads()
            used: set[int] = set()
            started = time.perf_counter()
            found = rule_findings(rule, context, settings, locations, used)
            self._seconds[rule.code] = time.perf_counter() - started
            self._reads[rule.code] = context.take_reads()
            self._by_rule[rule.code] = (found, used)
            self.rules_run += 1
            ran.add(rule.code)
            findings.extend(found)
            fresh.extend(found)
            used_ignores.update(used)
        settings_found = settings_findings(
            self.rules, True, settings, locations, used_ignores, context
        )
        self._views = {k: v for k, v in context.__dict__.items() if k in self._structural}
        self._values = {k: v for k, v in context.__dict__.items() if k in VALUE_VIEWS}
        if changed is not None:
            self._findings = self._merged(fresh + settings_found, ran)
        else:
            findings.extend(settings_found)
            findings.sort(key=BY_POSITION)
            self._findings = findings
        return list(self._findings)

    def _cost(self, changed: tuple[set[str], set[str]] | None, reuse_views: bool) -> float:
        """Seconds the rules and views to re-run took last time (infinite: everything)."""
        if changed is None or self._snapshot is None or not self._reads:
            return math.inf
        cost = 0.0 if reuse_views else self._seconds.get(_STRUCTURE, math.inf)
        for code, reads in self._reads.items():
            if _touches(reads, changed):
                cost += self._seconds.get(code, 0.0)
        return cost

    def _merged(self, fresh: list[Finding], ran: set[str]) -> list[Finding]:
        """The last answer with the findings of the rules that ran swapped in. The kept ones
        are in order already and the fresh ones are sorted apart, so sorting the two together
        merges two sorted runs (a linear pass). Equal sort keys come from one rule only (the
        code is part of the key): the order is the one a full sort gives."""
        findings = [f for f in self._findings if f.code not in ran]
        fresh.sort(key=BY_POSITION)
        findings += fresh
        findings.sort(key=BY_POSITION)
        return findings


# A change to these link properties moves traffic between links: the graph is built anew.
_LINK_GRAPH_READS: Reads = (frozenset(), VALUE_VIEWS["traffic_graph"][1])
# A change to these link properties changes which components are standbys: roles anew.
_LINK_ROLE_READS: Reads = (frozenset(), VALUE_VIEWS["data_roles"][1])


def _carried(values: dict[str, Any], changed: tuple[set[str], set[str]]) -> dict[str, Any]:
    """The previous run's value views that read none of the changed properties."""
    return {name: v for name, v in values.items() if not _touches(VALUE_VIEWS[name], changed)}


def _touches(reads: Reads, changed: tuple[set[str], set[str]] | None) -> bool:
    return changed is None or bool(reads[0] & changed[0] or reads[1] & changed[1])
