"""A Compose file or Terraform JSON with a section of the wrong shape (`ports: 80`, a
number where the resources go) is refused naming the section, never a traceback; found
by replacing each value of the test inputs with values of other kinds."""

from __future__ import annotations

import contextlib
import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.imports.conftest import DATA

from archdraw.imports import import_files
from archdraw.library import Library
from archdraw.source import SourceError

# A number, text and a list: what a hand edit most often puts where another kind goes.
WRONG: list[Any] = [5, "x", [1]]


def test_compose_keys_of_the_wrong_shape_are_named(tmp_path: Path, library: Library) -> None:
    path = tmp_path / "compose.yml"
    path.write_text(
        "services:\n"
        "  web:\n"
        "    image: nginx\n"
        "    ports: 80\n"
        "    depends_on: api\n"
        "  api: [1]\n"
        "  ports: ['80:80']\n"
        "volumes: [data]\n",
        encoding="utf-8",
    )
    with pytest.raises(SourceError) as caught:
        import_files([path], library, user_mappings=False)
    found = sorted((p.line, p.message) for p in caught.value.problems)
    assert found == [
        (4, "services.web.ports must be a list, not a single value"),
        (5, "services.web.depends_on must be a list or a mapping, not a single value"),
        (6, "services.api must be a mapping, not a list"),
        (
            7,
            "services.ports must be a mapping, not a list "
            "('ports' is a service's key: indent it under its service)",
        ),
        (8, "volumes must be a mapping, not a list"),
    ]


def test_a_reset_tag_is_no_wrong_shape(tmp_path: Path, library: Library) -> None:
    path = tmp_path / "compose.yml"
    path.write_text("services:\n  web:\n    image: nginx\n    ports: !reset null\n")
    result = import_files([path], library, user_mappings=False)
    assert [c.id for c in result.design.components] == ["web"]


def test_terraform_sections_of_the_wrong_shape_are_named(tmp_path: Path, library: Library) -> None:
    plan = {
        "format_version": "1.2",
        "planned_values": {"root_module": {"resources": 5}},
        "resource_changes": [{"change": 3}],
        "configuration": {"provider_config": {"aws": {"expressions": {"region": "x"}}}},
    }
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan), encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        import_files([path], library, user_mappings=False)
    assert sorted(p.message for p in caught.value.problems) == [
        "configuration.provider_config.aws.expressions.region must be a mapping, "
        "not a single value",
        "planned_values.root_module.resources must be a list, not a single value",
        "resource_changes[0].change must be a mapping, not a single value",
    ]


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node[:2]):
            yield from _paths(value, (*prefix, index))


