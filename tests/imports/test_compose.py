"""Compose: overrides merged, variables interpolated, wiring guessed and said so."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.imports.conftest import DATA
from tests.imports.helpers import links, record, types

from archdraw.imports import import_files, render
from archdraw.io import dumps, loads
from archdraw.library import Library
from archdraw.source import SourceError

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


EXTENDS = DATA / "compose-extends"


def test_extends_from_the_same_file_and_another_file(library: Library) -> None:
    result = import_files([EXTENDS / "compose.yaml"], library, user_mappings=False, profiles=[])
    design = result.design
    assert set(types(result)) == {"api", "worker", "db", "users"}  # no base, no profile extras
    # api gets its replicas from the base in common/services.yml; worker from api.
    assert design.component("api").props["replicas"] == 2
    assert design.component("worker").props["replicas"] == 2
    assert types(result)["worker"] == "worker"  # its own command keeps the name's guess
    # worker inherits api's wiring (its environment) but `ports: !reset` drops the entry.
    assert "users->worker" not in links(result)
    assert "users->api" in links(result)
    assert {"api->db", "worker->db"} <= set(links(result))


def test_without_a_profile_chosen_every_service_is_imported_and_says_so(
    library: Library,
) -> None:
    result = import_files([EXTENDS / "compose.yaml"], library, user_mappings=False)
    assert types(result)["search"] == "search_index" and "mailhog" in types(result)
    assert "api->search" in links(result)
    evidence = next(e.evidence for e in result.block.elements if e.subject == "mailhog")
    assert "started only with profile debug (imported: no profile was chosen)" in evidence
    assert not result.block.skipped


def test_profiles_that_are_not_active_are_left_out_and_reported(library: Library) -> None:
    result = import_files([EXTENDS / "compose.yaml"], library, user_mappings=False, profiles=[])
    block = result.block
    assert block.skipped["service in profile search (not active)"] == 1
    assert block.skipped["service in profile debug (not active)"] == 1
    assert any(
        "SEARCH_URL" in text and "only in profile search, which is not active" in text
        for text in block.unresolved
    )
    active = import_files(
        [EXTENDS / "compose.yaml"], library, user_mappings=False, profiles=["search"]
    )
    assert types(active)["search"] == "search_index" and "mailhog" not in types(active)
    assert "api->search" in links(active)
    every = import_files([EXTENDS / "compose.yaml"], library, user_mappings=False, profiles=["*"])
    assert {"search", "mailhog"} <= set(types(every))


def test_profiles_from_the_env_file(library: Library, tmp_path: Path) -> None:
    for path in EXTENDS.rglob("*.y*ml"):
        target = tmp_path / path.relative_to(EXTENDS)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    (tmp_path / ".env").write_text("COMPOSE_PROFILES=debug\n")
    result = import_files([tmp_path / "compose.yaml"], library, user_mappings=False)
    assert "mailhog" in types(result) and "search" not in types(result)


def test_override_and_reset_tags_in_an_override_file(library: Library) -> None:
    files = [EXTENDS / "compose.yaml", EXTENDS / "compose.override.yaml"]
    result = import_files(files, library, user_mappings=False, profiles=[])
    design = result.design
    # `deploy: !override` replaces db's deploy whole: its replicas: 1 is gone (defaulted).
    assert "replicas" not in design.component("db").props
    assert record(result, "db")[0] == "inferred"
    # `environment: !override` on api keeps only DATABASE_URL: no SEARCH_URL reference.
    assert not any("SEARCH_URL" in text and "api" in text for text in result.block.unresolved)
    assert "api->db" in links(result)


def test_extends_errors_name_the_file_and_line(library: Library, tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_text(
        "services:\n  a:\n    extends: b\n  b:\n    extends:\n      service: a\n"
    )
    with pytest.raises(SourceError) as caught:
        import_files([tmp_path / "compose.yaml"], library, user_mappings=False)
    problem = str(caught.value.problems[0])
    assert problem.startswith(f"{tmp_path / 'compose.yaml'}:3:")
    assert "extends chain comes back on itself (a -> b -> a)" in problem
    (tmp_path / "compose.yaml").write_text(
        "services:\n  a:\n    image: x\n    extends: {file: missing.yml, service: b}\n"
    )
    with pytest.raises(SourceError, match=r"compose.yaml:4:\d+: .*no file missing.yml"):
        import_files([tmp_path / "compose.yaml"], library, user_mappings=False)
    (tmp_path / "compose.yaml").write_text("services:\n  a:\n    extends: nope\n")
    with pytest.raises(SourceError, match=r"no service 'nope' in compose\.yaml"):
        import_files([tmp_path / "compose.yaml"], library, user_mappings=False)


def test_host_folders_persist_and_own_addresses_are_no_references(
    library: Library, tmp_path: Path
) -> None:
    (tmp_path / "compose.yaml").write_text(
        """services:
  graph:
    image: neo4j:5
    volumes: ["$PWD/data:/data"]
  broker:
    image: redpandadata/redpanda:v24.1
    command: ["--kafka-addr", "internal://0.0.0.0:9092", "--advertise-addr", "localhost:9092"]
  app:
    build: ./app
    environment:
      GRAPH_URI: neo4j://graph:7687
      LLM_URL: http://host.docker.internal:11434
  scratch:
    image: postgres:16
    volumes: ["/var/lib/postgresql/data"]
