"""One count of instances: lint, failure analysis, capacity, growth and cost read the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from archdraw.analysis import analyze_failure, analyze_growth, build_graph
from archdraw.analysis.instances import instance_counter, instances
from archdraw.cost import estimate, shipped_prices
from archdraw.io import load
from archdraw.io.samples import SAMPLE_SUFFIX, sample_dir
from archdraw.library import Library
from archdraw.lint import lint_design
from archdraw.lint.context import LintContext

CORPUS = Path(__file__).resolve().parents[1] / "lint" / "real"
DESIGNS = sorted([*sample_dir().glob(f"*{SAMPLE_SUFFIX}"), *CORPUS.glob(f"*{SAMPLE_SUFFIX}")])

ZONED = """
components:
  - {id: web, type: client, props: {rps: 1000}}
  - {id: api, type: service, props: {zones: 3, capacity_rps: 500}}
  - {id: pair, type: service, props: {replicas: 2, zones: 3, capacity_rps: 600}}
links:
  - {from: web, to: api}
  - {from: web, to: pair}
"""


def test_the_count_rests_on_stated_replicas_else_default_or_one_per_zone() -> None:
    derived = instances(None, 3, None, stated=False, sharded=False)
    assert (derived.total, derived.basis, derived.zones) == (3, "zones", 3)
    assert derived.describe() == "3 instances, one per zone (`replicas` not stated)"
    stated = instances(2, 3, None, stated=True, sharded=False)
    assert (stated.total, stated.basis, stated.zones) == (2, "stated", 2)
    assert stated.describe() == "2 instances"
    default = instances(2, 1, None, stated=False, sharded=False)
    assert (default.total, default.basis) == (2, "default")
    assert "assuming the library default `replicas: 2`" in default.describe()
    sharded = instances(3, 3, 8, stated=True, sharded=True)
    assert (sharded.total, sharded.basis, sharded.replicas, sharded.zones) == (8, "shards", 3, 3)
    brokers = instances(3, 3, 8, stated=True, sharded=False)  # a stream's partitions share them
    assert (brokers.total, brokers.basis) == (3, "stated")


def test_zones_without_replicas_is_three_instances_everywhere(design_of, library) -> None:
    design = design_of(ZONED)
    graph = build_graph(design, library)
    ctx = LintContext(design, library)
    api, pair = graph.index["api"], graph.index["pair"]
    assert graph.instances(api) == graph.replicas[api] == 3
    assert graph.instances(pair) == graph.replicas[pair] == 2
    assert ctx.capacity(ctx.components["api"]) == 1500.0
    assert ctx.capacity(ctx.components["pair"]) == 1200.0
    growth = analyze_growth(design, library, graph=graph)
    assert growth.components["api"].servers == 3
    assert growth.components["api"].utilization == pytest.approx(1000 / 1500)
    lost = analyze_failure(design, library, ["api"]).components["api"]
    assert lost.instances == 3 and lost.serving == 1.0
    assert "1 of its 3 instances (one per zone: `replicas` not stated) failed" in lost.reason
    cost = estimate(design, library, shipped_prices()).components["api"]
    (compute,) = [line for line in cost.lines if line.kind == "compute"]
    assert compute.basis == "derived"
    assert compute.detail.startswith("3 instances, one per zone (`replicas` not stated) x 730 h")
    codes = {(f.code, f.component) for f in lint_design(design, library)}
    assert ("AD111", "pair") in codes and ("AD111", "api") not in codes
    assert not {c for c in codes if c[0] in ("AD106", "AD209") and c[1] == "api"}


@pytest.mark.parametrize("path", DESIGNS, ids=[p.name for p in DESIGNS])
def test_lint_analysis_and_cost_count_the_same_instances(path: Path, library: Library) -> None:
    design = load(path, library).design
    graph = build_graph(design, library)
    ctx = LintContext(design, library)
    cost = estimate(design, library, shipped_prices(), graph=graph).components
    for node, component in enumerate(graph.components):
        view = ctx.components[component.id]
        found = ctx.instances(view)
        assert graph.instances(node) == graph.replicas[node] == found.total, component.id
        role = graph.roles.of(component.id)
        assert role is None or role.instances == found.total, component.id
        billed = cost[component.id]
        if billed.instances is not None:  # priced by machine: every one the analysis counts
            assert billed.instances == found, component.id
            assert billed.machines == found.total, component.id
        per_replica = graph.capacity_rps[node]
        if per_replica is not None:
            assert ctx.capacity(view) == pytest.approx(per_replica * found.total), component.id


def test_a_value_that_cannot_be_remembered_is_still_counted() -> None:
    """A design that fails validation can still be analysed while the user fixes it: a list
    where a count belongs is read as the count it defaults to, not a crash of the memo."""
    counted = instance_counter()
    listed = counted([1, 2], 3, None, stated=True, sharded=False)
    assert listed == instances([1, 2], 3, None, stated=True, sharded=False)
    assert listed.total == 1
    # Remembered values keep their type apart: the message quotes the default as written.
    assert counted(2, 1, 1, stated=False, sharded=False).default == 2
    assert counted(2.0, 1, 1, stated=False, sharded=False).default == 2.0
    assert isinstance(counted(2.0, 1, 1, stated=False, sharded=False).default, float)


def test_lint_and_analysis_read_a_list_where_a_count_belongs(library: Library) -> None:
    from archdraw.model import Component, Design, Link

    design = Design(
        archdraw=1,
        name="Lists",
        components=[
            Component(id="web", type="client", props={"rps": 10}),
            Component(id="db", type="database", props={"replicas": [1, 2], "shards": [3]}),
        ],
        links=[Link.model_validate({"from": "web", "to": "db"})],
    )
    graph = build_graph(design, library)
    assert graph.instances(graph.index["db"]) == 1
    assert any(f.component == "db" for f in lint_design(design, library))
