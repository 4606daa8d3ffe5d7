"""The cost estimate on designs whose figures are worked out by hand below.

Prices used (component_library/prices/cloud.yaml, 730 hours a month): vm.general
0.096/h, db.instance 0.178/h, db.storage 0.115/GB-month, lb.hour 0.0225/h,
egress.internet 0.09/GB, egress.region 0.02/GB; llm.yaml: gpt-4o-mini 0.15 / 0.6,
text-embedding-3-small 0.02 per million tokens. A month has 730 x 3600 = 2,628,000 s.
"""

from __future__ import annotations

import pytest

from archdraw.cost import cost_steps, estimate, load_prices
from archdraw.library import Library
from archdraw.model import Design

SECONDS = 730 * 3600

WEB_APP = """
components:
  - {id: users, type: client, props: {rps: 100}}
  - {id: lb, type: load_balancer, props: {replicas: 2}}
  - {id: web, type: service, props: {replicas: 3, capacity_rps: 100}}
  - {id: db, type: database, props: {replicas: 2, storage_gb: 100}}
links:
  - {from: users, to: lb, props: {payload_kb: 50}}
  - {from: lb, to: web}
  - {from: web, to: db}
cost: {average_load: 0.5}
"""


@pytest.fixture(scope="module")
def book():  # type: ignore[no-untyped-def]
    return load_prices()


def test_web_app_by_hand(design_of, library: Library, book) -> None:  # type: ignore[no-untyped-def]
    cost = estimate(design_of(WEB_APP), library, book)
    parts = {c.id: c.total() for c in cost.components.values()}
    # lb: 2 x 730 x 0.0225 = 32.85 compute, and the answers to users:
    # 100 req/s x 0.5 average x 50 KB = 2.5 MB/s = 6,570 GB a month x 0.09 = 591.30.
    assert parts["lb"] == pytest.approx(32.85 + 591.30)
    assert parts["web"] == pytest.approx(3 * 730 * 0.096)  # 210.24
    # 2 x 730 x 0.178 = 259.88, and 100 GB on each of 2 copies x 0.115 = 23.
    assert parts["db"] == pytest.approx(259.88 + 23.0)
    assert cost.baseline == pytest.approx(32.85 + 210.24 + 259.88 + 23.0)
    assert cost.usage == pytest.approx(591.30)
    assert cost.low == pytest.approx(cost.total) == pytest.approx(cost.high)
    assert cost.components["users"].status == "not billed"
    assert cost.coverage() == {"stated": 3, "default": 0, "not priced": 0, "not billed": 1}


def test_web_app_grows_in_steps(design_of, library: Library, book) -> None:  # type: ignore[no-untyped-def]
    design = design_of(WEB_APP)
    grown = estimate(design, library, book, 10.0)
    # 1,000 req/s on web at 100 per replica and 70 % utilization: ceil(1000 / 70) = 15 replicas.
    assert grown.components["web"].total() == pytest.approx(15 * 730 * 0.096)
    detail = grown.components["web"].lines[0].detail
    assert detail.startswith("15 instances (re-sized for the growth from 3 instances) x 730 h")
    assert grown.components["web"].instances.total == 3  # type: ignore[union-attr]
    assert grown.components["web"].machines == 15
    assert grown.components["lb"].total() == pytest.approx(32.85 + 5913.0)
    # Between two growths that need the same replicas, only usage moves: a step function.
    at_11 = estimate(design, library, book, 10.4).components["web"].total()
    assert at_11 == grown.components["web"].total()


RAG = """
components:
  - {id: users, type: client, props: {rps: 20}}
  - {id: rag, type: service, props: {replicas: 2}}
  - {id: embed, type: embedding_model, props: {model: text-embedding-3-small, tokens_in: 50}}
  - {id: llm, type: llm, props: {model: gpt-4o-mini, tokens_in: 3000, tokens_out: 300}}
links:
  - {from: users, to: rag}
  - {from: rag, to: embed}
  - {from: rag, to: llm}
cost: {average_load: 0.25}
"""
# 20 req/s x 0.25 x 2,628,000 s = 13,140,000 calls a month.
CALLS = 20 * 0.25 * SECONDS


def test_rag_tokens_by_hand(design_of, library: Library, book) -> None:  # type: ignore[no-untyped-def]
    cost = estimate(design_of(RAG), library, book)
    # (3,000 x 0.15 + 300 x 0.6) / 10^6 = 0.00063 per call: 8,278.20 a month.
    assert cost.components["llm"].total() == pytest.approx(CALLS * 0.00063)
    assert cost.components["llm"].total() == pytest.approx(8278.2)
    # 50 x 0.02 / 10^6 = 10^-6 per call: 13.14.
    assert cost.components["embed"].total() == pytest.approx(13.14)
    assert cost.components["rag"].total() == pytest.approx(140.16)
    assert cost.usage == pytest.approx(8278.2 + 13.14)
    assert all(
        line.basis == "derived" for c in ("llm", "embed") for line in cost.components[c].lines
    )


