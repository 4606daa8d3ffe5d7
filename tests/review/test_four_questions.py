"""The four questions answered for the design at hand, as a learner's reviewer would: the
partial-failure and delivery findings under their questions, a region that takes every
request with it in the answer, what makes a retry safe, and order per key."""

from __future__ import annotations

from archdraw.cost import load_prices
from archdraw.library import Library
from archdraw.review import build_review
from archdraw.review.model import Review

CHARGE = """
archdraw: 1
name: charge
zones:
  - {id: east, kind: region}
components:
  - {id: shop, type: client, props: {rps: 10}}
  - {id: api, type: service, zone: east, props: {replicas: 2, auth: true, rate_limit: 5}}
  - {id: db, type: database, zone: east,
     props: {replicas: 2, replication: sync, failover: active-standby}}
  - {id: psp, type: external_api, label: Card networks,
     props: {timeout_ms: 1000, circuit_breaker: true, fallback: true}}
links:
  - {from: shop, to: api, props: {timeout_ms: 5000}}
  - {from: api, to: db, props: {writes: true, timeout_ms: 500}}
  - {from: api, to: psp, props: {side_effect: true, retries: 2, timeout_ms: 1000KEY}}
"""


def review(load_text, library: Library, text: str) -> Review:  # type: ignore[no-untyped-def]
    return build_review(load_text(text).design, library, load_prices())


def test_a_retried_side_effect_is_answered_under_fails_halfway(load_text, library) -> None:  # type: ignore[no-untyped-def]
    fails = review(load_text, library, CHARGE.replace("KEY", "")).section("fails")
    assert [i.code for i in fails.items if i.code == "AD416"] == ["AD416"]
    keyed = review(load_text, library, CHARGE.replace("KEY", ", idempotency_key: true"))
    items = [i.text for i in keyed.section("fails").items]
    assert not any(text.startswith("AD416") for text in items)
    assert (
        "api → Card networks has a side effect, done once however often it is retried: the "
        "caller sends an idempotency key" in items
    )
    saga = CHARGE.replace("KEY", ", idempotency_key: true").replace(
        "auth: true, rate_limit: 5}", "auth: true, rate_limit: 5, compensation: saga}"
    )
    items = [i.text for i in review(load_text, library, saga).section("fails").items]
    assert (
        "api recovers from a failure halfway by a saga (each step recorded, then finished "
        "or undone)" in items
    )


def test_a_region_that_takes_every_request_is_in_the_answer(load_text, library) -> None:  # type: ignore[no-untyped-def]
    fails = review(load_text, library, CHARGE.replace("KEY", "")).section("fails")
    assert fails.answer == (
        "No single component failure fails every request. Losing region east fails every "
        "request: nothing outside it takes over. Stopped partway: 2 to check (AD415, AD416, "
        "info)."
    )
    assert fails.rows[0][0] == "region east"
    # When no one loss takes every request, the answer names the worst one.
    partial = """
archdraw: 1
name: partial
zones:
  - {id: east, kind: region}
components:
  - {id: web, type: client, props: {rps: 100}}
  - {id: api, type: service, props: {replicas: 2}}
  - {id: search, type: service, zone: east, props: {replicas: 2}}
links:
  - {from: web, to: api}
  - {from: api, to: search, props: {calls: 0.3}}
"""
    assert review(load_text, library, partial).section("fails").answer == (
        "No single component failure fails every request. The worst single loss: region "
        "east, 30.0% of requests."
    )


def test_an_identity_provider_and_authenticated_links_are_not_called_open(
    load_text, library
) -> None:  # type: ignore[no-untyped-def]
    design = """
archdraw: 1
name: plug
components:
  - {id: phone, type: client, props: {rps: 10}}
  - {id: chat, type: realtime_gateway, props: {rate_limit: 5, versioned: true}}
  - {id: signup, type: auth, label: Registration, props: {rate_limit: 0.1}}
  - {id: open, type: api_gateway, props: {rate_limit: 5, versioned: true}}
links:
  - {from: phone, to: chat, props: {auth: true}}
  - {from: phone, to: signup}
  - {from: phone, to: open}
"""
    section = review(load_text, library, design).section("plug")
    # An identity provider takes no `versioned`: it is not asked for one it cannot state.
    assert section.rows == [
        ("chat", "realtime_gateway", "yes, on its links", "5/s per client", "yes"),
        ("Registration", "auth", "issues it", "0.1/s per client", "n/a"),
        ("open", "api_gateway", "not stated", "5/s per client", "yes"),
    ]
    # `auth` not stated is a question (AD302 asks it as info), not a "no".
    assert section.answer == ("3 extension points; 1 does not state its authentication: open.")
    assert [(i.code, i.severity) for i in section.items if i.elements == ("open",)] == [
        ("AD302", "info")
    ]


