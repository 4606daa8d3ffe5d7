"""Reliability and AI rules judge a service the provider runs (`managed`) by what a provider
does, and one we run ourselves by what we do: a managed store copies across the zones it
spans and fails over on its own unless the design says otherwise (AD106, AD102, AD103); a
self-hosted model hangs and runs out on its own GPUs, not at a provider (AD501, AD503)."""

from __future__ import annotations

import pytest

from archdraw.library import Library, builtin_library
from archdraw.lint import Finding, lint_design
from archdraw.lint.session import LintSession
from archdraw.model import Document
from archdraw.model.edits import SetProperties


def findings(load_text, text: str, code: str) -> dict[str, Finding]:  # type: ignore[no-untyped-def]
    """The rule's findings by the element they are placed on."""
    loaded = load_text(text)
    found = lint_design(loaded.design, builtin_library(), loaded.locations)
    return {str(f.component or f.link): f for f in found if f.code == code}


SPREAD = """
archdraw: 1
name: spread by the provider
components:
  - {id: web, type: client, props: {rps: 100}}
  - {id: api, type: service, props: {replicas: 3, zones: 3}}
  - {id: store, type: TYPE, props: {managed: true, zones: 3PROPS}}
links:
  - {from: web, to: api}
  - {from: api, to: store, props: {timeout_ms: 500}}
"""

# Every stateful type a provider runs whose `replication` defaults to none (SQS, Cloud SQL
# with HA, EFS, Neptune, Pinecone, Redshift Multi-AZ, Secret Manager, OpenSearch Service).
SPREAD_TYPES = [
    "queue",
    "database",
    "file_system",
    "graph_database",
    "vector_db",
    "data_warehouse",
    "secrets_store",
    "search_index",
]


@pytest.mark.parametrize("type_id", SPREAD_TYPES)
def test_a_managed_store_spread_over_zones_is_taken_as_copied_across_them(
    load_text, type_id: str
) -> None:  # type: ignore[no-untyped-def]
    """The false positive this guards against: "'store' spreads its objects over 3 zones
    without replication (`replication` not stated: ...): losing one fails 33.3 req/s"."""
    design = SPREAD.replace("TYPE", type_id)
    assert "store" not in findings(load_text, design.replace("PROPS", ""), "AD106")
    stated = findings(load_text, design.replace("PROPS", ", replication: none"), "AD106")
    assert str(stated["store"].severity) == "warning"
    assert "states `replication: none`" in stated["store"].message
    copied = design.replace("PROPS", ", replication: sync")
    assert "store" not in findings(load_text, copied, "AD106")


def test_a_managed_queue_stated_unreplicated_loses_its_messages_not_objects(load_text) -> None:  # type: ignore[no-untyped-def]
    design = SPREAD.replace("TYPE", "queue").replace("PROPS", ", replication: none")
    message = findings(load_text, design, "AD106")["store"].message
    assert "spreads its messages over 3 zones" in message and "objects" not in message


def test_a_managed_cache_losing_a_zone_is_misses_not_failures(load_text) -> None:  # type: ignore[no-untyped-def]
    design = SPREAD.replace("TYPE", "cache").replace("PROPS", ", replication: none")
    assert "store" not in findings(load_text, design, "AD106")


FAILOVER = """
archdraw: 1
name: replicas
components:
  - {id: db, type: database, props: {PROPS, replicas: 2, replication: sync}}
"""


@pytest.mark.parametrize("runs", ["managed: true", "global: true"])
def test_a_provider_promotes_its_managed_standby(load_text, runs: str) -> None:  # type: ignore[no-untyped-def]
    """The false positive this guards against: "'db' has 2 replicas but `failover: none`
    (`failover` not stated: ...): when the primary dies nothing promotes a replica"."""
    assert findings(load_text, FAILOVER.replace("PROPS", runs), "AD102") == {}
    stated = FAILOVER.replace("PROPS", f"{runs}, failover: none")
    assert str(findings(load_text, stated, "AD102")["db"].severity) == "warning"


def test_a_database_we_run_is_still_asked_for_its_failover(load_text) -> None:  # type: ignore[no-untyped-def]
    found = findings(load_text, FAILOVER.replace("PROPS", "managed: false"), "AD102")
    assert str(found["db"].severity) == "info"
    assert "`failover` not stated" in found["db"].message