def test_overridden_token_price(design_of, library: Library, book) -> None:  # type: ignore[no-untyped-def]
    text = RAG.replace(
        "cost: {average_load: 0.25}",
        "cost: {average_load: 0.25, prices: {gpt-4o-mini.input_per_mtok: 0.3}}",
    )
    cost = estimate(design_of(text), library, book)
    # (3,000 x 0.3 + 300 x 0.6) / 10^6 = 0.00108 per call.
    assert cost.components["llm"].total() == pytest.approx(CALLS * 0.00108)
    assert "gpt-4o-mini.input_per_mtok" in cost.book.overridden


def test_overridden_machine_price(design_of, library: Library, book) -> None:  # type: ignore[no-untyped-def]
    text = RAG.replace(
        "cost: {average_load: 0.25}", "cost: {average_load: 0.25, prices: {vm.general: 0.05}}"
    )
    cost = estimate(design_of(text), library, book)
    assert cost.components["rag"].total() == pytest.approx(2 * 730 * 0.05)
    assert book.prices["vm.general"].price == 0.096  # the shared book is untouched


def test_unknown_usage_is_named_never_zero(design_of, library: Library, book) -> None:  # type: ignore[no-untyped-def]
    text = RAG.replace("  - {id: rag,", "  - {id: partners, type: client}\n  - {id: rag,").replace(
        "  - {from: rag, to: llm}", "  - {from: rag, to: llm}\n  - {from: partners, to: rag}"
    )
    cost = estimate(design_of(text), library, book)
    llm = cost.components["llm"]
    assert llm.lines[0].monthly is None
    assert llm.lines[0].unknown == "depends on usage: set `rps` on client 'partners'"
    assert llm.lines[0].at_least == pytest.approx(8278.2)  # what the known client alone costs
    assert llm.status == "not priced"
    assert cost.components["rag"].status == "stated"  # its replicas are billed whatever the usage


def test_default_tokens_give_a_range(design_of, library: Library, book) -> None:  # type: ignore[no-untyped-def]
    text = RAG.replace(", tokens_in: 3000, tokens_out: 300", "")
    cost = estimate(design_of(text), library, book)
    line = cost.components["llm"].lines[0]
    # Library defaults 1,500 in and 400 out: (1500 x 0.15 + 400 x 0.6) / 10^6 = 0.000465.
    assert line.monthly == pytest.approx(CALLS * 0.000465)
    assert line.basis == "default"
    assert (line.low, line.high) == pytest.approx((line.monthly / 2, line.monthly * 2))
    assert cost.components["llm"].status == "default"


MULTI_REGION = """
zones:
  - {id: eu, kind: region}
  - {id: us, kind: region}
components:
  - {id: users, type: client, props: {rps: 100}}
  - {id: api, type: service, zone: eu, props: {replicas: 2}}
  - {id: db, type: database, zone: eu, props: {replicas: 2, storage_gb: 200}}
  - {id: db_us, type: database, zone: us, props: {replicas: 1, storage_gb: 200}}
links:
  - {from: users, to: api}
  - {from: api, to: db, props: {calls: 0.75}}
  - {id: api-writes, from: api, to: db, props: {calls: 0.25, writes: true}}
  - {from: db, to: db_us, kind: replication, props: {payload_kb: 2}}
cost: {average_load: 0.5}
"""


def test_multi_region_database_by_hand(design_of, library: Library, book) -> None:  # type: ignore[no-untyped-def]
    cost = estimate(design_of(MULTI_REGION), library, book)
    parts = {c.id: c.total() for c in cost.components.values()}
    assert parts["api"] == pytest.approx(140.16)
    assert parts["db"] == pytest.approx(259.88 + 200 * 2 * 0.115 + 25 * 0.5 * 2e-6 * SECONDS * 0.02)
    # The standby is billed although it serves nothing: 1 x 730 x 0.178 + 200 GB x 0.115.
    assert parts["db_us"] == pytest.approx(129.94 + 23.0)
    transfer = [line for line in cost.components["db"].lines if line.kind == "transfer"]
    # Only the writes are copied: 25 writes/s x 0.5 x 2 KB x 2,628,000 s = 65.7 GB x 0.02.
    assert transfer[0].monthly == pytest.approx(1.314)
    assert transfer[0].detail.startswith("db->db_us: 25 writes/s peak x 0.5 average x 2 KB")