def _replaced(node: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    node = copy.deepcopy(node)
    holder = node
    for step in path[:-1]:
        holder = holder[step]
    holder[path[-1]] = value
    return node


def _every_mutation_imports_or_is_refused(
    library: Library, data: Any, path: Path, dump: Any, fmt: str
) -> int:
    tried = 0
    for where in _paths(data):
        for value in WRONG:
            path.write_text(dump(_replaced(data, where, value)), encoding="utf-8")
            with contextlib.suppress(SourceError):
                import_files([path], library, fmt=fmt, user_mappings=False)
            tried += 1
    return tried


def test_compose_values_of_every_kind_never_crash(tmp_path: Path, library: Library) -> None:
    data = yaml.safe_load((DATA / "compose" / "docker-compose.yml").read_text(encoding="utf-8"))
    path = tmp_path / "docker-compose.yml"
    assert _every_mutation_imports_or_is_refused(library, data, path, yaml.safe_dump, "compose")


def test_terraform_values_of_every_kind_never_crash(tmp_path: Path, library: Library) -> None:
    data = json.loads((DATA / "terraform" / "plan.json").read_text(encoding="utf-8"))
    path = tmp_path / "plan.json"
    assert _every_mutation_imports_or_is_refused(library, data, path, json.dumps, "terraform")


def test_kubernetes_fields_of_the_wrong_shape_are_named(tmp_path: Path, library: Library) -> None:
    path = tmp_path / "k8s.yaml"
    path.write_text(
        "apiVersion: apps/v1\n"
        "kind: Deployment\n"
        "metadata: {name: api, namespace: 5}\n"
        "spec:\n"
        "  template:\n"
        "    spec:\n"
        "      containers:\n"
        "        - {name: api, image: myorg/api, env: REDIS_HOST=redis}\n"
        "        - just-a-string\n"
        "---\n"
        "apiVersion: networking.k8s.io/v1\n"
        "kind: Ingress\n"
        "metadata: {name: web}\n"
        "spec:\n"
        "  rules: {host: x}\n"
        "---\n"
        "apiVersion: example.com/v1\n"
        "kind: Widget\n"
        "metadata: {name: w}\n"
        "spec: {containers: 5}\n",  # a custom resource's spec is its own business
        encoding="utf-8",
    )
    with pytest.raises(SourceError) as caught:
        import_files([path], library, user_mappings=False)
    assert sorted((p.line, p.message) for p in caught.value.problems) == [
        (3, "Deployment/api metadata.namespace must be text, not a number"),
        (
            8,
            "Deployment/api spec.template.spec.containers[0].env must be a list, "
            "not a single value",
        ),
        (
            9,
            "Deployment/api spec.template.spec.containers[1] must be a mapping, not a single value",
        ),
        (15, "Ingress/web spec.rules must be a list, not a mapping"),
    ]


MANIFEST = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop, labels: {app: api}}
spec:
  replicas: 2
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      topologySpreadConstraints: [{topologyKey: topology.kubernetes.io/zone}]
      containers:
        - name: api
          image: myorg/api
          args: [--db, postgres://db:5432]
          env: [{name: REDIS_HOST, value: redis}]
          ports: [{containerPort: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: shop}
spec: {selector: {app: api}, ports: [{port: 80}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: shop}
spec:
  tls: [{hosts: [shop.example]}]
  rules:
    - host: shop.example
      http:
        paths: [{path: /, backend: {service: {name: api, port: {number: 80}}}}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  policyTypes: [Ingress]
  ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8}}], ports: [{port: 80}]}]
"""


def test_kubernetes_values_of_every_kind_never_crash(tmp_path: Path, library: Library) -> None:
    documents = list(yaml.safe_load_all(MANIFEST))
    path = tmp_path / "k8s.yaml"
    tried = 0
    for index, document in enumerate(documents):

        def dump(changed: Any, index: int = index) -> str:
            return yaml.safe_dump_all([*documents[:index], changed, *documents[index + 1 :]])

        tried += _every_mutation_imports_or_is_refused(library, document, path, dump, "kubernetes")
    assert tried


def test_drawio_cells_whose_parents_loop_are_put_at_the_top(
    tmp_path: Path, library: Library
) -> None:
    path = tmp_path / "loop.drawio"
    path.write_text(
        '<mxfile><diagram name="p"><mxGraphModel><root><mxCell id="0"/>'
        '<mxCell id="1" parent="0"/>'
        '<mxCell id="a" value="A" style="swimlane" vertex="1" parent="b">'
        '<mxGeometry x="0" y="0" width="100" height="100" as="geometry"/></mxCell>'
        '<mxCell id="b" value="B" style="swimlane" vertex="1" parent="a">'
        '<mxGeometry x="0" y="0" width="100" height="100" as="geometry"/></mxCell>'
        '<mxCell id="c" value="C" vertex="1" parent="c">'
        '<mxGeometry x="0" y="0" width="100" height="100" as="geometry"/></mxCell>'
        "</root></mxGraphModel></diagram></mxfile>",
        encoding="utf-8",
    )
    result = import_files([path], library, user_mappings=False)
    assert sorted(z.title for z in result.design.zones) == ["A", "B"]
    loops = [u for u in result.block.unresolved if "lead back to it" in u]
    assert len(loops) == 2
