"""Which rules a `LintSession` runs again after an edit of property values, and which
elements a rule judging them one at a time (`each`) judges again."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, cast

from archdraw.lint.context import LintContext
from archdraw.lint.element_reads import KEYED_VIEWS, changed_places
from archdraw.lint.recording import (
    COMPARED_VIEWS,
    VALUE_VIEWS,
    Changed,
    Reads,
    RecordingContext,
    touches,
)
from archdraw.lint.snapshot import as_found_before
from archdraw.lint.types import Check, Finding, Issue


class Staleness:
    """What one run after an edit finds stale: the value views the last run computed
    (`before`) against this run's (`context`, computed when first asked), once each."""

    def __init__(self, before: dict[str, Any], context: RecordingContext, changed: Changed):
        self._before = before
        self._context = context
        self.changed = changed
        self._views: dict[str, bool] = {}  # by value view: whether it came out different
        self._keys: dict[str, set[str] | None] = {}  # by keyed view: the entries that did
        self._placed: set[str] | None = None  # the components whose role's place did

    def of(self, reads: Reads) -> bool | set[str]:
        """Whether a rule that read `reads` last time may find something else now: True (run
        it again), False (its findings stand), or the elements to judge again. Stale when it
        read a changed property, or a value view that reads one and came out different (a
        view equal to the last run's gives the rule what it had: `COMPARED_VIEWS`), or the
        role of a component whose role differs; its own reads of the elements it judges
        (`each`) name those to judge again."""
        changed = self.changed
        if touches(reads, changed):
            return True
        for name in reads.views:
            if touches(VALUE_VIEWS[name], changed) and self._view_changed(name):
                return True
        if reads.roles or reads.role_places:
            roles = self.keys("data_roles")
            if roles is None or not reads.roles.isdisjoint(roles):
                return True
            if not reads.role_places.isdisjoint(self._places(roles)):
                return True
        if not reads.each:
            return False
        judged: set[str] = set()
        if reads.own_names & changed.components:
            judged |= changed.component_ids
        for name in reads.own_views:
            found = self.keys(name)
            if found is None:
                return True
            judged |= found
        judged &= reads.judged
        return judged or False

    def keys(self, name: str) -> set[str] | None:
        """The elements whose entry of keyed view `name` came out different (None: not
        known, take them all)."""
        if name not in self._keys:
            found: set[str] | None = set()
            if touches(VALUE_VIEWS[name], self.changed):  # else carried over: the same
                before = self._before.get(name)
                after = getattr(self._context, name)
                found = None if before is None else KEYED_VIEWS[name](before, after)
            self._keys[name] = found
        return self._keys[name]

    def _places(self, roles: set[str]) -> set[str]:
        """Of the components whose role differs, those whose role's place differs."""
        if self._placed is None:
            before, after = self._before.get("data_roles"), self._context.data_roles
            self._placed = roles if before is None else changed_places(before, after, roles)
        return self._placed

    def _view_changed(self, name: str) -> bool:
        if name not in self._views:
            before = self._before.get(name)
            self._views[name] = (
                name not in COMPARED_VIEWS
                or before is None
                or getattr(self._context, name) != before
            )
        return self._views[name]


def may_rerun(reads: Reads, changed: Changed) -> bool:
    """Whether a rule that read `reads` may run again (in whole or in part): whether a view
    it read comes out the same is not known before it is computed."""
    asked = reads.roles or reads.role_places
    views = reads.views | reads.own_views | ({"data_roles"} if asked else set())
    return (
        touches(reads, changed)
        or bool(reads.own_names & changed.components)
        or any(touches(VALUE_VIEWS[name], changed) for name in views)
    )


def attributed(check: Check) -> Check:
    """`check`, telling the context of each finding it yields (`RecordingContext.issued`)."""

    def run(ctx: LintContext) -> Iterator[Issue]:
        issued = cast(RecordingContext, ctx).issued
        for issue in check(ctx):
            issued(issue)
            yield issue

    return run


def rejudged(
    kept: list[Finding], owners: list[str], found: list[Finding], now: list[str], judged: set[str]
) -> tuple[list[Finding], list[str]] | None:
    """A rule's findings after judging the elements `judged` again (`found`, yielded in the
    bodies for `now`) where it last found `kept` (in the bodies for `owners`): the other
    elements' findings stand. None when two findings share a sort key: their order is the
    one the rule yields them in, which only a whole run tells."""
    stays = [(f, o) for f, o in zip(kept, owners, strict=True) if o not in judged]
    again = as_found_before(found, [f for f, o in zip(kept, owners, strict=True) if o in judged])
    findings = [f for f, _ in stays] + again
    if len({f.order for f in findings}) < len(findings):
        return None
    return findings, [o for _, o in stays] + now


def merged_reads(before: Reads, now: Reads) -> Reads:
    """What a rule judged in part read: what it read last time, and in this run."""
    return Reads(
        before.components | now.components,
        before.links | now.links,
        before.views | now.views,
        before.component_names | now.component_names,
        before.component_ids | now.component_ids,
        before.link_names | now.link_names,
        before.link_keys | now.link_keys,
        before.roles | now.roles,
        before.own_names | now.own_names,
        before.own_views | now.own_views,
        True,
        before.judged,  # the same elements: what they are depends on the rule's own reads
        before.role_places | now.role_places,
    )
