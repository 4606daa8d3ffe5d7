"""Data roles: copies, partitions, replication targets, standbys and the store a cache fronts."""

from __future__ import annotations

from archdraw.analysis.roles import data_roles

PRIMARY_AND_COPIES = """
zones:
  - {id: main, kind: region}
  - {id: dr, kind: region}
components:
  - {id: web, type: client, props: {rps: 100}}
  - {id: dns, type: dns}
  - {id: api, type: service, zone: main, props: {replicas: 2}}
  - {id: db, type: database, zone: main,
     props: {replicas: 3, failover: active-standby, replication: async}}
  - {id: reader, type: database, zone: main, props: {replicas: 2}}
  - {id: geo, type: nosql_database, zone: dr, props: {conflict_resolution: last-write-wins}}
  - {id: orders, type: database, zone: main, props: {replicas: 3, shards: 3}}
  - {id: dr_api, type: service, zone: dr, props: {replicas: 2}}
  - {id: dr_db, type: database, zone: dr, props: {replicas: 2}}
links:
  - {from: web, to: dns, props: {calls: 0.01}}
  - {from: web, to: api}
  - {from: dns, to: dr_api, props: {calls: 0}}
  - {from: dr_api, to: dr_db}
  - {from: api, to: db, props: {writes: true}}
  - {from: api, to: reader}
  - {from: api, to: orders}
  - {from: db, to: reader, kind: replication}
  - {from: db, to: geo, kind: replication}
  - {from: db, to: dr_db, kind: replication}
"""


def test_replicas_are_copies_and_shards_are_partitions(design_of, library) -> None:
    roles = data_roles(design_of(PRIMARY_AND_COPIES), library)
    db = roles.of("db")
    assert db is not None
    assert (db.kind, db.instances, db.shards, db.copies, db.writable, db.takes_over) == (
        "primary",
        3,
        1,
        3,
        True,
        True,
    )
    orders = roles.of("orders")
    assert orders is not None
    assert (orders.shards, orders.copies, orders.unreplicated_shards) == (3, 1, True)
    assert roles.of("api") is None  # stateless: no data role


def test_replication_targets_are_read_only_copies_unless_multi_primary(design_of, library) -> None:
    roles = data_roles(design_of(PRIMARY_AND_COPIES), library)
    reader, geo = roles.of("reader"), roles.of("geo")
    assert reader is not None and geo is not None
    assert (reader.kind, reader.writable, reader.source) == ("replica", False, "db")
    assert (geo.kind, geo.writable) == ("multi-primary", True)
    assert roles.is_copy("reader") and not roles.is_copy("db")
    assert roles.primary_of("reader") == "db" and roles.primary_of("db") == "db"
    assert roles.copies_of("db") == ["dr_db", "geo", "reader"]


def test_a_region_behind_dns_failover_is_a_standby(design_of, library) -> None:
    roles = data_roles(design_of(PRIMARY_AND_COPIES), library)
    assert roles.standbys == {"dr_api", "dr_db", "geo"}
    # `reader` serves requests: a copy, not a standby; `geo` is a copy nobody reads, of a
    # primary with a failover: promoted when the primary fails.
    assert not roles.is_standby("reader")
    assert roles.is_standby("dr_db")


def test_a_chain_of_copies_leads_back_to_its_primary(design_of, library) -> None:
    body = """
components:
  - {id: a, type: database}
  - {id: b, type: database}
  - {id: c, type: database}
links:
  - {from: a, to: b, kind: replication}
  - {from: b, to: c, kind: replication}
  - {from: c, to: a, kind: replication}
"""
    roles = data_roles(design_of(body), library)
    # A cycle of copies has no original: the walk stops where it started.
    assert roles.primary_of("c") in {"a", "b", "c"}
    body = body.replace("  - {from: c, to: a, kind: replication}\n", "")
    assert data_roles(design_of(body), library).primary_of("c") == "a"


def test_the_store_a_cache_fronts(design_of, library) -> None:
    body = """
components:
  - {id: web, type: client, props: {rps: 10}}
  - {id: api, type: service}
  - {id: aside, type: cache}
  - {id: through, type: cache}
  - {id: named, type: cache, props: {fronts: other}}
  - {id: users, type: database}
  - {id: other, type: database}
links:
  - {from: web, to: api}
  - {from: api, to: aside}
  - {from: api, to: users}
  - {from: api, to: through}
  - {from: through, to: other}
  - {from: api, to: named}
"""
    roles = data_roles(design_of(body), library)
    fronts = {
        c: (r.fronts, r.fronts_basis) for c in ("aside", "through", "named") if (r := roles.of(c))
    }
    assert fronts == {
        "aside": ("users", "inferred"),  # the store its caller also calls
        "through": ("other", "inferred"),
        "named": ("other", "stated"),
    }


def test_stream_partitions_share_brokers(design_of, library) -> None:
    body = """
components:
  - {id: events, type: stream, props: {shards: 64, replicas: 3, replication: sync}}
  - {id: log, type: stream, props: {shards: 64, replicas: 3, replication: none}}
  - {id: wide, type: stream, props: {shards: 64, replicas: 6}}
  - {id: small, type: stream, props: {shards: 4, replicas: 2}}
  - {id: one, type: stream, props: {shards: 64, replicas: 6, replication_factor: 1}}
"""
    roles = data_roles(design_of(body), library)
    found = {cid: roles.of(cid) for cid in ("events", "log", "wide", "small", "one")}
    copies = {cid: (r.instances, r.copies) for cid, r in found.items() if r is not None}
    # Each partition on `replication_factor` brokers (3 by default), however many
    # partitions there are; never two copies on one broker; none with `replication: none`.
    assert copies == {
        "events": (3, 3),
        "log": (3, 1),
        "wide": (6, 3),
        "small": (2, 2),
        "one": (6, 1),
    }
    assert found["log"] is not None and found["log"].unreplicated_shards
    assert found["one"] is not None and found["one"].unreplicated_shards