"""
    )
    result = import_files([tmp_path / "compose.yaml"], library, user_mappings=False)
    unknown = {(u.component, u.property): u.why for u in result.block.unknown}
    assert unknown[("graph", "backups")] == (
        "the host folder ./data keeps the data; no backup is in the file"
    )
    assert not any("PWD" in text for text in result.block.unresolved)
    # An anonymous volume is the container's own: gone with it.
    assert unknown[("scratch", "backups")].startswith("no volume: the data lives in the container")
    unresolved = " ".join(result.block.unresolved)
    assert "0.0.0.0" not in unresolved and "localhost" not in unresolved
    assert "'host.docker.internal', the machine Docker runs on, outside the input" in unresolved
    assert "app->graph" in links(result)


def test_an_override_replaces_a_volume_with_the_same_target(
    library: Library, tmp_path: Path
) -> None:
    (tmp_path / "compose.yaml").write_text(
        "services:\n  db:\n    image: postgres:16\n"
        "    volumes: ['pgdata:/var/lib/postgresql/data']\nvolumes:\n  pgdata: {}\n"
    )
    (tmp_path / "dev.yaml").write_text(
        "services:\n  db:\n    volumes:\n"
        "      - {type: bind, source: ./pg, target: /var/lib/postgresql/data}\n"
    )
    files = [tmp_path / "compose.yaml", tmp_path / "dev.yaml"]
    result = import_files(files, library, user_mappings=False)
    evidence = next(e.evidence for e in result.block.elements if e.subject == "db")
    # One mount at that target: the override's folder, no longer the named volume.
    assert evidence == ["data persists in a host folder (./pg)"]


def test_replicas_from_a_variable_and_the_older_scale_key(library: Library, tmp_path: Path) -> None:
    # Compose reads an interpolated `replicas: ${N:-2}` as the number it becomes.
    (tmp_path / ".env").write_text("API_REPLICAS=3\n")
    path = tmp_path / "compose.yaml"
    path.write_text(
        "services:\n"
        "  api: {image: acme/api, deploy: {replicas: '${API_REPLICAS:-2}'}}\n"
        "  web: {image: acme/web, scale: 2}\n"
        "  odd: {image: acme/odd, deploy: {replicas: '${ODD:-many}'}}\n",
        encoding="utf-8",
    )
    result = import_files([path], library, user_mappings=False)
    design = result.design
    assert design.component("api").props["replicas"] == 3
    assert design.component("web").props["replicas"] == 2
    assert "replicas" not in design.component("odd").props
    assert any(
        "services.odd: the replica count is not a whole number" in text
        for text in result.block.unresolved
    )


def test_a_scheduler_puts_jobs_on_the_queue_it_names(library: Library, tmp_path: Path) -> None:
    # Celery beat names the broker to publish the jobs it starts; the worker consumes them.
    path = tmp_path / "compose.yaml"
    path.write_text(
        "services:\n"
        "  rabbitmq: {image: 'rabbitmq:3'}\n"
        "  beat:\n    image: acme/app\n"
        "    environment: {CELERY_BROKER_URL: 'amqp://rabbitmq:5672//'}\n"
        "  worker:\n    image: acme/app\n"
        "    environment: {CELERY_BROKER_URL: 'amqp://rabbitmq:5672//'}\n",
        encoding="utf-8",
    )
    result = import_files([path], library, user_mappings=False)
    assert types(result)["beat"] == "scheduler"
    assert links(result) == {"beat->rabbitmq": "async", "rabbitmq->worker": "async"}


def test_traefik_routes_to_the_services_its_labels_name(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "compose.yaml"
    path.write_text(
        "services:\n"
        "  traefik:\n    image: 'traefik:v3.0'\n    ports: ['80:80']\n    networks: [edge]\n"
        "  web:\n    image: acme/web\n    networks: [edge]\n"
        "    labels: ['traefik.http.routers.web.rule=Host(`shop.example.com`)']\n"
        "  admin:\n    image: acme/admin\n    networks: [edge]\n"
        "    labels: {traefik.enable: 'false', traefik.http.routers.admin.rule: 'Host(`a`)'}\n"
        "  api:\n    image: acme/api\n    networks: [edge]\n    labels: {traefik.enable: 'true'}\n"
        "  hidden:\n    image: acme/hidden\n    networks: [back]\n"
        "    labels: {traefik.enable: 'true'}\n"
        "networks: {edge: {}, back: {}}\n",
        encoding="utf-8",
    )
    result = import_files([path], library, user_mappings=False)
    found = links(result)
    assert found["traefik->web"] == "sync" and found["traefik->api"] == "sync"
    # Disabled, or on no network Traefik is on: no route.
    assert "traefik->admin" not in found and "traefik->hidden" not in found
    assert record(result, "traefik->web") == ("explicit", "Traefik route label")


def test_a_variable_set_nowhere_is_reported_at_its_line(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "compose.yaml"
    path.write_text(
        "services:\n  api:\n    image: acme/api\n    environment:\n"
        "      DATABASE_URL: 'postgres://app:${DB_PASSWORD}@db/app'\n"
        "    command: [serve, '${PORT}']\n",
        encoding="utf-8",
    )
    unresolved = import_files([path], library, user_mappings=False).block.unresolved
    assert (
        f"{path}:5 services.api.environment.DATABASE_URL: variable DB_PASSWORD is not set; "
        "read as empty" in unresolved
    )
    assert f"{path}:6 services.api.command.1: variable PORT is not set; read as empty" in unresolved


def test_a_legacy_link_alias_names_its_service(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "compose.yaml"
    path.write_text(
        "services:\n"
        "  web:\n    image: acme/web\n    links: ['db:database']\n"
        "    environment: {DB_HOST: database}\n"
        "  db: {image: 'mysql:8'}\n",
        encoding="utf-8",
    )
    result = import_files([path], library, user_mappings=False)
    assert links(result) == {"web->db": "sync"}
    assert not result.block.unresolved


def test_a_service_in_another_services_network_namespace_shares_its_networks(
    library: Library, tmp_path: Path
) -> None:
    path = tmp_path / "compose.yaml"
    path.write_text(
        "services:\n"
        "  db: {image: 'postgres:16', networks: [back]}\n"
        "  vpn: {image: acme/vpn, container_name: tunnel, networks: [back]}\n"
        "  app:\n    image: acme/app\n    network_mode: 'service:vpn'\n"
        "    environment: {DB_URL: 'postgres://db:5432/x'}\n"
        "  sync:\n    image: acme/sync\n    network_mode: 'container:tunnel'\n"
        "    environment: {DB_URL: 'postgres://db:5432/x'}\n"
        "networks: {back: {}}\n",
        encoding="utf-8",
    )
    result = import_files([path], library, user_mappings=False)
    assert links(result) == {"app->db": "sync", "sync->db": "sync"}
    assert result.design.component("app").zone == "back"
    assert not result.block.unresolved
