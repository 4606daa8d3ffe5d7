"""Cost counts machines as the analysis does (`archdraw.analysis.instances`, README
"Analysis: the model"): `replicas` counts a component's instances, one per zone when it is
not stated, and a store's shards run on machines of their own (max of the two); a queue's
or stream's partitions share its brokers.

Prices (component_library/prices/cloud.yaml, 730 hours a month): vm.general 0.096/h,
db.instance 0.178/h, db.storage 0.115/GB-month, search.instance 0.142/h, broker.instance
0.21/h, block.storage 0.08/GB-month.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from archdraw.analysis import build_graph, run_analysis, to_json
from archdraw.analysis.instances import report_basis
from archdraw.cost import CostEstimate, cost_to_json, estimate, load_prices
from archdraw.cost.estimate import ComponentCost
from archdraw.cost.lines import CostLine
from archdraw.io import load
from archdraw.io.samples import SAMPLE_SUFFIX, sample_dir
from archdraw.library import Library
from archdraw.model import Component, Design

SAMPLES = sorted(sample_dir().glob(f"*{SAMPLE_SUFFIX}"))


@pytest.fixture(scope="module")
def book():  # type: ignore[no-untyped-def]
    return load_prices()


def line(cost: ComponentCost, kind: str) -> CostLine:
    (found,) = [each for each in cost.lines if each.kind == kind]
    return found


def priced(design: Design, library: Library, book) -> CostEstimate:  # type: ignore[no-untyped-def]
    """The estimate, after checking that every machine it bills is one the analysis counts."""
    cost = estimate(design, library, book)
    graph = build_graph(design, library)
    for node, component_id in enumerate(graph.ids):
        found = cost.components[component_id].instances
        if found is not None:
            assert found.total == graph.instances(node), component_id
            assert found.basis == graph.instance_basis[node], component_id
    return cost


def test_stated_replicas_are_the_machines(design_of, library: Library, book) -> None:  # type: ignore[no-untyped-def]
    design = design_of(
        "components:\n"
        "  - {id: web, type: service, props: {replicas: 3}}\n"
        # A stated count wins over `zones`: 2 instances cover 2 of the 3 zones (AD111).
        "  - {id: pair, type: service, props: {replicas: 2, zones: 3}}\n"
    )
    cost = priced(design, library, book)
    web = line(cost.components["web"], "compute")
    assert web.monthly == pytest.approx(3 * 730 * 0.096)
    assert (web.basis, web.detail) == (
        "stated",
        "3 instances x 730 h x $0.096/h (EC2 m6i.large (2 vCPU, 8 GiB), Linux)",
    )
    assert line(cost.components["pair"], "compute").monthly == pytest.approx(2 * 730 * 0.096)


def test_zones_without_replicas_run_one_per_zone(design_of, library: Library, book) -> None:  # type: ignore[no-untyped-def]
    design = design_of(
        "components:\n"
        "  - {id: api, type: service, props: {zones: 3}}\n"
        "  - {id: db, type: database, props: {zones: 2, storage_gb: 50}}\n"
    )
    cost = priced(design, library, book)
    api = line(cost.components["api"], "compute")
    assert api.monthly == pytest.approx(3 * 730 * 0.096)
    assert api.basis == "derived"
    assert api.detail.startswith("3 instances, one per zone (`replicas` not stated) x 730 h")
    # A database's two machines, one per zone, each hold a copy: 2 x 50 GB x 0.115.
    db = cost.components["db"]
    assert line(db, "compute").monthly == pytest.approx(2 * 730 * 0.178)
    assert line(db, "storage").monthly == pytest.approx(2 * 50 * 0.115)
    assert line(db, "storage").basis == "derived"


def test_a_default_count_says_it_is_one(design_of, library: Library, book) -> None:  # type: ignore[no-untyped-def]
    design = design_of("components:\n  - {id: search, type: search_index}\n")
    cost = priced(design, library, book)
    search = line(cost.components["search"], "compute")
    assert search.monthly == pytest.approx(2 * 730 * 0.142)  # the library's `replicas: 2`
    assert search.basis == "default"
    assert search.detail.startswith(
        "2 instances (`replicas` not stated: assuming the library default `replicas: 2`)"
    )
    assert (search.low, search.high) == (search.monthly * 0.5, search.monthly * 2)


def test_a_stores_shards_run_on_machines_of_their_own(design_of, library: Library, book) -> None:  # type: ignore[no-untyped-def]
    design = design_of(
        "components:\n"
        "  - {id: few, type: database, props: {replicas: 2, shards: 4, storage_gb: 80}}\n"
        "  - {id: many, type: database, props: {replicas: 8, shards: 4, storage_gb: 80}}\n"
        "  - {id: copied, type: database,"
        " props: {replicas: 3, shards: 4, replication: async, storage_gb: 80}}\n"
    )
    cost = priced(design, library, book)
    # 4 shards on 2 replicas: 4 machines (not 2 x 4), one copy of each shard (AD411 says so).
    few = cost.components["few"]
    assert line(few, "compute").monthly == pytest.approx(4 * 730 * 0.178)  # 519.76
    assert line(few, "compute").basis == "derived"
    assert line(few, "compute").detail.startswith(
        "4 instances, one per shard (a store's shards run on machines of their own) x 730 h"
    )
    assert line(few, "storage").monthly == pytest.approx(80 * 1 * 0.115)
    # 8 machines over 4 shards: 2 copies of each.
    many = cost.components["many"]
    assert line(many, "compute").monthly == pytest.approx(8 * 730 * 0.178)  # 1,039.52
    assert line(many, "compute").basis == "stated"
    storage = line(many, "storage")
    assert storage.monthly == pytest.approx(80 * 2 * 0.115)
    assert "2 copies (of each of 4 shards on 8 instances)" in storage.detail
    # More shards than replicas, copied: each shard on its machine and a copy on another.
    copied = cost.components["copied"]
    assert line(copied, "compute").monthly == pytest.approx(4 * 730 * 0.178)
    assert line(copied, "storage").monthly == pytest.approx(80 * 2 * 0.115)


def test_partitions_share_a_streams_brokers(design_of, library: Library, book) -> None:  # type: ignore[no-untyped-def]
    design = design_of(
        "components:\n"
        "  - {id: log, type: stream, props: {replicas: 3, shards: 64, storage_gb: 10}}\n"
        "  - {id: jobs, type: queue, props: {zones: 3, price_per_hour: 0.05}}\n"
    )
    cost = priced(design, library, book)
    log = cost.components["log"]
    # 64 partitions on 3 brokers: 3 machines, not 64 and not 3 x 64.
    assert line(log, "compute").monthly == pytest.approx(3 * 730 * 0.21)  # 459.90
    assert log.instances is not None and log.instances.basis == "stated"
    # Each partition on 3 brokers: the type's default replication factor (and sync
    # replication), whatever the partition count.
    storage = line(log, "storage")
    assert storage.monthly == pytest.approx(10 * 3 * 0.08)
    assert storage.basis == "default"
    assert "3 copies (of each of 64 partitions: replication factor 3)" in storage.detail
    # A self-run queue with its own hourly price, spread over three zones: one broker each.
    jobs = line(cost.components["jobs"], "compute")
    assert jobs.monthly == pytest.approx(3 * 730 * 0.05)
    assert jobs.detail.startswith("3 instances, one per zone")


def test_growth_re_sizes_from_the_analysis_count(design_of, library: Library, book) -> None:  # type: ignore[no-untyped-def]
    design = design_of(
        "components:\n"
        "  - {id: users, type: client, props: {rps: 1000}}\n"
        "  - {id: db, type: database, props: {replicas: 2, shards: 4, capacity_rps: 200}}\n"
        "links:\n"
        "  - {from: users, to: db}\n"
    )
    today = estimate(design, library, book).components["db"]
    assert today.machines == 4
    # 3,000 req/s at 200 per machine and 70 %: ceil(3000 / 140) = 22 machines.
    grown = estimate(design, library, book, 3.0).components["db"]
    assert grown.machines == 22 and grown.instances == today.instances
    assert line(grown, "compute").detail.startswith(
        "22 instances (re-sized for the growth from 4 instances, one per shard"
    )


def test_json_states_the_count_and_its_basis(design_of, library: Library, book) -> None:  # type: ignore[no-untyped-def]
    design = design_of(
        "components:\n"
        "  - {id: api, type: service, props: {zones: 3}}\n"
        "  - {id: jobs, type: queue, props: {managed: true}}\n"
        "  - {id: rabbit, type: queue}\n"
    )
    components = cost_to_json([estimate(design, library, book)])["at"][0]["components"]
    assert components["api"]["instances"] == {
        "count": 3,
        "basis": "zones",
        "rests_on": "one per zone: `replicas` not stated",
        "billed": 3,
        "as_drawn_unsized": False,
    }
    assert components["jobs"]["instances"] is None  # SQS: billed per request, not per machine
    # A queue we run ourselves is its brokers, as the analysis counts them.
    assert components["rabbit"]["instances"]["count"] == 1
    assert components["rabbit"]["instances"]["basis"] == "default"


@pytest.mark.parametrize("path", SAMPLES, ids=[p.name for p in SAMPLES])
def test_cost_and_analyze_count_the_same_machines(path: Path, library: Library, book) -> None:  # type: ignore[no-untyped-def]
    """`archdraw analyze --cost --format json`: the servers the analysis counts for each
    component and the machines the cost bills are the same number on the same basis."""
    design = load(path, library).design
    analysis = to_json(run_analysis(design, library))["components"]
    cost = cost_to_json([estimate(design, library, book)])["at"][0]["components"]
    by_id = design.component_index()
    billed = {cid: entry for cid, entry in cost.items() if entry["instances"]}
    assert billed, "a sample with nothing priced by machine checks nothing"
    for cid, entry in billed.items():
        machines = entry["instances"]
        assert machines["count"] == machines["billed"] == analysis[cid]["servers"], cid
        assert report_basis(machines["basis"]) == analysis[cid]["basis"]["replicas"], cid
        # ... and the compute line bills exactly those machines for the month.
        (compute,) = [each for each in entry["lines"] if each["kind"] == "compute"]
        assert compute["monthly"] == pytest.approx(
            machines["count"] * 730 * hourly(by_id[cid], book)
        ), cid


def hourly(component: Component, book) -> float:  # type: ignore[no-untyped-def]
    """The price of one machine-hour: the component's own, else its type's list price."""
    own = component.props.get("price_per_hour")
    if own is not None:
        return float(own)
    billing = book.types[component.type]
    compute = billing.compute or (billing.self_run and billing.self_run.compute)
    return float(book.prices[compute].price)


def test_a_streams_copies_rest_on_what_it_states(design_of, library: Library, book) -> None:  # type: ignore[no-untyped-def]
    design = design_of(
        "components:\n"
        "  - {id: stated, type: stream, props: {replicas: 6, shards: 64, storage_gb: 10,"
        " replication: sync, replication_factor: 2}}\n"
        "  - {id: few, type: stream, props: {replicas: 2, shards: 8, storage_gb: 10,"
        " replication: sync}}\n"
        "  - {id: none, type: stream, props: {replicas: 3, shards: 8, storage_gb: 10,"
        " replication: none}}\n"
    )
    cost = priced(design, library, book)
    stated = line(cost.components["stated"], "storage")
    assert (stated.monthly, stated.basis) == (pytest.approx(10 * 2 * 0.08), "stated")
    few = line(cost.components["few"], "storage")
    assert few.monthly == pytest.approx(10 * 2 * 0.08)
    assert "replication factor 3, but 2 brokers" in few.detail
    assert few.basis == "stated"  # two brokers and sync replication, both stated
    none = line(cost.components["none"], "storage")
    assert none.monthly == pytest.approx(10 * 1 * 0.08)
    assert "`replication` none" in none.detail
