"""What a `LintSession` keeps of the design it linted last (a snapshot), and how it tells
what changed since: the elements' fields the rules read, their props (copied), the
zones and settings, and the objects themselves; and how it hands back a finding it gave
before as the same object."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from itertools import compress, count
from operator import attrgetter, is_, itemgetter, ne
from typing import Any, NamedTuple

from archdraw.lint.types import BY_POSITION, Finding
from archdraw.model import Component, Design, Link


class Elements(NamedTuple):
    """What the rules read of the components (or the links): their fields, a list per
    field in file order (`COMPONENT_FIELDS`, `LINK_FIELDS`), and their props (the models'
    own dicts, or copies of them in a snapshot)."""

    fields: tuple[list[Any], ...]
    props: list[dict[str, Any]]


COMPONENT_FIELDS = ("id", "type", "label", "zone", "notes")
LINK_FIELDS = ("id", "source", "target", "kind", "label")
_DICT = attrgetter("__dict__")
_PROPS = itemgetter("props")

# Per element: the fields rules read and its props; then zones and settings; then the
# element objects themselves (views over the same objects can be reused).
Snapshot = tuple[Elements, Elements, Any, list[object]]


def _elements(models: list[Component] | list[Link], names: tuple[str, ...]) -> Elements:
    """The elements as they are now: their props are the models' own dicts, not copies."""
    # A list per field, read from the models' field dicts at C speed (thousands of
    # elements per edit): lists of the same values compare by identity first.
    fields = list(map(_DICT, models))
    columns = tuple(list(map(itemgetter(name), fields)) for name in names)
    return Elements(columns, list(map(_PROPS, fields)))


def current(design: Design) -> Snapshot:
    """The design as it is now (props not copied: see `copied`)."""
    components = _elements(design.components, COMPONENT_FIELDS)
    links = _elements(design.links, LINK_FIELDS)
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


def as_before(design: Design, previous: Snapshot) -> Snapshot:
    """The design as it is now, knowing that only property values changed since
    `previous` was taken of it: the rest is taken from `previous`."""
    components = Elements(previous[0].fields, [c.props for c in design.components])
    links = Elements(previous[1].fields, [k.props for k in design.links])
    return components, links, previous[2], previous[3]


def copied(now: Elements, before: Elements | None, edited: list[int]) -> Elements:
    """A copy of `now` to compare the next version with: the copy `before` (of the same
    elements, equal but at `edited`) with the props at `edited` copied again, or, without
    it, every props copied."""
    if before is None:
        return Elements(now.fields, [dict(props) for props in now.props])
    props = list(before.props)
    for place in edited:
        props[place] = dict(now.props[place])
    return Elements(now.fields, props)


def same_objects(old: list[object], new: list[object]) -> bool:
    return old is new or (len(old) == len(new) and all(map(is_, old, new)))


def patched(old: list[object], new: list[object]) -> Design:
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


def changed_names(
    old: Elements, new: Elements, where: list[int], places: Iterable[int] | None = None
) -> set[str] | None:
    """Names of properties whose values changed, or None for any other change (the indices
    of the elements whose values changed are added to `where`). `places`: the only
    elements that may differ, in order (None: any may)."""
    if places is None:
        if old.fields != new.fields:
            return None
        places = compress(count(), map(ne, old.props, new.props))  # the props that differ
    names: set[str] = set()
    for place in places:
        before, after = old.props[place], new.props[place]
        if before == after:
            continue
        if before.keys() != after.keys():
            return None
        names.update(k for k, v in after.items() if before[k] != v)
        where.append(place)
    return names


def as_found_before(found: list[Finding], before: list[Finding]) -> list[Finding]:
    """`found`, with each finding equal to one in `before` (what the same rules found last
    time) replaced by that one: an unchanged finding stays the same object."""
    if not before:
        return found
    # A rule finds in the order it walks the design, so most findings stand where they
    # stood: each is compared with the one at its place first.
    same = list(map(_same_or_new, found, before))
    if len(found) > len(before):
        same.extend(found[len(before) :])
    missed = [place for place, finding in enumerate(same) if finding is found[place]]
    if not missed:
        return same
    kept = {id(finding) for finding in same}
    earlier: dict[tuple[Any, ...], list[Finding]] = {}
    for finding in before:
        if id(finding) not in kept:
            earlier.setdefault(_identity(finding), []).append(finding)
    for place in missed:
        finding = found[place]
        candidates = earlier.get(_identity(finding))
        match = next((i for i, old in enumerate(candidates or ()) if old == finding), None)
        if candidates is not None and match is not None:
            same[place] = candidates.pop(match)
    return same


def _same_or_new(new: Finding, old: Finding) -> Finding:
    """`old` when it equals `new`, else `new`."""
    return old if old == new else new


def _identity(finding: Finding) -> tuple[Any, ...]:
    """What tells most findings apart (`==` decides): their place, code and message."""
    return finding.order, finding.component, finding.link, finding.zone, finding.message


def merged(
    old: list[Finding], fresh: list[Finding], replaced: list[Finding], ran: set[str]
) -> list[Finding]:
    """`old` (a session's last answer, sorted) with the findings of the rules that ran
    (`fresh`; `replaced`: theirs last time) swapped in. A finding found again is the same
    object, so only those that came or went move: each is found by its sort key, and the
    others are copied between them in slices. A key equal to another's (the same rule and element)
    leaves the order to a full sort, as a full run does."""
    if len({f.order for f in fresh}) < len(fresh):  # equal keys: their order is the rules'
        return _sorted(old, fresh, ran)
    now = {id(f) for f in fresh}
    before = {id(f) for f in replaced}
    drop: set[int] = set()
    for finding in replaced:
        if id(finding) not in now:
            place = bisect_left(old, finding.order, key=BY_POSITION)
            while old[place] is not finding:  # among equal keys (a rule's, an element's)
                place += 1
            drop.add(place)
    added: dict[int, list[Finding]] = {}
    last = None
    for finding in sorted((f for f in fresh if id(f) not in before), key=BY_POSITION):
        order = finding.order
        place = bisect_left(old, order, key=BY_POSITION)
        end = place
        while end < len(old) and old[end].order == order:
            if end not in drop:
                return _sorted(old, fresh, ran)
            end += 1
        if order == last:
            return _sorted(old, fresh, ran)
        added.setdefault(place, []).append(finding)
        last = order
    if not drop and not added:
        return list(old)
    findings: list[Finding] = []
    start = 0
    for place in sorted(drop | added.keys()):
        findings += old[start:place]
        findings += added.get(place, ())
        start = place + 1 if place in drop else place
    findings += old[start:]
    return findings


def _sorted(old: list[Finding], fresh: list[Finding], ran: set[str]) -> list[Finding]:
    """`_merged` by sorting: the kept findings are in order already and the fresh ones
    are sorted apart, so sorting the two together merges two sorted runs. Equal sort
    keys come from one rule only (the code is part of the key): the order is the one a
    full sort gives."""
    findings = [f for f in old if f.code not in ran]
    fresh = sorted(fresh, key=BY_POSITION)
    findings += fresh
    findings.sort(key=BY_POSITION)
    return findings
