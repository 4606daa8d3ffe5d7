"""Terraform: a plan with unknown values, wiring through target groups, VPC and subnets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.imports.conftest import DATA
from tests.imports.helpers import links, record, types

from archdraw.imports import import_files
from archdraw.library import Library
from archdraw.source import SourceError

PLAN = DATA / "terraform" / "plan.json"


def test_plan_maps_resources_wiring_and_zones(library: Library) -> None:
    result = import_files([PLAN], library, user_mappings=False)
    design = result.design
    assert types(result) == {
        "aws_lb.web": "load_balancer",
        "aws_autoscaling_group.web": "service",
        "aws_db_instance.main": "database",
        "aws_db_instance.replica": "database",
        "aws_sqs_queue.orders_dlq": "queue",
        "aws_sqs_queue.orders": "queue",
        "aws_dynamodb_table.sessions": "nosql_database",
        "aws_lambda_function.worker": "service",
        "users": "client",  # the ALB is internet-facing (internal is false)
    }
    assert links(result) == {
        "users->aws_lb.web": "sync",
        "aws_lb.web->aws_autoscaling_group.web": "sync",
        "aws_db_instance.main->aws_db_instance.replica": "replication",
        "aws_sqs_queue.orders->aws_sqs_queue.orders_dlq": "async",
        "aws_lambda_function.worker->aws_dynamodb_table.sessions": "sync",
        "aws_sqs_queue.orders->aws_lambda_function.worker": "async",
    }
    assert record(result, "aws_lambda_function.worker->aws_dynamodb_table.sessions")[0] == "guessed"
    main = design.component("aws_db_instance.main")
    assert main.label == "shop-db"
    assert main.props == {
        "failover": "active-standby",
        "zones": 2,  # multi_az: a standby in a second zone
        "backups": True,
        "technology": "postgres",
    }
    assert design.component("aws_db_instance.replica").props["backups"] is False
    asg = design.component("aws_autoscaling_group.web")
    assert asg.props["replicas"] == 2 and asg.props["zones"] == 2 and asg.zone == "aws_vpc.main"
    assert {z.id: (z.kind, z.parent) for z in design.zones} == {
        "eu-west-1": ("region", None),
        "aws_vpc.main": ("network", "eu-west-1"),
        "eu-west-1a": ("zone", "aws_vpc.main"),
        "eu-west-1b": ("zone", "aws_vpc.main"),
    }
    block = result.block
    # Unknown until apply: reported, not guessed (no `backups` on the table).
    assert ("aws_dynamodb_table.sessions", "backups") in {
        (u.component, u.property) for u in block.unknown
    }
    assert "backups" not in design.component("aws_dynamodb_table.sessions").props
    # Services AWS runs are marked so (one service each); the database it runs on machines
    # the design counts is not.
    for managed in (
        "aws_sqs_queue.orders",
        "aws_dynamodb_table.sessions",
        "aws_lambda_function.worker",
    ):
        assert design.component(managed).props["managed"] is True
    assert "managed" not in main.props
    # DynamoDB's own copies: three zones, a write acknowledged in more than one; no `replica`
    # block (a global table) means no other region, not one copy.
    sessions = design.component("aws_dynamodb_table.sessions")
    assert (sessions.props["zones"], sessions.props["replication"]) == (3, "sync")
    assert block.skipped["aws_iam_role"] == 1
    assert block.unresolved == [
        f"{PLAN} aws_transfer_server.sftp: resource type aws_transfer_server is not mapped"
    ]
    # The launch template is plumbing; no IAM box, no target group box.
    assert not any("iam" in c.id or "target_group" in c.id for c in design.components)


def test_unsupported_format_version_is_refused(tmp_path: Path, library: Library) -> None:
    path = tmp_path / "plan.json"
    path.write_text(json.dumps({"format_version": "2.0", "planned_values": {}}), encoding="utf-8")
    with pytest.raises(SourceError, match=r"format_version '2\.0' is not supported"):
        import_files([path], library, user_mappings=False)


def test_gcp_is_data_not_code(tmp_path: Path, library: Library) -> None:
    mapping = tmp_path / "gcp.yaml"
    mapping.write_text(
        "terraform:\n  providers:\n    google:\n      resources:\n"
        "        - {match: [google_sql_database_instance], type: database, label: name,\n"
        "           props: {failover: {from: settings.availability_type,\n"
        "                              map: {REGIONAL: active-standby}}}}\n",
        encoding="utf-8",
    )
    plan = tmp_path / "plan.json"
    resource = {
        "address": "google_sql_database_instance.main",
        "mode": "managed",
        "type": "google_sql_database_instance",
        "name": "main",
        "values": {"name": "orders", "settings": [{"availability_type": "REGIONAL"}]},
    }
    plan.write_text(
        json.dumps(
            {"format_version": "1.2", "planned_values": {"root_module": {"resources": [resource]}}}
        )
    )
    design = import_files([plan], library, mappings=[mapping], user_mappings=False).design
    component = design.component("google_sql_database_instance.main")
    assert component is not None and component.label == "orders"
    assert component.props == {"failover": "active-standby"}
