"""Terraform modules: expressions inside a module name its own resources, its inputs
(`var.x`) and the outputs of the modules it calls, as the module sees them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.imports.helpers import links
from tests.imports.tf_plan import resource, write_plan

from archdraw.imports import import_files
from archdraw.library import Library

AWS = "registry.terraform.io/hashicorp/aws"


def _planned(address: str, values: dict[str, Any]) -> dict[str, Any]:
    kind, name = address.split("[")[0].split(".")[-2:]
    return {"address": address, "mode": "managed", "type": kind, "name": name,
            "provider_name": AWS, "values": values}  # fmt: skip


def _configured(address: str, expressions: dict[str, Any]) -> dict[str, Any]:
    kind, name = address.split(".")
    return {"address": address, "mode": "managed", "type": kind, "name": name,
            "provider_config_key": "aws", "expressions": expressions}  # fmt: skip


def _refs(*names: str) -> dict[str, Any]:
    return {"references": list(names)}


def _plan(tmp_path: Path) -> Path:
    """An internet-facing ALB and an Auto Scaling group from two modules (as the
    terraform-aws-modules write them: every resource called `this`), a database in a nested
    module read through outputs, and, at the root, an internal load balancer also called
    `aws_lb.this` that nothing routes to."""
    planned = {
        "resources": [
            _planned("aws_lb.this", {"name": "internal", "internal": True}),
            _planned("aws_lambda_function.report", {"function_name": "report"}),
        ],
        "child_modules": [
            {"address": "module.alb", "resources": [
                _planned("module.alb.aws_lb.this[0]", {"name": "shop-alb", "internal": False}),
                _planned('module.alb.aws_lb_target_group.main["app"]', {"name": "app"}),
                _planned("module.alb.aws_lb_listener.https[0]", {"protocol": "HTTPS"}),
            ]},
            {"address": "module.asg", "resources": [
                _planned("module.asg.aws_autoscaling_group.this[0]",
                         {"name": "shop-app", "min_size": 2}),
            ]},
            {"address": "module.db", "child_modules": [
                {"address": "module.db.module.instance", "resources": [
                    _planned("module.db.module.instance.aws_db_instance.this[0]",
                             {"identifier": "shop-db", "engine": "postgres"}),
                ]},
            ]},
        ],
    }  # fmt: skip
    alb = {
        "resources": [
            _configured("aws_lb.this", {}),
            _configured("aws_lb_target_group.main", {}),
            _configured("aws_lb_listener.https", {
                "load_balancer_arn": _refs("aws_lb.this[0].arn", "aws_lb.this[0]", "aws_lb.this"),
                "default_action": [{"target_group_arn": _refs(
                    'aws_lb_target_group.main["app"].arn', "aws_lb_target_group.main")}],
            }),
        ],
        "outputs": {"target_groups": {"expression": _refs("aws_lb_target_group.main")}},
    }  # fmt: skip
    asg = {
        "resources": [
            _configured("aws_autoscaling_group.this", {
                "target_group_arns": _refs("var.target_group_arns"),
            }),
        ],
    }  # fmt: skip
    instance = {
        "resources": [_configured("aws_db_instance.this", {})],
        "outputs": {"address": {"expression": _refs(
            "aws_db_instance.this[0].address", "aws_db_instance.this[0]", "aws_db_instance.this")}},
    }  # fmt: skip
    db = {
        "module_calls": {"instance": {"source": "./modules/instance", "module": instance}},
        "outputs": {"db_address": {"expression": _refs("module.instance.address")}},
    }  # fmt: skip
    configuration = {
        "provider_config": {"aws": {"name": "aws", "full_name": AWS, "expressions": {
            "region": {"constant_value": "eu-west-1"}}}},
        "root_module": {
            "resources": [
                _configured("aws_lb.this", {}),
                _configured("aws_lambda_function.report", {"environment": [{"variables": _refs(
                    "module.db.db_address", "module.db", "local.stage", "var.env")}]}),
            ],
            "module_calls": {
                "alb": {"source": "terraform-aws-modules/alb/aws", "module": alb},
                "asg": {"source": "terraform-aws-modules/autoscaling/aws", "module": asg,
                        "expressions": {"target_group_arns": _refs(
                            "module.alb.target_groups", "module.alb")}},
                "db": {"source": "terraform-aws-modules/rds/aws", "module": db},
            },
        },
    }  # fmt: skip
    plan = {
        "format_version": "1.2",
        "terraform_version": "1.7.5",
        "planned_values": {"root_module": planned},
        "resource_changes": [],
        "configuration": configuration,
    }
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan), encoding="utf-8")
    return path


def test_references_cross_module_boundaries(tmp_path: Path, library: Library) -> None:
    result = import_files([_plan(tmp_path)], library, user_mappings=False)
    found = links(result)
    # The listener inside module.alb routes its own load balancer to its own target group,
    # which module.asg's group receives through a module input and an output.
    assert found["module.alb.aws_lb.this->module.asg.aws_autoscaling_group.this"] == "sync"
    # The function reads the database's address from an output of an output.
    assert "aws_lambda_function.report->module.db.module.instance.aws_db_instance.this" in found
    # The root's own `aws_lb.this` is not the module's: nothing routes to or from it.
    assert not [key for key in found if key.startswith("aws_lb.this->")]


def test_an_https_listener_says_its_load_balancer_speaks_tls(
    tmp_path: Path, library: Library
) -> None:
    result = import_files([_plan(tmp_path)], library, user_mappings=False)
    assert result.design.component("module.alb.aws_lb.this").props.get("tls") is True
    assert "tls" not in result.design.component("aws_lb.this").props


def test_a_group_spans_no_more_zones_than_it_has_instances(
    tmp_path: Path, library: Library
) -> None:
    zones = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
    path = write_plan(
        tmp_path / "plan.json",
        [
            resource("aws_autoscaling_group.small", {"name": "small", "min_size": 2,
                                                     "availability_zones": zones}),
            resource("aws_autoscaling_group.big", {"name": "big", "min_size": 6,
                                                   "availability_zones": zones}),
        ],
    )  # fmt: skip
    design = import_files([path], library, user_mappings=False).design
    assert design.component("aws_autoscaling_group.small").props == {"replicas": 2, "zones": 2}
    assert design.component("aws_autoscaling_group.big").props == {"replicas": 6, "zones": 3}
