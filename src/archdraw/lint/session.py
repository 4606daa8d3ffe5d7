"""`LintSession`: lint the same document again after an edit, re-running only the rules
the edit can affect.

A full run records, per rule, the names of the component and link properties it
read (through `LintContext`'s look-ups) and of which elements, the components whose
data roles it asked for, and the value views it read (`Reads`). The next run compares
the design with a snapshot of the previous one. When only property VALUES changed (the
same keys, the same elements, types, labels, zones, links and settings), a rule that
read no changed value (no changed name of an edited element, or of every element, no
role that came out different, no value view that came out different) followed the same
path over the same values, so its findings stand; the others run again. Anything else
(an element added, removed, renamed or re-typed, a link re-wired, a property key added
or removed, zones, `lint:` settings, other locations) falls back to a full run. Moving
components or editing the design document changes nothing the rules read: the previous
findings are returned as they are.

A caller that knows which elements its edits touched (`ValueEdits`) says so, and only
those are compared. A finding equal to one the same rule gave last time is returned as
that same object, so whoever shows findings can tell the unchanged ones by identity.
"""

from __future__ import annotations

import gc
import math
import threading
import time
from dataclasses import replace
from typing import Any

from archdraw.io import ElementLocations
from archdraw.library import Library
from archdraw.lint.config import ResolvedSettings, ignore_names, resolve
from archdraw.lint.elements import structural_view
from archdraw.lint.engine import rule_findings, settings_findings
from archdraw.lint.recording import (
    VALUE_VIEWS,
    Changed,
    Reads,
    RecordingContext,
    link_key,
    touches,
)
from archdraw.lint.rules import all_rules
from archdraw.lint.snapshot import (
    Snapshot,
    as_before,
    as_found_before,
    changed_names,
    copied,
    current,
    merged,
    patched,
    same_objects,
)
from archdraw.lint.stale import Staleness, attributed, may_rerun, merged_reads, rejudged
from archdraw.lint.types import BY_POSITION, Finding, Rule
from archdraw.lint.value_edits import ValueEdits
from archdraw.model import Design

_STRUCTURE = "structure"  # the structural views, in `_seconds`


def _structural_views() -> frozenset[str]:
    """The cached views of `LintContext` marked `structural_view`: they depend only on the
    design's structure, so a session may carry them from one run to the next."""
    return frozenset(
        name
        for cls in RecordingContext.__mro__
        for name, value in vars(cls).items()
        if isinstance(value, structural_view)
    )


