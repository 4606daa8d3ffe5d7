"""`LintSession` answers exactly as a full `lint_design` after random edits."""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from archdraw.io import dumps, loads
from archdraw.library import Library
from archdraw.lint import lint_design
from archdraw.lint.session import LintSession
from archdraw.lint.value_edits import value_edits
from archdraw.model import Design, Document, LintIgnore, LintSettings
from archdraw.model.edits import (
    Batch,
    Edit,
    MoveComponents,
    RemoveComponents,
    SetLabel,
    SetLinkProperties,
    SetLintSettings,
    SetProperties,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate_design


def _other_value(value: Any, rng: random.Random, choices: tuple[Any, ...] | None) -> Any:
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return rng.choice([1, 2, 3, 5, max(1, value * 4), value + 1])
    if isinstance(value, float):
        return rng.choice([0.0, 0.5, 0.95, value * 3 + 1])
    if choices:
        return rng.choice(list(choices))
    return value


def _value_edit(design: Design, library: Library, rng: random.Random) -> Edit | None:
    """Change the value of a property that is already set (the incremental path)."""
    if rng.random() < 0.5:
        component = rng.choice(design.components)
        if not component.props:
            return None
        name = rng.choice(sorted(component.props))
        found = library.get(component.type)
        spec = found.properties.get(name) if found is not None else None
        choices = tuple(spec.choices or ()) if spec is not None else None
        value = _other_value(component.props[name], rng, choices)
        return SetProperties(component.id, {name: value})
    link = rng.choice(design.links)
    if not link.props:
        return None
    name = rng.choice(sorted(link.props))
    return SetLinkProperties(link.key, {name: _other_value(link.props[name], rng, None)})


def _structural_edit(design: Design, rng: random.Random) -> Edit:
    component = rng.choice(design.components)
    kind = rng.randrange(5)
    if kind == 0:
        return MoveComponents({component.id: (rng.uniform(0, 900), rng.uniform(0, 900))})
    if kind == 1:
        return SetLabel(component.id, f"renamed {rng.randrange(100)}")
    if kind == 2:
        return SetProperties(component.id, {"replicas": rng.choice([1, 3])})  # may add the key
    if kind == 3:
        ignore = LintIgnore(rule="AD205", component=component.id, reason="tested")
        return SetLintSettings(LintSettings(ignore=[ignore]))
    return RemoveComponents([component.id])


@pytest.mark.parametrize(("seed", "copies"), [(1, False), (2, False), (3, True), (4, True)])
def test_session_matches_full_lint_after_random_edits(
    library: Library, seed: int, copies: bool
) -> None:
    """`copies`: lint a private deep copy each time, as the editor's worker does."""
    rng = random.Random(seed)
    # Loaded from text, so findings carry lines (the sort order then depends on them).
    loaded = loads(dumps(generate_design(250, seed)), "generated.archdraw.yaml", library)
    document, locations = Document(loaded.design), loaded.locations
    session = LintSession(library)
    incremental_runs = 0
    for step in range(40):
        if step:
            edit = (
                _value_edit(document.design, library, rng)
                if rng.random() < 0.75
                else _structural_edit(document.design, rng)
            )
            if edit is None:
                continue
            document.apply(edit)
        expected = lint_design(document.design, library, locations)
        if copies and step % 5:  # now and then the live design, as for small designs
            got = session.lint(document.design.model_copy(deep=True), locations, owned=True)
        else:
            got = session.lint(document.design, locations)
        assert [_row(f) for f in got] == [_row(f) for f in expected], f"step {step}"
        if 0 < session.rules_run < len(session.rules) - 3:
            incremental_runs += 1
    assert incremental_runs > 5  # the test exercised the partial re-run, not only full runs


def test_a_move_reruns_no_rule(library: Library) -> None:
    document = Document(generate_design(120, 4))
    session = LintSession(library)
    before = session.lint(document.design)
    component = document.design.components[0]
    document.apply(MoveComponents({component.id: (12.0, 34.0)}))
    after = session.lint(document.design)
    assert session.rules_run == 0
    assert [_row(f) for f in after] == [_row(f) for f in lint_design(document.design, library)]
    assert [_row(f) for f in after] == [_row(f) for f in before]


def _row(finding: Any) -> tuple[Any, ...]:
    fix = finding.fix
    fix_row = None if fix is None else (fix.label, fix.component, fix.link, repr(fix.props))
    return (
        finding.code,
        finding.name,
        finding.severity,
        finding.component,
        finding.link,
        finding.zone,
        finding.message,
        finding.line,
        finding.column,
        finding.rule.code,
        fix_row,
    )


def test_lint_if_cheap_answers_only_within_budget(library: Library) -> None:
    document = Document(generate_design(200, 5))
    session = LintSession(library)
    session.lint(document.design)
    link = next(k for k in document.design.links if "timeout_ms" in k.props)
    document.apply(SetLinkProperties(link.key, {"timeout_ms": link.props["timeout_ms"] + 7}))
    assert session.lint_if_cheap(document.design, budget_s=0.0) is None  # some rule reruns
    cheap = session.lint_if_cheap(document.design, budget_s=60.0)
    assert cheap is not None
    assert 0 < session.rules_run < len(session.rules)
    assert [_row(f) for f in cheap] == [_row(f) for f in lint_design(document.design, library)]
    document.apply(RemoveComponents([document.design.components[0].id]))
    assert session.lint_if_cheap(document.design, budget_s=60.0) is None  # structural: full
    after = session.lint(document.design)
    assert [_row(f) for f in after] == [_row(f) for f in lint_design(document.design, library)]


def test_rules_read_property_values_only_through_the_context() -> None:
    """LintSession sees value reads through LintContext (prop, number, link_prop,
    link_number, ...); a rule reading `.props` itself would escape it. Testing whether a
    key is present is fine: adding or removing a key re-runs every rule."""
    rules_dir = Path(__file__).resolve().parents[2] / "src" / "archdraw" / "lint" / "rules"
    key_test = re.compile(r"""["'][a-z_]+["']\s+(not\s+)?in\s+\w+\.props\b""")
    offending = []
    for path in sorted(rules_dir.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if ".props" in key_test.sub("", line.split("#")[0]):
                offending.append(f"{path.name}:{number}: {line.strip()}")
    assert not offending, "read properties through the LintContext:\n" + "\n".join(offending)


def test_session_follows_props_replaced_between_runs(library: Library) -> None:
    """The rules read element views that share each element's props dict; an edit that
    replaces the dict (rather than changing it in place) must still be seen."""
    document = Document(generate_design(150, 6))
    session = LintSession(library)
    session.lint(document.design)
    store = next(c for c in document.design.components if c.props.get("backups") is True)
    store.props = {**store.props, "backups": False}  # a new dict, the same keys
    after = session.lint(document.design)
    assert 0 < session.rules_run < len(session.rules)  # the incremental path, views reused
    expected = lint_design(document.design, library)
    assert [_row(f) for f in after] == [_row(f) for f in expected]
    assert any(f.code == "AD104" and f.component == store.id for f in after)


def test_only_views_marked_structural_are_kept_across_edits() -> None:
    """A view that reads property values (the arrival rates) is never carried over; the
    structural ones are marked so, and an unmarked view is recomputed (issue 14)."""
    from archdraw.lint.session import _structural_views

    kept = _structural_views()
    assert "request_path" in kept and "link_table" in kept
    assert "arrival_rps" not in kept and "_recorded_arrival_rps" not in kept


def test_every_value_view_is_recorded_with_what_it_reads() -> None:
    """A view marked `value_view` is computed by the first rule that asks; the session
    records its property reads for every later rule only through `VALUE_VIEWS` and the
    recording context's own property of that name. A view missing there would leave later
    rules' reads unrecorded, and an edit to one of them would not re-run those rules."""
    from archdraw.lint.context import LintContext
    from archdraw.lint.elements import value_view
    from archdraw.lint.recording import VALUE_VIEWS, RecordingContext

    marked = {
        name
        for cls in LintContext.__mro__
        for name, value in vars(cls).items()
        if isinstance(value, value_view)
    }
    assert marked == set(VALUE_VIEWS)
    assert all(isinstance(vars(RecordingContext).get(name), property) for name in marked)


def _key_edit(design: Design, rng: random.Random) -> Edit:
    """Add or remove a property key, or set a value back: what a hint must not hide."""
    component = rng.choice(design.components)
    if component.props and rng.random() < 0.5:
        return SetProperties(component.id, {rng.choice(sorted(component.props)): None})
    return SetProperties(component.id, {"replicas": component.props.get("replicas", 2)})


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_hinted_runs_answer_as_unhinted_ones(library: Library, seed: int) -> None:
    """A session told which elements the edits touched (`value_edits`) gives the same
    findings as one comparing whole snapshots, after random edits linted a few at a time
    (as the editor's worker coalesces them)."""
    rng = random.Random(seed)
    loaded = loads(dumps(generate_design(250, seed)), "generated.archdraw.yaml", library)
    document, locations = Document(loaded.design), loaded.locations
    hinted, unhinted = LintSession(library), LintSession(library)
    hinted.lint(document.design, locations)
    unhinted.lint(document.design, locations)
    pending: list[Edit] = []
    partial_hinted_runs = 0
    for step in range(60):
        roll = rng.random()
        if roll < 0.65:
            edit = _value_edit(document.design, library, rng)
        elif roll < 0.8:
            edit = _key_edit(document.design, rng)
        elif roll < 0.9:
            edit = MoveComponents({rng.choice(document.design.components).id: (1.0, 2.0)})
        else:
            edit = _structural_edit(document.design, rng)
        if edit is not None:
            document.apply(edit)
            pending.append(edit)
        if rng.random() < 0.5:
            continue  # coalesced with the next edits
        hint = value_edits(pending)
        got = hinted.lint(document.design, locations, edited=hint)
        expected = unhinted.lint(document.design, locations)
        assert [_row(f) for f in got] == [_row(f) for f in expected], f"step {step}"
        if hint is not None and 0 < hinted.rules_run < len(hinted.rules) - 3:
            partial_hinted_runs += 1
        pending = []
    got = hinted.lint(document.design, locations, edited=value_edits(pending))
    assert [_row(f) for f in got] == [
        _row(f) for f in lint_design(document.design, library, locations)
    ]
    assert partial_hinted_runs > 5  # the hinted, partial path ran, not only full runs


def test_edits_other_than_values_give_no_hint() -> None:
    assert value_edits([SetProperties("a", {"replicas": 3}), MoveComponents({"b": None})]) == (
        frozenset({"a"}),
        frozenset(),
    )
    assert value_edits([Batch((SetLinkProperties("a->b", {"timeout_ms": 5}),))]) == (
        frozenset(),
        frozenset({"a->b"}),
    )
    assert value_edits([SetProperties("a", {}), SetLabel("a", "renamed")]) is None
    assert value_edits([Batch((RemoveComponents(["a"]),))]) is None


def test_unchanged_findings_come_back_as_the_same_objects(library: Library) -> None:
    """A rule run again hands back its previous finding where the new one equals it, so
    whoever shows findings sees the unchanged ones by identity."""
    document = Document(generate_design(200, 7))
    session = LintSession(library)
    before = session.lint(document.design)
    component = next(c for c in document.design.components if c.props.get("replicas", 0) > 1)
    document.apply(SetProperties(component.id, {"replicas": 1}))  # now a single point
    after = session.lint(document.design)
    assert 0 < session.rules_run < len(session.rules)
    earlier = {id(f) for f in before}
    rows_before = [_row(f) for f in before]
    for finding in after:
        assert (id(finding) in earlier) == (_row(finding) in rows_before), _row(finding)
    assert any(id(f) not in earlier for f in after) or len(after) != len(before)
    document.apply(SetLabel(component.id, "renamed"))  # a full run: every rule again
    again = session.lint(document.design)
    assert session.rules_run >= len(session.rules) - 3
    unchanged = [f for f in again if f.component != component.id]
    assert unchanged and all(id(f) in {id(g) for g in after} for f in unchanged)


@pytest.mark.parametrize("code", ["AD409", "AD412"])
def test_rules_sharing_the_writing_links_rerun_when_a_write_changes(
    library: Library, code: str
) -> None:
    """The writing links are worked out once per run and shared (`writing_links`,
    `writes_into`): a rule handed the memo still counts as reading `writes`, so turning a
    write off re-runs it. AD409 reads the writing links, AD412 the writes into a store."""
    document = Document(generate_design(200, 7))
    session = LintSession(library)
    before = session.lint(document.design)
    found = next(f for f in before if f.code == code)
    document.apply(SetLinkProperties(_write_named_by(document.design, found), {"writes": False}))
    after = session.lint(document.design)
    assert 0 < session.rules_run < len(session.rules)  # the incremental path
    assert [_row(f) for f in after] == [_row(f) for f in lint_design(document.design, library)]
    assert found not in [f for f in after if f.code == code]


def _write_named_by(design: Design, finding: Any) -> str:
    """The write a finding is about: its link (AD409), else the first writing link whose
    sender it names (AD412 names the writers that do not tell the cache)."""
    if finding.link is not None:
        return str(finding.link)
    titles = {c.id: c.label or c.id for c in design.components}
    return next(
        k.key
        for k in design.links
        if k.props.get("writes") is True
        and k.target != finding.component
        and f"'{titles[k.source]}'" in finding.message.split("changed by ")[1]
    )


def test_a_value_view_that_comes_out_the_same_reruns_none_of_its_readers(
    library: Library,
) -> None:
    """The data roles read `replicas` (a store's count), but a load balancer has no role: after
    an edit of its `replicas` the roles come out equal, and the rules that read them (and not
    `replicas` itself) keep their findings."""
    document = Document(generate_design(300, 3))
    session = LintSession(library)
    session.lint(document.design)
    reads, kept = dict(session._reads), dict(session._by_rule)
    balancer = next(
        c for c in document.design.components if c.type == "load_balancer" and "replicas" in c.props
    )
    document.apply(SetProperties(balancer.id, {"replicas": balancer.props["replicas"] + 1}))
    after = session.lint(document.design)
    assert [_row(f) for f in after] == [_row(f) for f in lint_design(document.design, library)]
    by_roles = [
        code
        for code, read in reads.items()
        if (read.roles or "data_roles" in read.views)
        and "replicas" not in read.components | read.component_names
        and "traffic_graph" not in read.views
    ]
    assert by_roles, "some rules read the roles only: the test means something"
    assert all(session._by_rule[code] is kept[code] for code in by_roles)
    assert 0 < session.rules_run < len(reads)


def test_a_managed_or_global_edit_re_judges_the_data_roles(library: Library) -> None:
    """`managed` and `global` decide a store's instance count and so its role's copies: an
    edit of either re-runs what reads the roles, as an edit of `replicas` does."""
    text = """archdraw: 1
name: Stores
components:
  - {id: users, type: client, props: {rps: 50}}
  - {id: api, type: service, props: {replicas: 2}}
  - {id: orders, type: nosql_database, props: {managed: false, zones: 3, replication: async}}
  - {id: ledger, type: database, props: {managed: true, zones: 2, replication: none}}
  - {id: files, type: object_storage, props: {global: false}}
links:
  - {from: users, to: api}
  - {from: api, to: orders, props: {writes: true}}
  - {from: api, to: ledger, props: {writes: true}}
  - {from: api, to: files, props: {writes: true}}
"""
    loaded = loads(text, "stores.archdraw.yaml", library)
    document, locations = Document(loaded.design), loaded.locations
    session = LintSession(library)
    session.lint(document.design, locations)
    for edit in (
        SetProperties("orders", {"managed": True}),
        SetProperties("ledger", {"managed": False}),
        SetProperties("files", {"global": True}),
        SetProperties("orders", {"managed": False}),
    ):
        document.apply(edit)
        expected = [_row(f) for f in lint_design(document.design, library, locations)]
        assert [_row(f) for f in session.lint(document.design, locations)] == expected, edit


def test_a_rule_reruns_only_when_it_read_the_edited_element(library: Library) -> None:
    """A rule's reads are noted with the elements read: AD102 reads `replicas` of the
    stateful components it judges one at a time, so an edit of a load balancer's `replicas`
    keeps its findings, and an edit of a database's judges that database again."""
    document = Document(generate_design(300, 3))
    session = LintSession(library)
    session.lint(document.design)
    assert "replicas" in session._reads["AD102"].own_names
    kept = session._by_rule["AD102"]
    balancer = next(
        c for c in document.design.components if c.type == "load_balancer" and "replicas" in c.props
    )
    document.apply(SetProperties(balancer.id, {"replicas": balancer.props["replicas"] + 1}))
    after = session.lint(document.design)
    assert [_row(f) for f in after] == [_row(f) for f in lint_design(document.design, library)]
    assert session._by_rule["AD102"] is kept
    store = next(
        c
        for c in document.design.components
        if c.id in session._reads["AD102"].judged and c.props.get("replicas", 0) > 1
    )
    document.apply(SetProperties(store.id, {"replicas": 1}))
    after = session.lint(document.design)
    assert [_row(f) for f in after] == [_row(f) for f in lint_design(document.design, library)]
    assert session._by_rule["AD102"] is not kept


@pytest.mark.parametrize("seed", [21, 22])
def test_each_edited_element_answers_as_a_full_lint(library: Library, seed: int) -> None:
    """Edits of one property of one element at a time, over every property some element
    states a number or a choice for, each followed by a comparison with a full lint: a rule
    kept because it did not read the edited element must find what a full run finds."""
    rng = random.Random(seed)
    loaded = loads(dumps(generate_design(120, seed)), "generated.archdraw.yaml", library)
    document, locations = Document(loaded.design), loaded.locations
    session = LintSession(library)
    session.lint(document.design, locations)
    names = sorted({n for c in document.design.components for n in c.props})
    kept_some = 0
    for name in names:
        stating = [c for c in document.design.components if name in c.props]
        for component in rng.sample(stating, min(3, len(stating))):
            found = library.get(component.type)
            spec = found.properties.get(name) if found is not None else None
            choices = tuple(spec.choices or ()) if spec is not None else None
            value = _other_value(component.props[name], rng, choices)
            edit = SetProperties(component.id, {name: value})
            document.apply(edit)
            got = session.lint(document.design, locations, edited=value_edits([edit]))
            expected = lint_design(document.design, library, locations)
            assert [_row(f) for f in got] == [_row(f) for f in expected], (component.id, name)
            kept_some += session.rules_run < len(session.rules) - 3
    assert kept_some > 10  # the partial path ran


def test_rates_are_kept_only_while_what_arrives_is_the_same(library: Library) -> None:
    """A refreshed traffic graph keeps the last run's rates after an edit of what a
    component serves (`replicas`), and works them out again after an edit of what arrives
    (`rps`, `hit_ratio`)."""
    document = Document(generate_design(200, 8))
    session = LintSession(library)
    session.lint(document.design)
    rates = session._values["traffic_graph"].base_rates
    assert rates is not None
    balancer = next(
        c for c in document.design.components if c.type == "load_balancer" and "replicas" in c.props
    )
    document.apply(SetProperties(balancer.id, {"replicas": balancer.props["replicas"] + 2}))
    after = session.lint(document.design)
    assert [_row(f) for f in after] == [_row(f) for f in lint_design(document.design, library)]
    assert session._values["traffic_graph"].base_rates is rates
    for name in ("rps", "hit_ratio"):
        component = next(c for c in document.design.components if name in c.props)
        value = component.props[name]
        document.apply(SetProperties(component.id, {name: value * 0.5}))
        after = session.lint(document.design)
        expected = lint_design(document.design, library)
        assert [_row(f) for f in after] == [_row(f) for f in expected], name
        assert session._values["traffic_graph"].base_rates != rates, name


def test_a_rule_asking_for_a_changed_role_reruns(library: Library) -> None:
    """AD409 reads no property of the copy it judges, only its data role (`roles().of`):
    when `conflict_resolution` makes the copy writable, the role it asked for differs and
    it runs again; an edit that changes another store's role keeps its finding."""
    text = """archdraw: 1
name: Copies
components:
  - {id: users, type: client, props: {rps: 50}}
  - {id: api, type: service, props: {replicas: 2}}
  - {id: main, type: database, props: {replicas: 2, failover: active-standby}}
  - {id: copy, type: database, props: {replicas: 2, conflict_resolution: none}}
  - {id: other, type: database, props: {replicas: 2, shards: 1}}
links:
  - {from: users, to: api}
  - {from: api, to: main, props: {writes: true}}
  - {from: api, to: copy, props: {writes: true}}
  - {from: api, to: other}
  - {from: main, to: copy, kind: replication}
"""
    loaded = loads(text, "copies.archdraw.yaml", library)
    document, locations = Document(loaded.design), loaded.locations
    session = LintSession(library)
    before = session.lint(document.design, locations)
    assert any(f.code == "AD409" for f in before)
    assert "AD409" in session._reads and "copy" in session._reads["AD409"].roles
    kept = session._by_rule["AD409"]
    for edit in (
        SetProperties("other", {"shards": 2}),  # another store's role: AD409 kept
        SetProperties("copy", {"conflict_resolution": "last-write-wins"}),
    ):
        document.apply(edit)
        expected = [_row(f) for f in lint_design(document.design, library, locations)]
        assert [_row(f) for f in session.lint(document.design, locations)] == expected, edit
        assert (session._by_rule["AD409"] is kept) == (edit.component_id == "other")
    assert not any(f.code == "AD409" for f in session.lint(document.design, locations))


def test_rules_read_data_roles_only_through_the_noted_look_ups() -> None:
    """A session notes which components' roles a rule asked for (`NotedRoles`: `of`,
    `is_copy`, `is_standby`, `primary_of`, `copies_of`); a rule reading the role table
    itself would escape it."""
    rules_dir = Path(__file__).resolve().parents[2] / "src" / "archdraw" / "lint" / "rules"
    table = re.compile(r"\.(roles|standbys|_targets|data_roles)\b(?!\()")
    offending = [
        f"{path.name}:{number}: {line.strip()}"
        for path in sorted(rules_dir.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if table.search(line.split("#")[0]) and '"""' not in line
    ]
    assert not offending, "ask for roles through ctx.roles():\n" + "\n".join(offending)
