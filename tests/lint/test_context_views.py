"""LintContext's shortcut views agree with their plain definitions, on generated designs.

The rules read these views instead of scanning every component; a view that
drops or adds an element would silently change findings on large designs.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import pytest

from archdraw.library import Library
from archdraw.lint import lint_design
from archdraw.lint.context import LintContext
from archdraw.model import Design

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from generate import generate_design


@pytest.fixture(scope="module")
def design() -> Design:
    return generate_design(600, seed=2)


def ids(components: object) -> list[str]:
    return [c.id for c in components]  # type: ignore[attr-defined]


def test_grouped_views_hold_exactly_the_matching_components(
    design: Design, library: Library
) -> None:
    ctx = LintContext(design, library)
    everything = ctx.design.components
    assert sorted(ids(ctx.stateful)) == sorted(ids(c for c in everything if ctx.is_stateful(c)))
    assert sorted(ids(ctx.stores)) == sorted(ids(c for c in everything if ctx.is_store(c)))
    assert sorted(ids(ctx.client_side)) == sorted(ids(c for c in everything if ctx.is_client(c)))
    for name in ("auth", "replication", "retries", "static_assets"):
        plain = [c for c in everything if ctx.has_prop(c, name)]
        assert sorted(ids(ctx.with_prop(name))) == sorted(ids(plain)), name
    assert ctx.stores, "the generated design has stores: the comparison means something"


def test_valued_holds_every_component_whose_value_can_be_read(
    design: Design, library: Library
) -> None:
    ctx = LintContext(design, library)
    everything = ctx.design.components
    for name in ("capacity_rps", "replicas", "timeout_ms", "auth", "no_such_property"):
        plain = [c for c in everything if name in c.props or ctx.prop(c, name) is not None]
        assert sorted(ids(ctx.valued(name))) == sorted(ids(plain)), name
        left_out = [c for c in everything if c not in ctx.valued(name)]
        assert all(ctx.prop(c, name) is None for c in left_out), name
    assert ctx.valued("capacity_rps"), "some components have a capacity: it means something"
    assert len(ctx.valued("capacity_rps")) < len(everything), "and some have none"


def test_sync_callers_and_components_of_follow_the_links(design: Design, library: Library) -> None:
    ctx = LintContext(design, library)
    plain: dict[str, list[str]] = {}
    for link in design.links:
        if link.kind == "sync":
            plain.setdefault(link.source, []).append(link.key)
    assert {k: [link.key for link in v] for k, v in ctx.sync_callers.items()} == plain
    wanted = [*list(plain)[:5], "no-such-component"]
    assert ids(ctx.components_of(wanted)) == list(plain)[:5]


def test_a_run_leaves_the_garbage_collector_as_it_found_it(
    design: Design, library: Library
) -> None:
    assert gc.isenabled()
    lint_design(design, library)
    assert gc.isenabled()
    gc.disable()
    try:
        lint_design(design, library)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_run_leaves_no_cycles_behind(design: Design, library: Library) -> None:
    # The run pauses the collector: whatever it leaves in a reference cycle (its views, its
    # element records) stays in memory until a later collection walks all of it.
    gc.collect()
    gc.disable()
    try:
        findings = lint_design(design, library)
        assert findings
        assert gc.collect() == 0
    finally:
        gc.enable()
