"""What the import report says about an element must be true of the design it wrote."""

from __future__ import annotations

from pathlib import Path

from archdraw.imports import import_files
from archdraw.library import Library

DEPLOYMENT_AND_HPA = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: frontend}
spec:
  selector: {matchLabels: {app: frontend}}
  template:
    metadata: {labels: {app: frontend}}
    spec:
      containers: [{name: app, image: ghcr.io/acme/frontend:1.0}]
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: frontend}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: frontend}
  minReplicas: 2
  maxReplicas: 4
"""


def test_replicas_from_an_hpa_are_not_reported_as_defaulted(
    library: Library, tmp_path: Path
) -> None:
    manifest = tmp_path / "frontend.yaml"
    manifest.write_text(DEPLOYMENT_AND_HPA)
    result = import_files([manifest], library, user_mappings=False)
    assert result.design.component("frontend").props["replicas"] == 2
    element = next(e for e in result.block.elements if e.component == "frontend")
    assert "replicas" not in element.properties


def test_compose_project_name_and_wording(library: Library, tmp_path: Path) -> None:
    compose = tmp_path / "compose.yaml"
    compose.write_text(
        "name: shop\n"
        "services:\n"
        "  api: {image: acme/api, environment: {AMQP_URL: 'amqp://rabbit:5672'}}\n"
        "  rabbit: {image: 'rabbitmq:3'}\n"
    )
    result = import_files([compose], library, user_mappings=False)
    assert result.design.name == "shop (imported from compose)"
    link = next(e for e in result.block.elements if e.link == "api->rabbit")
    assert link.evidence[0] == "variable AMQP_URL holds an amqp:// URL naming 'rabbit'"


def test_a_document_that_is_no_kubernetes_object_is_reported(
    library: Library, tmp_path: Path
) -> None:
    manifest = tmp_path / "compose.yaml"
    manifest.write_text("---\nservices:\n  api: {image: acme/api}\n")
    result = import_files([manifest], library, fmt="kubernetes", user_mappings=False)
    assert result.design.components == []
    assert result.block.unresolved == [
        f"{manifest}:1: not a Kubernetes object (no 'kind'); left out"
    ]


def test_a_redrive_policy_set_in_configuration_is_a_dead_letter_queue(library: Library) -> None:
    from tests.imports.conftest import DATA

    result = import_files([DATA / "terraform" / "plan.json"], library, user_mappings=False)
    orders = result.design.component("aws_sqs_queue.orders")
    # Its value (the dead-letter queue's ARN) waits for apply; that it is set does not. The
    # link to the dead-letter queue is drawn, so `dead_letter` must not read as missing.
    assert orders.props["dead_letter"] is True
    assert ("aws_sqs_queue.orders", "dead_letter") not in {
        (u.component, u.property) for u in result.block.unknown
    }
    element = next(e for e in result.block.elements if e.component == "aws_sqs_queue.orders")
    assert element.properties["dead_letter"] == "inferred"


def test_import_refuses_to_write_over_its_input(tmp_path: Path) -> None:
    from archdraw.cli.main import run

    compose = tmp_path / "compose.yaml"
    text = "services:\n  api: {image: acme/api}\n"
    compose.write_text(text)
    assert run(["import", str(compose), "-o", str(tmp_path / "." / "compose.yaml")]) == 2
    assert compose.read_text() == text
