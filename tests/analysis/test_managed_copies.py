"""A store the provider runs as one service keeps a copy in each zone it spans unless the design
states `replication: none` (`archdraw.analysis.instances.partition_copies`): the failure
analysis, its data at risk, the review's "Fails halfway?" and AD106 give one verdict."""

from __future__ import annotations

import pytest

from archdraw.analysis import analyze_failure, render_text, run_analysis
from archdraw.analysis.roles import data_roles
from archdraw.cost import estimate, load_prices
from archdraw.library import Library
from archdraw.lint import lint_design
from archdraw.review import build_review

SPREAD = """
zones:
  - {id: region, kind: region}
  - {id: a, kind: zone, parent: region}
components:
  - {id: web, type: client, props: {rps: 100}}
  - {id: api, type: service, zone: a, props: {replicas: 3, zones: 3}}
  - {id: store, type: TYPE, zone: a, props: {managed: true, zones: 3PROPS}}
links:
  - {from: web, to: api}
  - {from: api, to: store, props: {timeout_ms: 500, writes: true}}
"""

# Stores a provider spreads over zones (SQS, Kinesis, Cloud SQL HA, DynamoDB, S3 Standard,
# EFS, Redshift Multi-AZ, OpenSearch Service, Pinecone), whatever their type's default mode.
STORES = [
    "queue",
    "stream",
    "database",
    "nosql_database",
    "object_storage",
    "file_system",
    "data_warehouse",
    "search_index",
    "vector_db",
]


def _design(design_of, type_id: str, props: str = ""):  # type: ignore[no-untyped-def]
    return design_of(SPREAD.replace("TYPE", type_id).replace("PROPS", props))


def _ad106(design, library: Library) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.component or "" for f in lint_design(design, library) if f.code == "AD106"]


@pytest.mark.parametrize("type_id", STORES)
def test_replication_unstated_is_a_copy_in_each_zone_and_a_zone_loss_loses_nothing(
    design_of, library: Library, type_id: str
) -> None:
    """The wrong verdict this guards against: "its partitions have one copy each: requests
    for the lost ones' keys fail; serves 66.7 %" and "Data at risk: store (no replication)"
    for a managed queue over 3 zones, while AD106 said it survives the loss."""
    design = _design(design_of, type_id)
    assert data_roles(design, library).of("store").copies == 3  # type: ignore[union-attr]
    result = analyze_failure(design, library, zones=["a"])
    store = result.components["store"]
    assert store.remaining == pytest.approx(2 / 3)
    assert (store.serving, store.writes_serving) == (1.0, 1.0)
    # Its type's default `failover` (active-active), else the provider's.
    assert store.recovery in ("at once", "from the provider's copies in its other zones")
    assert result.data_at_risk == []
    assert result.clients["web"].lost_share == 0.0
    assert _ad106(design, library) == []  # lint: the same verdict


@pytest.mark.parametrize("type_id", STORES)
def test_stated_replication_none_is_one_copy_lost_with_its_zone(
    design_of, library: Library, type_id: str
) -> None:
    design = _design(design_of, type_id, ", replication: none")
    assert data_roles(design, library).of("store").copies == 1  # type: ignore[union-attr]
    result = analyze_failure(design, library, zones=["a"])
    store = result.components["store"]
    assert store.serving == pytest.approx(2 / 3)
    assert "it states `replication: none`: what it kept in the lost zones is gone" in store.reason
    assert [r.id for r in result.data_at_risk] == ["store"]
    assert result.clients["web"].lost_share == pytest.approx(1 / 3)
    assert _ad106(design, library) == ["store"]  # lint: the same verdict


def test_the_failure_text_says_the_provider_serves_from_its_other_zones(
    design_of, library: Library
) -> None:
    design = _design(design_of, "queue")
    text = render_text(run_analysis(design, library, fail_zones=["a"]), growth_asked=False)
    assert "serves 100 % from the provider's copies in its other zones" in text
    assert "one copy each" not in text and "Data at risk" not in text


def test_a_stated_failover_none_still_waits_for_a_promotion_by_hand(
    design_of, library: Library
) -> None:
    """The provider's failover rests on `failover` not being stated, as AD102's verdict does."""
    design = _design(design_of, "database", ", failover: none")
    store = analyze_failure(design, library, zones=["a"]).components["store"]
    assert store.recovery is None and store.writes_serving == 0.0
    assert "promoted by hand" in store.reason


def test_a_zone_of_the_store_is_no_weak_point_in_the_review(design_of, library: Library) -> None:
    def rows(props: str) -> list[tuple[str, ...]]:
        review = build_review(_design(design_of, "queue", props), library, load_prices())
        (section,) = [s for s in review.sections if s.key == "fails"]
        return [row for row in section.rows if row[0] == "zone a"]

    assert rows("") == []
    (lost,) = rows(", replication: none")
    assert lost[1].startswith("33.3%")


@pytest.mark.parametrize(("props", "copies"), [("", 1), (", replication: async", 3)])
def test_a_managed_cache_copies_only_when_replication_says_so(
    design_of, library: Library, props: str, copies: int
) -> None:
    """ElastiCache without replicas or Memorystore Basic keep one copy: a zone loss is misses
    (AD106 is silent either way), and a cache written to that fronts nothing loses data."""
    design = _design(design_of, "cache", props)
    assert data_roles(design, library).of("store").copies == copies  # type: ignore[union-attr]
    result = analyze_failure(design, library, zones=["a"])
    assert "a cache misses, it does not fail" in result.components["store"].reason
    assert [r.id for r in result.data_at_risk] == (["store"] if copies == 1 else [])
    assert _ad106(design, library) == []


def test_the_provider_bills_its_copies_once(design_of, library: Library) -> None:
    """Three copies in the analysis, one GB price: the provider's covers the copies it keeps."""
    design = _design(design_of, "nosql_database", ", storage_gb: 100")
    (storage,) = [
        line
        for line in estimate(design, library, load_prices()).components["store"].lines
        if line.kind == "storage"
    ]
    assert "100 GB x 1 copy x" in storage.detail
    assert storage.monthly == pytest.approx(100 * load_prices().prices["nosql.storage"].price)
