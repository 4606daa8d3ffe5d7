"""Messages carry this design's numbers, formatted as a reader expects them."""

from __future__ import annotations

from pathlib import Path

from archdraw.io import load, loads
from archdraw.library import Library
from archdraw.lint import lint_design
from archdraw.lint.rules.traffic.saturation import rate
from archdraw.model import Design
from archdraw.model.edits import SetLinkProperties

CASES = Path(__file__).parent / "cases"


def load_text_design(body: str, library: Library) -> Design:
    return loads(f"archdraw: 1\nname: messages\n{body}", "test.archdraw.yaml", library).design


def messages(case: str, code: str, element: str, library: Library) -> list[str]:
    loaded = load(CASES / case / "fires.archdraw.yaml", library)
    found = lint_design(loaded.design, library, loaded.locations)
    return [f.message for f in found if f.code == code and element in (f.component, f.link)]


def test_rates_keep_their_significant_digits() -> None:
    assert [rate(v) for v in (0.5, 0.0123, 12.34, 900, 1234.5, 0)] == [
        "0.5",
        "0.0123",
        "12.3",
        "900",
        "1,234",
        "0",
    ]


def test_saturation_names_a_fractional_capacity(library: Library) -> None:
    (message,) = messages("AD209_saturation", "AD209", "gpu", library)
    assert "utilization: 2.25 req/s for 4 x 0.5 req/s" in message


def test_a_saturated_bucket_needs_capacity_from_its_provider_not_replicas(
    library: Library,
) -> None:
    loaded = load_text_design(
        "components:\n"
        "  - {id: web, type: client, props: {rps: 3000}}\n"
        "  - {id: media, type: object_storage, props: {zones: 3, capacity_rps: 2000}}\n"
        "links:\n  - {from: web, to: media}\n",
        library,
    )
    (finding,) = [f for f in lint_design(loaded, library) if f.code == "AD209"]
    # The bucket's 2,000 req/s is the service's, not one of three zone copies'.
    assert "utilization: 3,000 req/s for 1 x 2,000 req/s; one managed service" in finding.message
    assert finding.message.endswith("it needs 4,286 req/s from its provider")
    assert finding.fix is None  # `replicas` would say we run its machines


def test_backlog_names_the_lagging_consumer_group(library: Library) -> None:
    (message,) = messages("AD213_backlog-grows", "AD213", "events", library)
    assert "'analytics'" in message and "grows by 200 every second" in message


def test_cross_region_fix_makes_that_link_async_and_keeps_the_store_sync(
    library: Library,
) -> None:
    loaded = load(CASES / "AD401_cross-region-sync-replication" / "fires.archdraw.yaml", library)
    design = loaded.design
    for finding in [f for f in lint_design(design, library) if f.code == "AD401"]:
        assert finding.fix is not None and finding.fix.link == finding.link
        SetLinkProperties(finding.link or "", finding.fix.props).apply(design)
    assert [f for f in lint_design(design, library) if f.code == "AD401"] == []
    store = design.component("db-eu")
    assert store is not None and library.prop(store, "replication") == "sync"


def test_a_cache_in_one_zone_misses_it_does_not_fail(library: Library) -> None:
    """AD105 says what losing a cache's zone does to the store it fronts (the clean case has
    a store that takes every miss: not reported)."""
    (message,) = messages("AD105_single-zone", "AD105", "sessions", library)
    assert "stops every request" not in message
    assert "'db' then gets 100 req/s instead of 10, above its 60 req/s" in message


def test_queue_without_producer_names_a_consumer_not_the_dead_letter_queue(
    library: Library,
) -> None:
    (message,) = messages("AD212_queue-without-producer", "AD212", "payments", library)
    assert message.startswith("'charger' consumes 'payments'")


def test_single_region_store_names_the_region_by_label_else_id(library: Library) -> None:
    (message,) = messages("AD107_single-region-store", "AD107", "db", library)
    assert "only in region 'eu'" in message  # no label (as imported designs have): the id
    loaded = load(CASES / "AD107_single-region-store" / "fires.archdraw.yaml", library)
    design = loaded.design
    design.zones[0].label = "Europe (Ireland)"
    (found,) = [f for f in lint_design(design, library) if f.code == "AD107"]
    assert "only in region 'Europe (Ireland)'" in found.message