def test_order_is_per_key_and_telemetry_is_set_apart(load_text, library) -> None:  # type: ignore[no-untyped-def]
    design = """
archdraw: 1
name: order
components:
  - {id: api, type: service}
  - {id: events, type: stream, props: {partition_key: account_id, ordered: true}}
  - {id: ledger, type: worker, props: {idempotent: true, ordered: true}}
  - {id: jobs, type: queue, props: {delivery: at-most-once}}
  - {id: mailer, type: worker}
  - {id: mon, type: monitoring}
  - {id: inbox, type: nosql_database, props: {partition_key: recipient}}
  - {id: notes, type: device_cache, label: Phone notes, props: {offline_writes: true}}
links:
  - {from: api, to: events, kind: async}
  - {from: events, to: ledger, kind: async}
  - {from: api, to: jobs, kind: async}
  - {from: jobs, to: mailer, kind: async}
  - {from: api, to: mon, kind: async}
"""
    section = review(load_text, library, design).section("order")
    # Absent `dead_letter` and `idempotent` are "not stated", as AD202 and AD402 say.
    assert ("events → ledger", "yes, per account_id", "yes", "not stated") in section.rows
    assert ("api → events", "yes, per account_id", "n/a (broker)", "not stated") in section.rows
    assert ("jobs → mailer", "no", "not stated", "not stated") in section.rows
    assert all("mon" not in row[0] for row in section.rows)
    assert "AD414" in {i.code for i in section.items}
    assert (
        "inbox keeps each recipient's data in one partition (`partition_key`): its writes can "
        "keep their order per recipient, never across them"
    ) in [i.text for i in section.items]
    # Offline writes are data out of order by nature: said, with what reconciles them.
    assert (
        "Phone notes takes writes while offline (`offline_writes`): they reach the servers "
        "late, after writes made later elsewhere; how they are reconciled is not stated "
        "(`conflict_resolution`)"
    ) in [i.text for i in section.items]
    assert section.answer.startswith(
        "4 asynchronous links carry data: 2 ordered, 1 of 2 consumers idempotent, "
        "0 with a dead-letter path; "
    )


def test_a_standbys_load_counts_the_writes_it_copies(load_text, library) -> None:  # type: ignore[no-untyped-def]
    design = """
archdraw: 1
name: standby
components:
  - {id: web, type: client, props: {rps: 100}}
  - {id: db, type: database, props: {replicas: 1, capacity_rps: 500}}
  - {id: copy, type: database, label: Standby, props: {replicas: 1, capacity_rps: 500}}
links:
  - {from: web, to: db, props: {writes: true}}
  - {from: db, to: copy, kind: replication, props: {replication: async}}
"""
    rows = review(load_text, library, design).section("grows").rows
    # No request reaches the standby, yet it applies db's 100 writes/s: saturates at 5x.
    assert ("Standby", "0 req/s + 100 writes/s copied from its source", "5x") in [
        row[:3] for row in rows
    ]


def test_a_latency_derived_from_capacity_is_named_as_derived(load_text, library) -> None:  # type: ignore[no-untyped-def]
    design = """
archdraw: 1
name: derived
components:
  - {id: web, type: client, props: {rps: 100}}
  - {id: db, type: database, label: Orders, props: {replicas: 2, capacity_rps: 20000}}
  - {id: api, type: service, props: {replicas: 2, capacity_rps: 500, latency_ms: 20}}
links:
  - {from: web, to: api}
  - {from: api, to: db}
"""
    section = review(load_text, library, design).section("assumptions")
    # A database has no default `latency_ms`: its 0.05 ms is 1 / 20,000 req/s, not a
    # library figure nor the design's, and a reader must not take it for either.
    assert "; 1 latency is derived from capacity; prices are list prices." in section.answer
    derived = [i for i in section.items if "derived from capacity" in i.text]
    assert [i.elements for i in derived] == [("db",)]
    assert "(Orders: 0.05 ms at 20,000 req/s)" in derived[0].text


def test_answers_say_what_rests_on_a_default(load_text, library) -> None:  # type: ignore[no-untyped-def]
    design = """
archdraw: 1
name: first try
components:
  - {id: phone, type: client, props: {rps: 20}}
  - {id: chat, type: service, props: {replicas: 2}}
  - {id: db, type: database}
  - {id: q, type: queue}
  - {id: pusher, type: worker}
links:
  - {from: phone, to: chat}
  - {from: chat, to: db, props: {writes: true}}
  - {from: chat, to: q, kind: async}
  - {from: q, to: pusher, kind: async}
"""
    built = review(load_text, library, design)
    # db's one instance is the library's default, as AD101 says (info), not the design's word.
    assert built.section("fails").answer == (
        "1 single point of failure, each failing every request: db (`replicas` not stated, "
        "the library default). Stopped partway: 1 to check (AD402, info)."
    )
    # The info findings (a dead letter and idempotency not stated) are counted, not hidden.
    assert built.section("order").answer.endswith(
        "0 ordering, idempotency, delivery or concurrency findings and 2 to check (info)."
    )


def test_a_limit_stated_without_its_figure_is_a_limit(load_text, library) -> None:  # type: ignore[no-untyped-def]
    design = """
archdraw: 1
name: plug
components:
  - {id: guests, type: client, props: {rps: 10}}
  - {id: gw, type: api_gateway, props: {limits_rate: true, auth: true, versioned: true}}
  - {id: edge, type: load_balancer, props: {limits_rate: true}}
  - {id: api, type: service, props: {auth: true}}
links:
  - {from: guests, to: gw}
  - {from: guests, to: edge}
  - {from: edge, to: api}
"""
    section = review(load_text, library, design).section("plug")
    rows = {row[0]: row[3] for row in section.rows}
    assert rows == {"gw": "yes (figure not stated)", "api": "yes, at edge"}
