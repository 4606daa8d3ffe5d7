"""A verdict resting on a value the design does not state says what it assumed and is info;
the same verdict on a stated value keeps the rule's severity (the issue: "a finding whose
verdict rests on a library default says so and is info unless the design states the value").

Each row names a rule's `fires` case, the element whose deciding value is not stated there,
and the words that say so; the case's `expected.yaml` holds a stated twin at the old severity.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from archdraw.io import load, loads
from archdraw.library import Library, load_library
from archdraw.lint import lint_design
from archdraw.lint.types import Severity

CASES = Path(__file__).parent / "cases"


def said(name: str, default: object = None) -> str:
    """The words `LintContext.assumed` gives a value the design does not state."""
    if default is None:
        return f"`{name}` not stated"
    return f"`{name}` not stated: assuming the library default `{name}: {default}`"


UNSTATED = [
    ("AD105_single-zone", "search", f"one zone ({said('zones', 1)})"),
    ("AD106_zone-loss-overload", "proxy", f"({said('capacity_rps', 50000)})"),
    ("AD106_zone-loss-overload", "media", f"`replication: none` ({said('zones', 3)})"),
    (
        "AD108_scheduler-without-leader-election",
        "reports",
        f"no leader election ({said('leader_election', 'false')})",
    ),
    ("AD202_queue-without-dead-letter", "mail", f"({said('dead_letter', 'false')})"),
    (
        "AD210_cache-loss-overload",
        "warehouse",
        f"('memo': {said('hit_ratio', 0.8)}; 'warehouse': {said('replicas', 1)})",
    ),
    (
        "AD216_fan-out-on-write",
        "notify->inboxes",
        f"with no celebrity path ({said('celebrity_path', 'false')})",
    ),
    ("AD218_hot-key", "trending", f"({said('capacity_rps', 100000)})"),
    (
        "AD404_multi-writer-without-conflict-resolution",
        "sessions",
        f"({said('conflict_resolution', 'none')})",
    ),
    (
        "AD401_cross-region-sync-replication",
        "media-eu->media-us",
        f"to 'us' ({said('replication', 'sync')})",
    ),
    (
        "AD410_read-your-writes",
        "feed->likes-copy",
        f"copy of it ('likes': {said('replication', 'async')})",
    ),
    (
        "AD411_unreplicated-shard",
        "orders",
        f"one copy each ({said('replicas', 1)}; {said('replication', 'none')})",
    ),
    ("AD415_multi-service-write", "post", f"with no compensation ({said('compensation')})"),
    (
        "AD416_side-effect-retried",
        "refunds->bank",
        f"with no idempotency key ({said('idempotency_key', 'false')})",
    ),
    (
        "AD416_side-effect-retried",
        "tickets->printer",
        f"with no idempotency key ({said('idempotency_key', 'false')}) on a client's",
    ),
    (
        "AD418_lost-update",
        "withdrawals->balances",
        f"with no concurrency control ({said('concurrency_control')})",
    ),
    ("AD418_lost-update", "tally->stock", "how many instances it runs (`replicas` not stated)"),
    ("AD502_llm-without-fallback", "writer", f"({said('fallback', 'false')})"),
    ("AD505_tool-server-without-auth", "files", f"without authentication ({said('auth')})"),
    ("AD603_realtime-without-backplane", "unsaid", f"({said('backplane', 'false')})"),
    (
        "AD605_third-party-unprotected",
        "mailer->mail",
        f"with no circuit breaker or fallback ({said('circuit_breaker', 'false')})",
    ),
    (
        "AD701_llm-cost-over-budget",
        "helper",
        f"at the stated traffic ({said('model', 'gpt-4o')}; {said('tokens_in', 1500)}; "
        f"{said('tokens_out', 400)}), over",
    ),
]


@pytest.mark.parametrize(("case", "element", "words"), UNSTATED, ids=[r[0] for r in UNSTATED])
def test_a_verdict_on_an_unstated_value_says_so_and_is_info(
    case: str, element: str, words: str, library: Library
) -> None:
    code = case.split("_")[0]
    loaded = load(CASES / case / "fires.archdraw.yaml", library)
    found = [
        f
        for f in lint_design(loaded.design, library, loaded.locations)
        if f.code == code and element in (f.component, f.link)
    ]
    assert found, f"{code} does not fire on '{element}'"
    for finding in found:
        assert finding.severity == Severity.INFO
        assert words in finding.message
    stated = [
        f
        for f in lint_design(loaded.design, library, loaded.locations)
        if f.code == code and f.severity != Severity.INFO
    ]
    assert stated, f"{code} has no stated twin at its own severity in {case}"
    assert all(words not in f.message for f in stated)


def test_a_long_generation_on_the_default_latency_says_so_and_is_info(library: Library) -> None:
    """AD504 at a threshold the library's default latency reaches: the stated latency keeps
    the warning, the default one is asked about."""
    design = loads(
        "archdraw: 1\nname: waits\nlint: {options: {long_generation_ms: 1000}}\n"
        "components:\n"
        "  - {id: web, type: client}\n"
        "  - {id: api, type: service}\n"
        "  - {id: stated, type: llm, props: {latency_ms: 2000}}\n"
        "  - {id: fresh, type: llm}\n"
        "links:\n  - {from: web, to: api}\n  - {from: api, to: stated}\n"
        "  - {from: api, to: fresh}\n",
        "waits.archdraw.yaml",
        library,
    ).design
    found = {f.component: f for f in lint_design(design, library) if f.code == "AD504"}
    assert found["stated"].severity == Severity.WARNING
    assert "not stated" not in found["stated"].message
    assert found["fresh"].severity == Severity.INFO
    assert f"(2 s) ({said('latency_ms', 2000)})" in found["fresh"].message


def test_an_equal_timeout_on_a_type_default_says_so_and_is_info(tmp_path: Path) -> None:
    """AD207 on a caller whose timeout is its type's default (a user type with one): the
    verdict rests on that default, so it is info and says so; the stated twin is a warning."""
    (tmp_path / "rpc.yaml").write_text(
        "types:\n  - id: rpc_service\n    label: RPC service\n    category: compute\n"
        "    summary: A service whose framework waits 6 s by default.\n"
        "    properties:\n      timeout_ms: {default: 6000}\n",
        encoding="utf-8",
    )
    library = load_library(user_dirs=[tmp_path])
    design = loads(
        "archdraw: 1\nname: equal\ncomponents:\n"
        "  - {id: web, type: rpc_service}\n  - {id: said, type: service}\n"
        "  - {id: auth, type: service}\n  - {id: db, type: database}\n"
        "links:\n  - {from: web, to: auth}\n  - {from: said, to: auth, props: {timeout_ms: 6000}}\n"
        "  - {from: auth, to: db, props: {timeout_ms: 6000}}\n",
        "equal.archdraw.yaml",
        library,
    ).design
    found = {f.link: f for f in lint_design(design, library) if f.code == "AD207"}
    assert found["said->auth"].severity == Severity.WARNING
    assert "not stated" not in found["said->auth"].message
    assert found["web->auth"].severity == Severity.INFO
    assert f"('web → auth': {said('timeout_ms', 6000)})" in found["web->auth"].message


INFO_RULES = [
    ("AD107_single-region-store", "db", f"region 'eu' ({said('failover', 'none')})"),
    ("AD110_failover-loses-writes", "carts", f"standby ({said('replication', 'async')})"),
    (
        "AD307_vector-db-without-tenant-isolation",
        "vectors",
        f"queries ({said('tenant_isolation', 'false')}; {said('auth')})",
    ),
    ("AD506_llm-responses-not-cached", "llm", f"cached ({said('cache_responses', 'false')})"),
]


@pytest.mark.parametrize(("case", "element", "words"), INFO_RULES, ids=[r[0] for r in INFO_RULES])
def test_an_info_rule_says_what_it_assumed(
    case: str, element: str, words: str, library: Library
) -> None:
    """Rules that are info anyway still say which of their verdict the design does not state."""
    code = case.split("_")[0]
    loaded = load(CASES / case / "fires.archdraw.yaml", library)
    (finding,) = [
        f
        for f in lint_design(loaded.design, library, loaded.locations)
        if f.code == code and f.component == element
    ]
    assert finding.severity == Severity.INFO
    assert words in finding.message