def test_a_change_stream_to_another_region_sends_writes(design_of, library: Library, book) -> None:  # type: ignore[no-untyped-def]
    """A store's links out carry its writes (`archdraw.analysis.traffic`), not its reads."""
    design = design_of(
        MULTI_REGION.replace(
            "kind: replication, props: {payload_kb: 2}}",
            "kind: replication}\n  - {from: db, to: sink, kind: async, props: {payload_kb: 2}}",
        ).replace("links:", "  - {id: sink, type: worker, zone: us, props: {replicas: 1}}\nlinks:")
    )
    for growth, writes in ((1.0, 25), (10.0, 250)):
        cost = estimate(design, library, book, growth)
        transfer = [line for line in cost.components["db"].lines if line.kind == "transfer"]
        assert transfer[0].detail.startswith(f"db->sink: {writes} writes/s peak x 0.5 average")
        assert transfer[0].monthly == pytest.approx(1.314 * growth)


def test_default_average_load_is_marked(design_of, library: Library, book) -> None:  # type: ignore[no-untyped-def]
    design: Design = design_of(WEB_APP.replace("cost: {average_load: 0.5}", ""))
    cost = estimate(design, library, book)
    transfer = cost.components["lb"].lines[-1]
    assert transfer.basis == "default"
    assert transfer.monthly == pytest.approx(591.30 * 0.4 / 0.5)


def test_no_stated_traffic_is_unknown(design_of, library: Library, book) -> None:  # type: ignore[no-untyped-def]
    # SQS: billed only per request, and no request is known.
    design = design_of("components:\n  - {id: q, type: queue, props: {managed: true}}\n")
    cost = estimate(design, library, book)
    assert cost.total == 0
    assert cost.unknown[0].unknown.startswith(
        "no stated traffic reaches the component, so usage is unknown: set `rps`"
    )


def test_baseline_cost_is_a_step_function(design_of, library: Library, book) -> None:  # type: ignore[no-untyped-def]
    design = design_of(WEB_APP.replace(", props: {payload_kb: 50}", ""))
    steps = dict(cost_steps(design, library, book, [1.0, 1.2, 2.0, 2.2]))
    # web: 100 req/s x g at 100 per replica and 70 %: ceil(100 g / 70) replicas, never
    # fewer than the 3 drawn: 3 up to 2.1x, then 4 (one more replica, 730 x 0.096 = 70.08).
    assert steps[1.0] == steps[1.2] == steps[2.0]
    assert steps[2.2] - steps[2.0] == pytest.approx(70.08)


def test_a_firewall_is_not_priced_until_the_design_states_its_price(
    design_of, library: Library, book
) -> None:  # type: ignore[no-untyped-def]
    # A WAF bills per web ACL, rule and request; a network firewall per endpoint-hour and
    # GB: one type, no honest shared price, so the table has none and the estimate says so.
    body = """
components:
  - {id: users, type: client, props: {rps: 10}}
  - {id: waf, type: firewall}
  - {id: edge, type: firewall, props: {replicas: 2, price_per_hour: 0.395}}
links:
  - {from: users, to: waf}
  - {from: users, to: edge}
"""
    cost = estimate(design_of(body), library, book)
    waf, edge = cost.components["waf"], cost.components["edge"]
    assert waf.status == "not priced" and waf.total() == 0
    assert "no price for type 'firewall'" in waf.reason and "price_per_hour" in waf.reason
    assert edge.status == "stated"
    assert edge.total() == pytest.approx(2 * 0.395 * 730)


def test_a_provider_run_service_is_billed_as_one_and_not_re_sized(
    design_of, library: Library, book
) -> None:  # type: ignore[no-untyped-def]
    design = design_of(
        """
components:
  - {id: app, type: client, props: {rps: 100}}
  - {id: model, type: llm, props: {zones: 3, capacity_rps: 120, price_per_hour: 2.0,
     model: gpt-4o, tokens_in: 1000, tokens_out: 100}}
links:
  - {from: app, to: model}
"""
    )
    # One endpoint the provider runs over 3 zones: one hour of its price, not one per zone.
    today = estimate(design, library, book).components["model"]
    assert (today.machines, today.lines[0].kind) == (1, "compute")
    assert today.lines[0].monthly == pytest.approx(730 * 2.0)
    # At 10x it needs capacity from its provider, not 12 replicas of ours at its hourly price.
    grown = estimate(design, library, book, 10.0).components["model"]
    assert grown.machines == 1
    assert grown.lines[0].monthly == pytest.approx(730 * 2.0)
