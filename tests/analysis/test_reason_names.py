"""The failure analysis's reasons name components by their labels, as the rest of its text
does (issue 14): a cache's misses go on to 'Catalog', not to `catalog_db`."""

from __future__ import annotations

from archdraw.analysis.capacity import analyze_growth
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


ZONES = """
zones:
  - {id: eu, kind: region, label: Europe}
  - {id: eu-a, kind: zone, parent: eu, label: Frankfurt A}
  - {id: pci, kind: network, parent: eu, label: Card data}
components:
  - {id: web, type: client, props: {rps: 100}}
  - {id: api, type: service, zone: eu-a, props: {replicas: 2, zones: 2}}
  - {id: vault, type: service, zone: pci, props: {replicas: 2}}
links:
  - {from: web, to: api}
  - {from: api, to: vault}
"""


def test_a_failed_zone_is_named_by_its_label(design_of, library) -> None:
    design = design_of(ZONES)
    spanned = analyze_failure(design, library, zones=["eu-a"]).components["api"].reason
    assert spanned == "zone 'Frankfurt A' failed (1 of the 2 zones it spans)"
    network = analyze_failure(design, library, zones=["pci"]).components["vault"].reason
    assert network == "network 'Card data' failed"
    # The outermost failed zone holding it names the failure.
    region = analyze_failure(design, library, zones=["eu", "pci"]).components["vault"].reason
    assert region == "region 'Europe' failed"


UNKNOWN_RATES = """
components:
  - {id: app, type: client, label: Phone app, props: {rps: 100}}
  - {id: partners, type: client, label: Partner API}
  - {id: api, type: service, props: {replicas: 2, capacity_rps: 100}}
  - {id: orders_db, type: database, label: Orders}
  - {id: hook, type: service, props: {replicas: 2}}
links:
  - {from: app, to: api}
  - {from: partners, to: api}
  - {from: api, to: orders_db}
  - {from: orders_db, to: hook}
"""


def test_the_growth_summary_names_what_it_leaves_out_by_label(design_of, library) -> None:
    summary = analyze_growth(design_of(UNKNOWN_RATES), library, 2.0).summary
    assert "(no rps stated for Partner API: their traffic is left out)" in summary
    assert "(no link into Orders states `writes`: their change streams are left out)" in summary


def test_a_design_with_no_rate_says_which_client_to_set_by_label(design_of, library) -> None:
    design = design_of(UNKNOWN_RATES.replace("props: {rps: 100}", "props: {}"))
    summary = analyze_growth(design, library, 2.0).summary
    assert summary.startswith("Growth is unknown: no client states its rps (set `rps` on ")
    assert "Phone app, Partner API" in summary
