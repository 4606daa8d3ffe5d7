"""Kubernetes as `helm template` renders it: environment from ConfigMaps, StatefulSet pod
addresses, an Ingress named after its Deployment, and hooks that are no part of the system."""

from __future__ import annotations

from pathlib import Path

from tests.imports.helpers import links

from archdraw.imports import import_files
from archdraw.library import Library

RENDERED = """\
---
# Source: shop/templates/configmap.yaml
apiVersion: v1
kind: ConfigMap
metadata: {name: shop-api}
data:
  REDIS_HOST: shop-redis-master
  KAFKA_BROKERS: shop-kafka-0.shop-kafka-headless.default.svc.cluster.local:9092
  SEARCH: http://shop-search:9200
---
apiVersion: v1
kind: Service
metadata: {name: shop-api}
spec:
  selector: {app: api}
  ports: [{port: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: shop-redis-master}
spec:
  selector: {app: redis}
  ports: [{port: 6379}]
---
apiVersion: v1
kind: Service
metadata: {name: shop-kafka-headless}
spec:
  clusterIP: None
  selector: {app: kafka}
  ports: [{port: 9092}]
---
apiVersion: v1
kind: Service
metadata: {name: shop-search}
spec:
  selector: {app: search}
  ports: [{port: 9200}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: shop-api}
spec:
  replicas: 2
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
        - name: api
          image: ghcr.io/acme/shop-api:1.2.3
          envFrom:
            - configMapRef: {name: shop-api}
          env:
            - name: ELASTICSEARCH_URL
              valueFrom: {configMapKeyRef: {name: shop-api, key: SEARCH}}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: shop-redis-master}
spec:
  template:
    metadata: {labels: {app: redis}}
    spec: {containers: [{name: redis, image: docker.io/bitnami/redis:7.2}]}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: shop-kafka}
spec:
  template:
    metadata: {labels: {app: kafka}}
    spec: {containers: [{name: kafka, image: docker.io/bitnami/kafka:3.7.0}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: shop-search}
spec:
  template:
    metadata: {labels: {app: search}}
    spec: {containers: [{name: search, image: elasticsearch:8.13.0}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop-api}
spec:
  rules:
    - http:
        paths:
          - {path: /, pathType: Prefix, backend: {service: {name: shop-api, port: {number: 80}}}}
---
# Source: shop/templates/tests/test-connection.yaml
apiVersion: v1
kind: Pod
metadata:
  name: shop-test-connection
  annotations: {"helm.sh/hook": test}
spec:
  containers: [{name: wget, image: busybox, args: ["shop-api:80"]}]
"""


def _import(tmp_path: Path, library: Library):  # type: ignore[no-untyped-def]
    path = tmp_path / "rendered.yaml"
    path.write_text(RENDERED, encoding="utf-8")
    return import_files([path], library, user_mappings=False)


def test_environment_from_config_maps_wires_the_pod(tmp_path: Path, library: Library) -> None:
    result = _import(tmp_path, library)
    found = links(result)
    # envFrom gives every key; configMapKeyRef one; a StatefulSet pod's own address
    # (`shop-kafka-0.shop-kafka-headless...`) names its headless Service.
    assert "shop-api->shop-redis-master" in found
    assert "shop-api->shop-search" in found
    assert "shop-api->shop-kafka" in found
    evidence = [e for e in result.block.elements if e.subject == "shop-api->shop-redis-master"]
    assert "ConfigMap shop-api" in evidence[0].source


def test_helm_hooks_are_skipped_and_an_ingress_keeps_a_name_of_its_own(
    tmp_path: Path, library: Library
) -> None:
    result = _import(tmp_path, library)
    assert "shop-test-connection" not in {c.id for c in result.design.components}
    assert result.block.skipped.get("Pod (Helm hook)") == 1
    entry = result.design.component("shop-api-ingress")
    assert entry.label == "shop-api (Ingress)"
    assert links(result)["shop-api-ingress->shop-api"] == "sync"


def test_an_external_name_service_is_a_box_outside_the_cluster(
    tmp_path: Path, library: Library
) -> None:
    path = tmp_path / "external.yaml"
    path.write_text(
        "apiVersion: v1\nkind: Service\nmetadata: {name: payments-db, namespace: shop}\n"
        "spec: {type: ExternalName, externalName: payments.abc.eu-west-1.rds.amazonaws.com}\n"
        "---\n"
        "apiVersion: v1\nkind: Service\nmetadata: {name: tax, namespace: shop}\n"
        "spec: {type: ExternalName, externalName: api.tax.example.com}\n"
        "---\n"
        "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: billing, namespace: shop}\n"
        "spec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n"
        "          containers:\n            - name: job\n              image: acme/billing\n"
        "              env: [{name: DB_HOST, value: payments-db}, "
        "{name: TAX_URL, value: 'https://tax.shop.svc.cluster.local/v1'}]\n",
        encoding="utf-8",
    )
    result = import_files([path], library, user_mappings=False)
    design = result.design
    assert {c.id: (c.type, c.zone) for c in design.components if c.id != "billing"} == {
        "payments-db": ("database", None),
        "tax": ("external_api", None),
    }
    assert links(result) == {"billing->payments-db": "sync", "billing->tax": "sync"}
    assert not result.block.unresolved