class LintSession:
    """Lints successive versions of one design; `lint` answers as `lint_design` would."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self.rules = all_rules()
        # Each rule's check, telling the context which findings it yields (`each`).
        self._checks = {r.code: replace(r, check=attributed(r.check)) for r in self.rules}
        self._snapshot: Snapshot | None = None
        self._locations: ElementLocations | None = None
        self._findings: list[Finding] = []  # the last answer, sorted
        self._by_rule: dict[str, tuple[list[Finding], set[int]]] = {}
        self._settings_found: list[Finding] = []  # the settings rules' (AD0xx) last findings
        self._reads: dict[str, Reads] = {}
        self._owners: dict[str, list[str]] = {}  # by rule judging elements: each finding's
        self.rules_run = 0  # rules run by the last call (for tests and the status bar)
        # The rules the last call ran in part (`each`), with the elements they judged again.
        self.judged_again: dict[str, frozenset[str]] = {}
        self._lock = threading.Lock()
        self._owned = False  # whether the last design linted was a private copy
        self._seconds: dict[str, float] = {}  # how long each rule (and view) took last
        self._views: dict[str, Any] = {}  # structural views of the last run's context
        self._values: dict[str, Any] = {}  # its value views (`VALUE_VIEWS`)
        self._edited: list[int] = []  # components whose values changed since the last run
        self._structural = _structural_views()
        # Where each component id and link key stands, while the structure stays the same.
        self._places: tuple[dict[str, int], dict[str, int]] | None = None

    def lint(
        self,
        design: Design,
        locations: ElementLocations | None = None,
        *,
        owned: bool = False,
        edited: ValueEdits | None = None,
    ) -> list[Finding]:
        """Findings for `design` as `lint_design(design, library, locations)` gives them.

        Thread-safe (one run at a time); `design` must not change during the call.
        `owned`: the design is a private copy (the editor lints snapshots in a worker)
        that the session may keep and update in place, then lint instead of the next copy
        when that one differs only in property values.
        `edited`: `design` is the design this session linted last, changed since only
        in the property values of these elements (`value_edits` of the edits applied);
        the other elements are then taken as they were, not compared."""
        found = self._locked(design, locations, owned, None, edited)
        assert found is not None  # no budget, always an answer
        return found

    def lint_if_cheap(
        self, design: Design, budget_s: float, locations: ElementLocations | None = None
    ) -> list[Finding] | None:
        """`lint(design, locations)` when the rules it must re-run took less than
        `budget_s` seconds last time (the editor then lints on the UI thread, without a
        snapshot); otherwise None, and the session is as before the call."""
        return self._locked(design, locations, False, budget_s, None)

    def _locked(
        self,
        design: Design,
        locations: ElementLocations | None,
        owned: bool,
        budget_s: float | None,
        edited: ValueEdits | None,
    ) -> list[Finding] | None:
        with self._lock:
            collecting = gc.isenabled()
            gc.disable()  # as in lint_design: no cycles worth collecting during a run
            try:
                return self._lint(design, locations, owned, budget_s, edited)
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
        hint: ValueEdits | None,
    ) -> list[Finding] | None:
        previous = self._snapshot
        places, now = None, None
        if hint is not None and previous is not None and previous[3][0] is design:
            places = self._where(design, hint)
            now = None if places is None else as_before(design, previous)
        if now is None:
            now = current(design)
        changed = None
        edited: list[int] = []  # the components whose values changed
        links_edited: list[int] = []
        if previous is not None and locations is self._locations and previous[2] == now[2]:
            where = (None, None) if places is None else places
            component_names = changed_names(previous[0], now[0], edited, where[0])
            link_names = changed_names(previous[1], now[1], links_edited, where[1])
            if component_names is not None and link_names is not None:
                ids, (link_ids, sources, targets) = now[0].fields[0], now[1].fields[:3]
                changed = Changed(
                    component_names,
                    link_names,
                    {ids[place] for place in edited},
                    {link_key(link_ids[p], sources[p], targets[p]) for p in links_edited},
                )
        kept = previous if changed is not None else None  # the same elements: copy edits
        snapshot = self._snapshot = (
            copied(now[0], kept[0] if kept else None, edited),
            copied(now[1], kept[1] if kept else None, links_edited),
            now[2],
            now[3],
        )
        self._edited = edited
        patchable = owned and self._owned
        same = previous is not None and same_objects(previous[3], snapshot[3])
        reuse = previous is not None and (patchable or same)
        if budget_s is not None and self._cost(changed, reuse) > budget_s:
            self._snapshot = previous
            return None
        self._locations = locations
        was_owned, self._owned = self._owned, owned
        if changed is None or previous is None:
            self._views, self._places = {}, None
            return self._run(design, locations, None)
        if not changed[0] and not changed[1]:
            # Nothing ran: the views still stand on the elements linted last.
            self._snapshot = (snapshot[0], snapshot[1], snapshot[2], previous[3])
            self._owned = was_owned
            self.rules_run = 0
            return list(self._findings)
        if not same:
            if not patchable:
                self._views = {}
                return self._run(design, locations, changed)
            # Another private copy of the design: bring the last copy up to date instead,
            # so that the views computed over its elements stay valid.
            design = patched(previous[3], snapshot[3])
            self._snapshot = (snapshot[0], snapshot[1], snapshot[2], previous[3])
        return self._run(design, locations, changed)

    def _where(self, design: Design, hint: ValueEdits) -> tuple[list[int], list[int]] | None:
        """Where the elements `hint` names stand in `design`, in order (None: one is
        missing, so the hint is not about this design)."""
        if self._places is None:
            self._places = (
                {c.id: i for i, c in enumerate(design.components)},
                {k.key: i for i, k in enumerate(design.links)},
            )
        components, links = self._places
        try:
            return sorted(components[i] for i in hint.components), sorted(
                links[k] for k in hint.links
            )
        except KeyError:
            return None

    def _run(
        self,
        design: Design,
        locations: ElementLocations | None,
        changed: Changed | None,
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
            if "data_roles" not in carried and not touches(_LINK_ROLE_READS, changed):
                context.previous_roles = self._values.get("data_roles")
            if "traffic_graph" not in carried and not touches(_LINK_GRAPH_READS, changed):
                context.previous_graph = self._values.get("traffic_graph")
        if not self._views or changed is None:  # timed, for `lint_if_cheap`
            started = time.perf_counter()
            for view in self._structural:
                getattr(context, view)
            self._seconds[_STRUCTURE] = time.perf_counter() - started
        earlier = self._by_rule  # what each rule found last time
        if changed is None:
            self._by_rule, self._reads, self._owners = {}, {}, {}
        findings: list[Finding] = []
        fresh: list[Finding] = []  # from the rules that ran
        replaced = list(self._settings_found)  # what the rules that ran found last time
        ran = {r.code for r in self.rules if r.category == "settings"}
        used_ignores: set[int] = set()
        self.rules_run, self.judged_again = 0, {}
        staleness = None if changed is None else Staleness(self._values, context, changed)
        for rule in self.rules:
            if rule.code in settings.disabled or rule.category == "settings":
                continue
            kept = self._by_rule.get(rule.code)
            stale: bool | set[str] = True
            if staleness is not None and kept is not None:
                stale = staleness.of(self._reads[rule.code])
                if stale is False:
                    findings.extend(kept[0])
                    used_ignores.update(kept[1])
                    continue
            before = earlier.get(rule.code)
            found, used = self._judge(rule, context, settings, locations, stale, before)
            if before is not None:
                replaced += before[0]
            self.rules_run += 1
            ran.add(rule.code)
            findings.extend(found)
            fresh.extend(found)
            used_ignores.update(used)
        settings_found = as_found_before(
            settings_findings(self.rules, True, settings, locations, used_ignores, context),
            self._settings_found,
        )
        self._settings_found = settings_found
        self._views = {k: v for k, v in context.__dict__.items() if k in self._structural}
        self._values = {k: v for k, v in context.__dict__.items() if k in VALUE_VIEWS}
        if changed is not None:
            self._findings = merged(self._findings, fresh + settings_found, replaced, ran)
        else:
            findings.extend(settings_found)
            findings.sort(key=BY_POSITION)
            self._findings = findings
        return list(self._findings)

    def _judge(
        self,
        rule: Rule,
        context: RecordingContext,
        settings: ResolvedSettings,
        locations: ElementLocations | None,
        stale: bool | set[str],
        kept: tuple[list[Finding], set[int]] | None,
    ) -> tuple[list[Finding], set[int]]:
        """Run `rule` again: whole, or (`stale` a set) at those elements only, when it
        judged its elements one at a time and no ignore names it (the ignores an element's
        finding matched are not told apart). `kept`: what it found and matched last time."""
        judged = None if stale is True or stale is False else stale
        if judged is not None and any(ignore_names(i, rule) for _, i, _ in settings.ignores):
            judged = None
        context.take_reads()
        used: set[int] = set()
        started = time.perf_counter()
        context.judging = judged
        try:
            found = rule_findings(self._checks[rule.code], context, settings, locations, used)
        finally:
            context.judging = None
        owners = context.issued_by  # the element whose body yielded each finding
        reads = context.take_reads()
        before = self._owners.get(rule.code)
        if judged is not None and kept is not None and before is not None and reads.each:
            again = rejudged(kept[0], before, found, owners, judged)
            if again is None:  # equal sort keys: the order is the whole rule's
                return self._judge(rule, context, settings, locations, True, kept)
            self.judged_again[rule.code] = reads.judged
            found, owners = again
            reads = merged_reads(self._reads[rule.code], reads)
        elif judged is not None:  # judged otherwise this time: judge them all
            return self._judge(rule, context, settings, locations, True, kept)
        else:
            self._seconds[rule.code] = time.perf_counter() - started
            if kept:
                found = as_found_before(found, kept[0])
        if reads.each and len(owners) == len(found):  # (an ignore may drop findings)
            self._owners[rule.code] = owners
        else:
            self._owners.pop(rule.code, None)
        self._reads[rule.code] = reads
        self._by_rule[rule.code] = (found, used)
        return found, used

    def _cost(self, changed: Changed | None, reuse_views: bool) -> float:
        """Seconds the rules and views to re-run took last time (infinite: everything)."""
        if changed is None or self._snapshot is None or not self._reads:
            return math.inf
        cost = 0.0 if reuse_views else self._seconds.get(_STRUCTURE, math.inf)
        for code, reads in self._reads.items():
            if may_rerun(reads, changed):
                cost += self._seconds.get(code, 0.0)
        return cost


# A change to these link properties moves traffic between links: the graph is built anew.
_LINK_GRAPH_READS = Reads(frozenset(), VALUE_VIEWS["traffic_graph"].links)
# A change to these link properties changes which components are standbys: roles anew.
_LINK_ROLE_READS = Reads(frozenset(), VALUE_VIEWS["data_roles"].links)


def _carried(values: dict[str, Any], changed: Changed) -> dict[str, Any]:
    """The previous run's value views that read none of the changed properties."""
    return {name: v for name, v in values.items() if not touches(VALUE_VIEWS[name], changed)}
