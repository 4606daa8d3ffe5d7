"""`LintSession` re-judges a rule that judges elements one at a time (`ctx.each`) only at
the elements whose inputs changed, and answers as a full lint."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from tests.lint.test_session import _row, generate_design

from archdraw.analysis.writes import StoreWork
from archdraw.io import dumps, loads
from archdraw.library import Library
from archdraw.lint import lint_design
from archdraw.lint.context import LintContext
from archdraw.lint.element_reads import ElementWork
from archdraw.lint.session import LintSession
from archdraw.lint.snapshot import merged
from archdraw.lint.stale import attributed
from archdraw.lint.types import BY_POSITION, Issue, Severity, rule
from archdraw.lint.value_edits import value_edits
from archdraw.model import Document
from archdraw.model.edits import SetLinkProperties, SetProperties

# What the traffic rules (AD209, AD106, AD101) read: the edits that move rates, work,
# instance counts and roles.
_TRAFFIC = (
    "rps",
    "capacity_rps",
    "replicas",
    "shards",
    "zones",
    "hit_ratio",
    "peak_factor",
    "timeout_ms",
)


def _rows(findings: list[Any]) -> list[tuple[Any, ...]]:
    return [_row(f) for f in findings]


def test_an_edit_rejudges_only_the_edited_component(library: Library) -> None:
    """An edit of a load balancer's `capacity_rps` judges that balancer again in AD209
    (which judges components one at a time); the findings about the others come back as
    the same objects, without being judged again."""
    document = Document(generate_design(400, 2))
    session = LintSession(library)
    before = session.lint(document.design)
    reads = session._reads["AD209"]
    assert reads.each and "capacity_rps" in reads.own_names
    valued = LintContext(document.design, library).valued("capacity_rps")
    assert reads.judged == {c.id for c in valued}  # what it loops over
    balancer = next(
        c
        for c in document.design.components
        if c.type == "load_balancer" and "capacity_rps" in c.props
    )
    others = [f for f in before if f.code == "AD209" and f.component != balancer.id]
    assert others
    document.apply(SetProperties(balancer.id, {"capacity_rps": 1.0}))
    after = session.lint(document.design)
    assert _rows(after) == _rows(lint_design(document.design, library))
    assert session.judged_again["AD209"] == {balancer.id}
    assert any(f.code == "AD209" and f.component == balancer.id for f in after)
    now = {id(f) for f in after}
    assert all(id(f) in now for f in others)


@pytest.mark.parametrize(("seed", "hinted"), [(31, False), (32, True), (33, False)])
def test_random_traffic_edits_answer_as_a_full_lint(
    library: Library, seed: int, hinted: bool
) -> None:
    """Sequences of edits of the properties the traffic rules read (rates, capacities,
    instance counts, shards, cache hits, link calls), one or several elements at a time,
    each followed by a comparison with a full lint."""
    rng = random.Random(seed)
    loaded = loads(dumps(generate_design(300, seed)), "generated.archdraw.yaml", library)
    document, locations = Document(loaded.design), loaded.locations
    session = LintSession(library)
    session.lint(document.design, locations)
    partial = 0
    for step in range(30):
        edits = []
        for _ in range(rng.choice((1, 1, 2, 3))):
            edit = _traffic_edit(document, rng)
            if edit is not None:
                document.apply(edit)
                edits.append(edit)
        hint = value_edits(edits) if hinted else None
        got = session.lint(document.design, locations, edited=hint)
        expected = lint_design(document.design, library, locations)
        assert _rows(got) == _rows(expected), (step, edits)
        partial += bool(session.judged_again)
    assert partial > 5  # the element-by-element path ran


def _traffic_edit(document: Document, rng: random.Random) -> Any:
    design = document.design
    if rng.random() < 0.2:
        link = rng.choice(design.links)
        if link.kind == "replication":
            return None
        return SetLinkProperties(link.key, {"calls": rng.choice([0.5, 1, 2, 3])})
    name = rng.choice(_TRAFFIC)
    stating = [c for c in design.components if name in c.props]
    if not stating:
        return None
    component = rng.choice(stating)
    value = component.props[name]
    if name == "hit_ratio":
        return SetProperties(component.id, {name: rng.choice([0.0, 0.5, 0.9, 0.99])})
    if isinstance(value, int):
        return SetProperties(component.id, {name: rng.choice([1, 2, 3, value + 1, value * 4])})
    return SetProperties(component.id, {name: rng.choice([0.5, value * 3 + 1, value / 4])})


@rule(
    code="AD209",
    name="saturation",
    severity=Severity.ERROR,
    title="A test rule",
    why="Judges each component, but reports after the loop.",
    fix="None.",
)
def _after_the_loop(ctx: LintContext) -> Iterator[Issue]:
    found = [
        component_id
        for component_id in ctx.each(ctx.components)
        if ctx.number(ctx.components[component_id], "capacity_rps") is not None
    ]
    for component_id in found:
        yield Issue("a capacity", component=component_id)


def test_a_finding_yielded_outside_each_makes_the_rule_whole(library: Library) -> None:
    """A rule that yields a finding outside the body of `each` (what it collected there)
    cannot be judged element by element: the session runs it whole after an edit it read."""
    document = Document(generate_design(120, 5))
    session = LintSession(library)
    session.rules = (_after_the_loop,)
    session._checks = {"AD209": replace(_after_the_loop, check=attributed(_after_the_loop.check))}
    first = session.lint(document.design)
    assert first and not session._reads["AD209"].each
    assert "capacity_rps" in session._reads["AD209"].components  # read of every component
    component = next(c for c in document.design.components if "capacity_rps" in c.props)
    document.apply(SetProperties(component.id, {"capacity_rps": 7.0}))
    again = session.lint(document.design)
    expected = lint_design(document.design, library, rules=[_after_the_loop])
    assert session.rules_run == 1 and not session.judged_again
    assert _rows(again) == _rows(expected)


def test_a_shards_edit_keeps_the_rules_that_asked_where_a_role_stands(library: Library) -> None:
    """A store's `shards` changes its data role (shards, copies), not where it stands among
    the others (its source, standby, the store a cache fronts): rules that asked only that
    (`is_copy`, `primary_of`, `fronts`) keep their findings; AD411 (reads its shards) runs."""
    document = Document(generate_design(300, 6))
    session = LintSession(library)
    session.lint(document.design)

    def placed_by(store_id: str) -> list[str]:
        """The rules that asked where the store stands, and nothing else of its role."""
        return [
            code
            for code, reads in session._reads.items()
            if store_id in reads.role_places and store_id not in reads.roles
        ]

    sharded = (c for c in document.design.components if "shards" in c.props)
    store = next(c for c in sharded if placed_by(c.id))
    placed = placed_by(store.id)
    kept = {code: session._by_rule[code] for code in placed}
    document.apply(SetProperties(store.id, {"shards": store.props["shards"] + 3}))
    after = session.lint(document.design)
    assert _rows(after) == _rows(lint_design(document.design, library))
    assert all(session._by_rule[code] is kept[code] for code in placed)


def test_rules_read_store_work_only_through_its_look_ups() -> None:
    """In the body of `each`, a session notes which component's store work a rule asked for
    through the work's methods (`ElementWork`); a rule reading its tables would escape it."""
    rules_dir = Path(__file__).resolve().parents[2] / "src" / "archdraw" / "lint" / "rules"
    table = re.compile(
        r"(store_work|work)\.(rates|writes|stores|copies|replicated|origins|graph)\b"
    )
    offending = [
        f"{path.name}:{number}: {line.strip()}"
        for path in sorted(rules_dir.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if table.search(line.split("#")[0])
    ]
    assert not offending, "read store work through its methods:\n" + "\n".join(offending)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_findings_merged_in_place_are_in_the_order_a_full_sort_gives(
    library: Library, seed: int
) -> None:
    """The session moves only the findings that came or went (`snapshot.merged`): the
    result is the list a sort of the kept and fresh findings gives, equal keys included."""
    rng = random.Random(seed)
    old = lint_design(generate_design(150, seed), library)
    codes = sorted({f.code for f in old})
    ran = set(rng.sample(codes, 5))
    replaced = [f for f in old if f.code in ran]
    fresh = [f for f in replaced if rng.random() < 0.8]
    fresh += [replace(f, message=f.message + " again") for f in rng.sample(replaced, 5)]
    if seed == 3:  # a finding with the key of one kept: the order is the sort's
        fresh.append(replace(fresh[0], message="twin"))
    rng.shuffle(fresh)
    got = merged(old, fresh, replaced, ran)
    expected = sorted(
        [f for f in old if f.code not in ran] + sorted(fresh, key=BY_POSITION), key=BY_POSITION
    )
    assert [id(f) for f in got] == [id(f) for f in expected]


def test_element_work_answers_every_look_up_of_the_store_work() -> None:
    """`ElementWork` notes each look-up and answers through the view; a look-up it did not
    override would read tables it does not have."""
    public = {name for name in vars(StoreWork) if not name.startswith("_")}
    assert public <= set(vars(ElementWork))