WRITTEN = """
archdraw: 1
name: written
components:
  - {id: api, type: service, props: {replicas: 2}}
  - {id: ours, type: database}
  - {id: theirs, type: database, props: {managed: true, technology: Cloud SQL}}
  - {id: single, type: database, props: {managed: true, replication: none}}
links:
  - {from: api, to: ours, props: {writes: true}}
  - {from: api, to: theirs, props: {writes: true}}
  - {from: api, to: single, props: {writes: true}}
"""


def test_a_managed_database_is_not_said_to_keep_its_data_on_one_machine(load_text) -> None:  # type: ignore[no-untyped-def]
    found = findings(load_text, WRITTEN, "AD103")
    asked = found["ours"]  # the design-wide question is placed on its first element
    assert [asked.component, *(r.element for r in asked.related)] == ["ours"]
    single = found["single"]
    assert "one machine" not in single.message and "run by the provider" in single.message
    assert str(single.severity) == "warning"
    assert single.fix is not None and single.fix.props == {"replication": "sync"}


MODELS = """
archdraw: 1
name: models
components:
  - {id: users, type: client}
  - {id: app, type: service, props: {replicas: 2}}
  - {id: hosted, type: llm}
  - {id: bought, type: llm, props: {managed: false, global: true}}
  - {id: ours, type: llm, props: {managed: false, replicas: 2}}
links:
  - {from: users, to: app}
  - {from: app, to: hosted}
  - {from: app, to: bought}
  - {from: app, to: ours}
"""


def test_a_self_hosted_model_hangs_on_its_gpus_not_at_a_provider(load_text) -> None:  # type: ignore[no-untyped-def]
    found = findings(load_text, MODELS, "AD501")
    assert "a slow provider" in found["app->hosted"].message
    for link in ("app->ours", "app->bought"):  # `managed: false` wins over `global`
        message = found[link].message
        assert "self-hosted LLM" in message and "GPUs are all busy" in message
        assert "provider" not in message


def test_a_self_hosted_model_runs_out_of_capacity_not_money(load_text) -> None:  # type: ignore[no-untyped-def]
    found = findings(load_text, MODELS, "AD503")
    assert found["hosted"].message.endswith("its cost is unbounded")
    ours = found["ours"].message
    assert "fill the GPUs of its 2 instances" in ours and "cost" not in ours
    assert {str(f.severity) for f in found.values()} == {"warning"}


def test_rules_reading_managed_rerun_when_it_changes(library: Library, load_text) -> None:  # type: ignore[no-untyped-def]
    """A lint session re-runs AD102, AD103, AD106, AD501 and AD503 when `managed` changes on
    the element they judged: its answer is a full lint's after each edit."""
    text = """archdraw: 1
name: toggled
components:
  - {id: web, type: client, props: {rps: 100}}
  - {id: api, type: service, props: {replicas: 3, zones: 3}}
  - {id: jobs, type: queue, props: {managed: true, zones: 3}}
  - {id: db, type: database, props: {managed: true, replicas: 2, zones: 2, replication: none}}
  - {id: model, type: llm, props: {managed: false, replicas: 2}}
links:
  - {from: web, to: api}
  - {from: api, to: jobs, kind: async}
  - {from: api, to: db, props: {writes: true, timeout_ms: 500}}
  - {from: api, to: model}
"""
    loaded = load_text(text)
    document, locations = Document(loaded.design), loaded.locations
    session = LintSession(library)
    session.lint(document.design, locations)
    watched = {"AD102", "AD103", "AD106", "AD501", "AD503"}
    seen: set[tuple[str, str]] = set()
    for edit in (
        SetProperties("model", {"managed": True}),
        SetProperties("db", {"managed": False}),
        SetProperties("jobs", {"replication": "none"}),
        SetProperties("jobs", {"managed": False}),
        SetProperties("model", {"managed": False}),
        SetProperties("db", {"managed": True}),
    ):
        document.apply(edit)
        full = lint_design(document.design, library, locations)
        expected = [(f.code, f.severity, f.component, f.link, f.message) for f in full]
        got = session.lint(document.design, locations)
        assert [(f.code, f.severity, f.component, f.link, f.message) for f in got] == expected
        seen.update((f.code, f.message) for f in full if f.code in watched)
    # The edits moved each rule's answer at least once (the test exercised the re-runs).
    assert {code for code, _ in seen} == watched
    assert len(seen) > len(watched)
