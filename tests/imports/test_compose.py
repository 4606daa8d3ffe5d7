"""Compose: overrides merged, variables interpolated, wiring guessed and said so."""

from __future__ import annotations

from tests.imports.conftest import DATA
from tests.imports.helpers import links, record, types

from archdraw.imports import import_files, render
from archdraw.io import dumps, loads
from archdraw.library import Library

FILES = [DATA / "compose" / "docker-compose.yml", DATA / "compose" / "docker-compose.prod.yml"]


def test_compose_stack_maps_to_the_expected_design(library: Library) -> None:
    result = import_files(FILES, library, user_mappings=False)
    assert types(result) == {
        "proxy": "load_balancer",
        "users": "client",
        "web": "service",
        "api": "service",
        "worker": "worker",
        "db": "database",
        "cache": "cache",
        "rabbitmq": "queue",
        "admin": "service",
    }
    assert links(result) == {
        "users->proxy": "sync",
        "proxy->web": "sync",
        "web->api": "sync",
        "api->db": "sync",
        "api->cache": "sync",
        "api->rabbitmq": "async",
        "rabbitmq->worker": "async",
        "worker->db": "sync",
    }
    design = result.design
    # deploy.replicas from the override file; nothing else invents replicas.
    assert design.component("api").props["replicas"] == 3
    assert design.component("web").props["replicas"] == 2
    assert "replicas" not in design.component("db").props
    assert {z.id: z.kind for z in design.zones} == {"frontend": "network", "backend": "network"}
    assert design.component("db").zone == "backend"


def test_report_says_how_sure_each_element_is(library: Library) -> None:
    result = import_files(FILES, library, user_mappings=False)
    block = result.block
    assert record(result, "db")[0] == "inferred"
    assert record(result, "worker") == (
        "guessed",
        "images.by_name: *worker*, *consumer*, *processor*, ... (name worker)",
    )
    assert record(result, "users->proxy")[0] == "explicit"
    assert record(result, "api->db") == ("guessed", "host named in configuration")
    assert block.elements[1].source.endswith("docker-compose.yml:9 services.proxy")
    # depends_on is start-up order, never a link.
    assert {(d.source, d.target) for d in block.dependencies} == {
        ("api", "db"),
        ("api", "cache"),
        ("api", "rabbitmq"),
        ("worker", "rabbitmq"),
    }
    assert any("share no network" in text for text in block.unresolved)
    assert [(u.component, u.property) for u in block.unknown] == [("db", "backups")]
    # The port bound to 127.0.0.1 is not an entry from outside.
    assert "8080" not in " ".join(
        next(e for e in block.elements if e.link == "users->proxy").evidence
    )
    text = render(result.design, block)
    assert "guess(es) to confirm" in text and "start-up order only" in text


def test_variables_come_from_the_env_file_and_are_never_written(library: Library) -> None:
    result = import_files(FILES, library, user_mappings=False)
    saved = dumps(result.design)
    assert "s3cret-value" not in saved and "guest:guest" not in saved
    assert result.design.component("api").props.get("technology") is None
    # The saved design, import block included, loads back as the same design.
    assert loads(saved, "x.archdraw.yaml", library).design == result.design


def test_x_archdraw_overrides_the_type(tmp_path, library: Library) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "compose.yaml"
    path.write_text(
        "services:\n  jobs:\n    image: redis:7\n"
        "    x-archdraw: {type: queue, props: {dead_letter: true}}\n"
        "  api:\n    image: acme/api\n"
        "    environment: {CELERY_BROKER_URL: 'redis://jobs:6379/0', MISSING: '${NOPE}'}\n",
        encoding="utf-8",
    )
    result = import_files([path], library, user_mappings=False)
    assert record(result, "jobs") == ("explicit", "x-archdraw")
    assert result.design.component("jobs").props == {"dead_letter": True}
    assert links(result) == {"api->jobs": "async"}
    assert any("NOPE is not set" in text for text in result.block.unresolved)
