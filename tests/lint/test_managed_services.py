"""Rules do not ask a service the provider runs (`managed`) for what only a service we run has,
and do not ask one we run for what only a provider sets (a quota)."""

from __future__ import annotations

from archdraw.lint import Finding, lint_design

STORES = """
archdraw: 1
name: managed stores
components:
  - {id: web, type: client, props: {rps: 10}}
  - {id: api, type: service, props: {replicas: 2}}
  - {id: table, type: nosql_database, props: {managed: true}}
  - {id: bucket, type: object_storage}
  - {id: jobs, type: queue, props: {managed: true, technology: SQS}}
  - {id: orders, type: database, props: {managed: true, technology: Cloud SQL}}
  - {id: redis, type: cache, props: {managed: true, technology: ElastiCache}}
  - {id: efs, type: file_system, props: {managed: true, technology: Amazon EFS}}
  - {id: minio, type: object_storage, props: {managed: false}}
  - {id: docs, type: vector_db, props: {managed: true, technology: Pinecone}}
  - {id: pgvector, type: vector_db, props: {managed: false}}
links:
  - {from: web, to: api}
  - {from: api, to: table}
  - {from: api, to: bucket}
  - {from: api, to: jobs}
  - {from: api, to: orders}
  - {from: api, to: redis}
  - {from: api, to: efs}
  - {from: api, to: minio}
  - {from: api, to: docs}
  - {from: api, to: pgvector}
"""


def findings(load_text, library, text: str, code: str) -> list[Finding]:  # type: ignore[no-untyped-def]
    loaded = load_text(text)
    return [f for f in lint_design(loaded.design, library, loaded.locations) if f.code == code]


def test_managed_stores_reached_only_with_the_providers_credentials_are_not_asked(
    load_text, library
) -> None:
    (unknown,) = findings(load_text, library, STORES, "AD304")
    asked = [unknown.component, *(r.element for r in unknown.related)]
    # Managed Redis and EFS accept connections from the network alone until auth is on.
    assert asked == ["redis", "efs", "minio", "pgvector"]
    assert str(unknown.severity) == "info"


def test_a_managed_vector_db_is_not_called_unauthenticated(load_text, library) -> None:
    found = {f.component: f.message for f in findings(load_text, library, STORES, "AD307")}
    assert "unauthenticated" not in found["docs"]
    assert "does not isolate tenants" in found["docs"]
    assert "it accepts unauthenticated queries" in found["pgvector"]
    stated_open = STORES.replace("technology: Pinecone}", "technology: Pinecone, auth: false}")
    found = {f.component: f.message for f in findings(load_text, library, stated_open, "AD307")}
    assert "it accepts unauthenticated queries" in found["docs"]


MODELS = """
archdraw: 1
name: models
components:
  - {id: users, type: client, props: {rps: 20}}
  - {id: app, type: service, props: {replicas: 2}}
  - {id: hosted, type: embedding_model}
  - {id: ours, type: llm, props: {managed: false, replicas: 2, capacity_rps: 30, LIMIT}}
links:
  - {from: users, to: app}
  - {from: app, to: hosted}
  - {from: app, to: ours, props: {timeout_ms: 30000}}
"""


def test_only_a_model_someone_else_runs_is_asked_for_its_quota(load_text, library) -> None:
    found = findings(load_text, library, MODELS.replace(", LIMIT", ""), "AD217")
    assert [(f.component, str(f.severity)) for f in found] == [("hosted", "info")]


def test_a_limit_stated_on_a_model_we_run_is_still_compared(load_text, library) -> None:
    # 20 requests/s is 1,200 a minute: above a gateway limit of 600 in front of our own model.
    found = findings(load_text, library, MODELS.replace("LIMIT", "rpm_limit: 600"), "AD217")
    assert [(f.component, str(f.severity)) for f in found] == [
        ("hosted", "info"),
        ("ours", "error"),
    ]