def test_links_and_chains_are_written_with_the_arrow_the_editor_writes(library: Library) -> None:
    # The History tab and the Edit menu name a link "Source → Target"; AD301 and AD204 wrote
    # "->" (the link's key in the file keeps it: `link: web->lb` stays the finding's key).
    (unknown,) = messages("AD301_public-without-tls", "AD301", "web->lb", library)
    assert "encryption not stated for 'web → lb'" in unknown
    (chain,) = messages("AD204_deep-sync-chain", "AD204", "web", library)
    assert chain.endswith("web → lb → gw → bff → orders → pricing → db")
    assert "->" not in unknown + chain


def test_retry_and_timeout_messages_name_a_link_by_its_ends_as_the_editor_does(
    library: Library,
) -> None:
    # AD206 and AD207 name the link a request goes through; the editor writes "A → B".
    (amplified,) = messages("AD206_retry-amplification", "AD206", "gw->api", library)
    assert "through 'gw → api'" in amplified
    inverted = messages("AD207_timeout-inversion", "AD207", "gw->api", library)
    assert [m for m in inverted if "on 'api → db'" in m], inverted
    # An equal wait is named as one: the two give up together.
    (equal,) = messages("AD207_timeout-inversion", "AD207", "webui->auth", library)
    assert "waits 6000 ms for 'auth', which may itself wait as long (6000 ms)" in equal
    assert "on 'auth → persistence'" in equal and "at the same moment" in equal
    assert not [m for m in [amplified, *inverted] if "->" in m]


def test_unstated_encryption_names_the_property_a_label_does_not_set(library: Library) -> None:
    # A learner who labels the link "HTTPS" was told "(or the protocol, e.g. HTTPS)".
    design = load_text_design(
        "components:\n  - {id: app, type: client}\n  - {id: api, type: service}\n"
        "links:\n  - {from: app, to: api, label: HTTPS}\n",
        library,
    )
    [message] = [f.message for f in lint_design(design, library) if f.code == "AD301"]
    assert message.endswith(
        "say `tls: true` or `protocol: HTTPS` on the entry links or their targets (a `label` "
        "is display text: it states nothing)"
    )


def test_offline_writes_name_the_app_whose_links_do_not_say_they_write(library: Library) -> None:
    # The app reaches a backend but only reads from it: what would make it the sync path.
    (message,) = messages("AD408_offline-writes-without-sync", "AD408", "local", library)
    assert "('app' reaches a backend, but none of its links says `writes: true`)" in message


def test_an_unstated_quota_is_the_limit_its_owner_sets(library: Library) -> None:
    # A tenant's webhook endpoint is not a provider: the limit is whoever runs it.
    design = load_text_design(
        "components:\n  - {id: svc, type: worker, props: {rps: 1}}\n"
        "  - {id: hooks, type: external_api, label: Tenants' endpoints}\n"
        "links:\n  - {from: svc, to: hooks, kind: async}\n",
        library,
    )
    (message,) = [f.message for f in lint_design(design, library) if f.code == "AD217"]
    assert "under the limit its owner sets is unknown" in message
    assert "provider's" not in message


def _long_generation(props: str, library: Library) -> str:
    loaded = load_text_design(
        "components:\n"
        "  - {id: web, type: client, props: {rps: 3}}\n"
        "  - {id: api, type: service}\n"
        f"  - {{id: gen, type: llm, props: {{{props}}}}}\n"
        "links:\n  - {from: web, to: api}\n  - {from: api, to: gen}\n",
        library,
    )
    (finding,) = [f for f in lint_design(loaded, library) if f.code == "AD504"]
    return finding.message


def test_long_generation_writes_its_duration_and_tokens_out(library: Library) -> None:
    # The largest number a design holds, not an exponent ("1e+09 s") nobody reads.
    assert "(1,000,000,000 s)" in _long_generation("latency_ms: 1000000000000", library)
    assert "(12.5 s)" in _long_generation("latency_ms: 12500, max_tokens: 10", library)
    message = _long_generation("latency_ms: 100, max_tokens: 1000000", library)
    assert "(up to 1,000,000 tokens)" in message
