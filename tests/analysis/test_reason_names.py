"""The failure analysis's reasons name components by their labels, as the rest of its text
does (issue 14): a cache's misses go on to 'Catalog', not to `catalog_db`."""

from __future__ import annotations

from archdraw.analysis.failure import analyze_failure

CACHE = """
components:
  - {id: web, type: client, props: {rps: 100}}
  - {id: api, type: service, props: {replicas: 2}}
  - {id: hot, type: cache, label: Hot keys, props: {replicas: 3%s}}
  - {id: catalog_db, type: database, label: Catalog, props: {replicas: 2}}
links:
  - {from: web, to: api}
  - {from: api, to: hot}
  - {from: api, to: catalog_db}
"""


def test_a_caches_misses_go_on_to_the_inferred_store_by_its_label(design_of, library) -> None:
    result = analyze_failure(design_of(CACHE % ""), library, ["hot"])
    reason = result.components["hot"].reason
    assert "33% of its hits go on to 'Catalog' (inferred from the links;" in reason
    assert "catalog_db" not in reason


def test_a_caches_stated_fronts_is_named_by_its_label(design_of, library) -> None:
    result = analyze_failure(design_of(CACHE % ", fronts: catalog_db"), library, ["hot"])
    reason = result.components["hot"].reason
    assert reason.endswith("33% of its hits go on to 'Catalog'")


REPLICAS = """
components:
  - {id: web, type: client, props: {rps: 100}}
  - {id: api, type: service, props: {replicas: 2}}
  - {id: db, type: database, label: Orders, props: {replicas: 2, failover: %s}}
  - {id: copy, type: database, label: Orders copy, props: {replicas: 2%s}}
links:
  - {from: web, to: api}
  - {from: api, to: db, props: {calls: 0.1, writes: true}}
  - {from: api, to: copy, props: {calls: 0.9}}
  - {from: db, to: copy, kind: replication}
"""


def test_a_read_replicas_readers_fall_back_to_the_primary_by_its_label(design_of, library) -> None:
    design = design_of(REPLICAS % ("active-standby", ""))
    reason = analyze_failure(design, library, ["copy"], whole=True).components["copy"].reason
    assert "its readers fall back to its primary 'Orders', which takes their reads" in reason


def test_a_promoted_copy_is_named_by_its_label(design_of, library) -> None:
    design = design_of(REPLICAS % ("active-standby", ", failover: active-standby"))
    state = analyze_failure(design, library, ["db"], whole=True).components["db"]
    assert "its copy 'Orders copy' is promoted" in state.reason
    assert state.recovery == "after promoting 'Orders copy'"
