"""Terraform: security groups as reachability, settings from other resources (API Gateway
authorization and throttling, Route 53 failover), subnet groups to zones, counts from
references when a plan leaves a list unknown."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.imports.helpers import links, record
from tests.imports.tf_plan import ref, resource, write_plan

from archdraw.imports import ImportResult, import_files
from archdraw.library import Library

SUBNETS = [
    resource("aws_vpc.main", {"tags": {"Name": "shop"}}),
    resource(
        "aws_subnet.private[0]",
        {"availability_zone": "eu-west-1a"},
        {"vpc_id": ref("aws_vpc.main.id")},
    ),
    resource(
        "aws_subnet.private[1]",
        {"availability_zone": "eu-west-1b"},
        {"vpc_id": ref("aws_vpc.main.id")},
    ),
    resource(
        "aws_subnet.private[2]",
        {"availability_zone": "eu-west-1c"},
        {"vpc_id": ref("aws_vpc.main.id")},
    ),
]


def _import(tmp_path: Path, library: Library, resources: list[dict[str, object]]) -> ImportResult:
    path = write_plan(tmp_path / "plan.json", [*SUBNETS, *resources])
    return import_files([path], library, user_mappings=False)


def _evidence(result: ImportResult, subject: str) -> list[str]:
    return next(e.evidence for e in result.block.elements if e.subject == subject)


def test_security_groups_are_reachability_between_wiring_and_references(
    tmp_path: Path, library: Library
) -> None:
    result = _import(
        tmp_path,
        library,
        [
            resource("aws_security_group.web", {"name": "web"}),
            resource(
                "aws_security_group.db",
                {"name": "db"},
                {
                    "ingress": [
                        {
                            "from_port": {"constant_value": 5432},
                            "security_groups": ref("aws_security_group.web.id"),
                        }
                    ]
                },
            ),
            resource("aws_security_group.cache", {"name": "cache"}),
            resource(
                "aws_security_group_rule.cache_from_web",
                {"type": "ingress"},
                {
                    "security_group_id": ref("aws_security_group.cache.id"),
                    "source_security_group_id": ref("aws_security_group.web.id"),
                },
            ),
            resource(
                "aws_security_group_rule.web_out",
                {"type": "egress"},
                {
                    "security_group_id": ref("aws_security_group.web.id"),
                    "source_security_group_id": ref("aws_security_group.db.id"),
                },
            ),
            resource(
                "aws_launch_template.web",
                {},
                {"vpc_security_group_ids": ref("aws_security_group.web.id")},
            ),
            resource(
                "aws_autoscaling_group.web",
                {"name": "web", "min_size": 2},
                {
                    "launch_template": [{"id": ref("aws_launch_template.web.id")}],
                    "vpc_zone_identifier": ref("aws_subnet.private"),
                },
            ),
            resource(
                "aws_db_instance.main",
                {"identifier": "orders", "multi_az": False},
                {
                    "vpc_security_group_ids": ref("aws_security_group.db.id"),
                    "depends_on_marker": ref("aws_autoscaling_group.web.name"),
                },
            ),
            resource(
                "aws_elasticache_replication_group.sessions",
                {"replication_group_id": "sessions", "num_cache_clusters": 2},
                {"security_group_ids": ref("aws_security_group.cache.id")},
            ),
        ],
    )
    found = links(result)
    assert found["aws_autoscaling_group.web->aws_db_instance.main"] == "sync"
    assert "aws_autoscaling_group.web->aws_elasticache_replication_group.sessions" in found
    assert not any(key.startswith("aws_db_instance.main->") for key in found)  # egress: no
    confidence, rule = record(result, "aws_autoscaling_group.web->aws_db_instance.main")
    assert confidence == "inferred" and rule.startswith("network reachability")
    assert _evidence(result, "aws_autoscaling_group.web->aws_db_instance.main") == [
        "security group aws_security_group.db lets aws_security_group.web in "
        "(aws_security_group.db)"
    ]
    # The reference from the database to the group is start-up order no more: a link says it.
    assert not any(d.source == "aws_db_instance.main" for d in result.block.dependencies)
    assert not any("security_group" in c.id for c in result.design.components)


def test_reachability_backs_a_guessed_link_and_leaves_explicit_wiring_alone(
    tmp_path: Path, library: Library
) -> None:
    result = _import(
        tmp_path,
        library,
        [
            resource("aws_security_group.fn", {"name": "fn"}),
            resource(
                "aws_security_group.db",
                {"name": "db"},
                {"ingress": [{"security_groups": ref("aws_security_group.fn.id")}]},
            ),
            resource(
                "aws_db_instance.main",
                {"identifier": "orders", "address": "orders.db.internal"},
                {"vpc_security_group_ids": ref("aws_security_group.db.id")},
            ),
            resource(
                "aws_lambda_function.fn",
                {
                    "function_name": "fn",
                    "environment": [{"variables": {"DB_HOST": "orders.db.internal"}}],
                },
                {
                    "vpc_config": [{"security_group_ids": ref("aws_security_group.fn.id")}],
                    "environment": [{"variables": ref("aws_db_instance.main.address")}],
                },
            ),
        ],
    )
    key = "aws_lambda_function.fn->aws_db_instance.main"
    confidence, rule = record(result, key)
    assert confidence == "inferred"  # was a guess from the environment; the group backs it
    assert rule.endswith(
        "+ network reachability: terraform.providers.aws.reachability.rules: aws_security_group"
    )
    assert len(_evidence(result, key)) == 2


def test_api_gateway_authorization_and_throttling(tmp_path: Path, library: Library) -> None:
    api = ref("aws_api_gateway_rest_api.shop.id")
    result = _import(
        tmp_path,
        library,
        [
            resource("aws_api_gateway_rest_api.shop", {"name": "shop"}),
            resource(
                "aws_api_gateway_method.get",
                {"authorization": "COGNITO_USER_POOLS"},
                {"rest_api_id": api},
            ),
            resource(
                "aws_api_gateway_method.post", {"authorization": "CUSTOM"}, {"rest_api_id": api}
            ),
            resource(
                "aws_api_gateway_method_settings.all",
                {"settings": [{"throttling_rate_limit": 500, "throttling_burst_limit": 1000}]},
                {"rest_api_id": api},
            ),
            resource(
                "aws_api_gateway_usage_plan.partners",
                {"throttle_settings": [{"rate_limit": 50}]},
                {"api_stages": [{"api_id": api}]},
            ),
            resource("aws_apigatewayv2_api.public", {"name": "public"}),
            resource(
                "aws_apigatewayv2_route.health",
                {"authorization_type": "NONE"},
                {"api_id": ref("aws_apigatewayv2_api.public.id")},
            ),
            resource(
                "aws_apigatewayv2_route.orders",
                {"authorization_type": "JWT"},
                {"api_id": ref("aws_apigatewayv2_api.public.id")},
            ),
            resource(
                "aws_apigatewayv2_stage.default",
                {"default_route_settings": [{"throttling_rate_limit": -1}]},
                {"api_id": ref("aws_apigatewayv2_api.public.id")},
            ),
        ],
    )
    shop = result.design.component("aws_api_gateway_rest_api.shop")
    assert shop is not None and shop.props["auth"] is True and shop.props["rate_limit"] == 50
    assert any(
        text.startswith(
            "rate_limit 50: from aws_api_gateway_method_settings.all "
            "settings.throttling_rate_limit 500, "
        )
        for text in _evidence(result, "aws_api_gateway_rest_api.shop")
    )
    public = result.design.component("aws_apigatewayv2_api.public")
    assert public is not None
    assert public.props["auth"] is False  # one route is open: the API is not all behind auth
    assert "rate_limit" not in public.props  # -1: API Gateway's "no limit"


def test_route53_failover_records(tmp_path: Path, library: Library) -> None:
    zone = ref("aws_route53_zone.main.zone_id")
    result = _import(
        tmp_path,
        library,
        [
            resource("aws_route53_zone.main", {"name": "shop.example"}),
            resource("aws_lb.primary", {"name": "primary"}),
            resource("aws_lb.standby", {"name": "standby"}),
            resource(
                "aws_route53_record.www_primary",
                {"failover_routing_policy": [{"type": "PRIMARY"}], "set_identifier": "a"},
                {"zone_id": zone, "alias": [{"name": ref("aws_lb.primary.dns_name")}]},
            ),
            resource(
                "aws_route53_record.www_standby",
                {"failover_routing_policy": [{"type": "SECONDARY"}], "set_identifier": "b"},
                {"zone_id": zone, "alias": [{"name": ref("aws_lb.standby.dns_name")}]},
            ),
        ],
    )
    assert {
        "aws_route53_zone.main->aws_lb.primary",
        "aws_route53_zone.main->aws_lb.standby",
    } <= set(links(result))
    primary = result.design.component("aws_lb.primary")
    standby = result.design.component("aws_lb.standby")
    assert primary is not None and primary.props["failover"] == "dns"
    assert standby is not None and "failover" not in standby.props


def test_subnet_groups_place_databases_and_caches(tmp_path: Path, library: Library) -> None:
    subnets = {"subnet_ids": ref("aws_subnet.private[0].id", "aws_subnet.private[1].id")}
    result = _import(
        tmp_path,
        library,
        [
            resource("aws_db_subnet_group.db", {}, subnets),
            resource("aws_elasticache_subnet_group.cache", {}, subnets),
            resource(
                "aws_db_instance.single",
                {"identifier": "single", "multi_az": False, "availability_zone": "eu-west-1b"},
                {"db_subnet_group_name": ref("aws_db_subnet_group.db.name")},
            ),
            resource(
                "aws_db_instance.ha",
                {"identifier": "ha", "multi_az": True},
                {"db_subnet_group_name": ref("aws_db_subnet_group.db.name")},
            ),
            resource(
                "aws_elasticache_replication_group.sessions",
                {"replication_group_id": "sessions", "num_cache_clusters": 2},
                {"subnet_group_name": ref("aws_elasticache_subnet_group.cache.name")},
            ),
        ],
    )
    design = result.design
    single, ha = design.component("aws_db_instance.single"), design.component("aws_db_instance.ha")
    cache = design.component("aws_elasticache_replication_group.sessions")
    assert single is not None and single.zone == "eu-west-1b" and single.props["zones"] == 1
    assert ha is not None and ha.zone == "aws_vpc.main" and ha.props["zones"] == 2
    assert cache is not None and cache.zone == "aws_vpc.main" and cache.props["zones"] == 2


@pytest.mark.parametrize(
    ("subnets", "expected"),
    [
        (ref("aws_subnet.private"), 3),  # the whole resource: every instance the plan has
        (ref("aws_subnet.private[0].id", "aws_subnet.private[2].id"), 2),
    ],
)
def test_a_list_unknown_until_apply_is_counted_from_its_references(
    tmp_path: Path, library: Library, subnets: dict[str, object], expected: int
) -> None:
    result = _import(
        tmp_path,
        library,
        [resource("aws_lb.web", {"name": "web"}, {"subnets": subnets}, {"subnets": [True] * 3})],
    )
    lb = result.design.component("aws_lb.web")
    assert lb is not None and lb.props["zones"] == expected
    element = next(e for e in result.block.elements if e.subject == "aws_lb.web")
    assert element.properties["zones"] == "inferred"
    assert any(
        "subnets is known only after apply; counted aws_subnet.private[" in t
        for t in element.evidence
    )
    assert not any(u.component == "aws_lb.web" for u in result.block.unknown)


def test_an_unknown_list_with_no_references_stays_unknown(tmp_path: Path, library: Library) -> None:
    result = _import(
        tmp_path,
        library,
        [resource("aws_lb.web", {"name": "web"}, {}, {"subnets": True})],
    )
    assert ("aws_lb.web", "zones") in {(u.component, u.property) for u in result.block.unknown}


def test_instances_of_a_counted_resource_are_one_box_with_replicas(
    tmp_path: Path, library: Library
) -> None:
    web = [resource(f"aws_instance.web[{i}]", {"tags": {"Name": "web"}}) for i in range(3)]
    result = _import(tmp_path, library, web)
    assert [c.id for c in result.design.components] == ["aws_instance.web"]
    assert result.design.components[0].props["replicas"] == 3
    assert "replicas 3: instances in the plan" in _evidence(result, "aws_instance.web")


def test_classic_elb_zones_and_a_firehose_processor(tmp_path: Path, library: Library) -> None:
    zones = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
    result = _import(
        tmp_path,
        library,
        [
            resource("aws_elb.web", {"name": "web", "availability_zones": zones}),
            resource("aws_lambda_function.transform", {"function_name": "transform"}),
            resource("aws_s3_bucket.lake", {"bucket": "lake"}),
            resource(
                "aws_kinesis_firehose_delivery_stream.clicks",
                {"name": "clicks"},
                {
                    "extended_s3_configuration": [
                        {
                            "bucket_arn": ref("aws_s3_bucket.lake.arn"),
                            "processing_configuration": [
                                {
                                    "processors": [
                                        {
                                            "parameters": [
                                                {
                                                    "parameter_value": ref(
                                                        "aws_lambda_function.transform.arn"
                                                    )
                                                }
                                            ]
                                        }
                                    ]
                                }
                            ],
                        }
                    ]
                },
            ),
        ],
    )
    elb = result.design.component("aws_elb.web")
    assert elb is not None and elb.props["zones"] == 3
    found = links(result)
    # Firehose calls its processor for every batch: wiring, not start-up order.
    assert found["aws_kinesis_firehose_delivery_stream.clicks->aws_lambda_function.transform"]
    assert "aws_kinesis_firehose_delivery_stream.clicks->aws_s3_bucket.lake" in found
    assert not result.block.dependencies


def test_what_the_internet_reaches_is_an_entry_from_a_client(
    tmp_path: Path, library: Library
) -> None:
    result = _import(
        tmp_path,
        library,
        [
            resource("aws_lb.public", {"name": "public", "internal": False}),
            resource("aws_lb.inner", {"name": "inner", "internal": True}),
            resource("aws_api_gateway_rest_api.open", {"name": "open"}),
            resource(
                "aws_api_gateway_rest_api.private",
                {"name": "private", "endpoint_configuration": [{"types": ["PRIVATE"]}]},
            ),
        ],
    )
    entries = {key for key in links(result) if key.startswith("users->")}
    assert entries == {"users->aws_lb.public", "users->aws_api_gateway_rest_api.open"}
    # Values as the plan spells them, not as Python does.
    assert _evidence(result, "users->aws_lb.public") == ["aws_lb with internal false"]
    assert "not reached from outside: internal is true" in _evidence(result, "aws_lb.inner")
    assert record(result, "users->aws_lb.public")[1].endswith("reached from the internet")


def test_address_blocks_a_security_group_lets_in_are_drawn_as_guessed_clients(
    tmp_path: Path, library: Library
) -> None:
    """The usual shapes: an ALB open to the world, a bastion open to the office, the
    app open to the VPC (inline `ingress`, `aws_security_group_rule` and
    `aws_vpc_security_group_ingress_rule`)."""
    result = _import(
        tmp_path,
        library,
        [
            resource("aws_vpc.core", {"cidr_block": "10.20.0.0/16", "tags": {"Name": "core"}}),
            resource(
                "aws_security_group.alb",
                {
                    "name": "alb",
                    "ingress": [
                        {
                            "from_port": 443,
                            "to_port": 443,
                            "protocol": "tcp",
                            "cidr_blocks": ["0.0.0.0/0"],
                            "ipv6_cidr_blocks": ["::/0"],
                            "security_groups": [],
                            "self": False,
                        },
                    ],
                },
            ),
            resource("aws_security_group.app", {"name": "app"}),
            resource(
                "aws_security_group_rule.app_from_vpc",
                {
                    "type": "ingress",
                    "from_port": 8080,
                    "to_port": 8080,
                    "protocol": "tcp",
                    "cidr_blocks": ["10.20.0.0/16"],
                },
                {"security_group_id": ref("aws_security_group.app.id")},
            ),
            resource(
                "aws_security_group_rule.app_egress",
                {
                    "type": "egress",
                    "from_port": 0,
                    "to_port": 0,
                    "protocol": "-1",
                    "cidr_blocks": ["0.0.0.0/0"],
                },
                {"security_group_id": ref("aws_security_group.app.id")},
            ),
            resource("aws_security_group.bastion", {"name": "bastion"}),
            resource(
                "aws_vpc_security_group_ingress_rule.ssh_from_office",
                {
                    "cidr_ipv4": "203.0.113.0/24",
                    "from_port": 22,
                    "to_port": 22,
                    "ip_protocol": "tcp",
                },
                {"security_group_id": ref("aws_security_group.bastion.id")},
            ),
            resource(
                "aws_lb.public",
                {"name": "public", "internal": False},
                {"security_groups": ref("aws_security_group.alb.id")},
            ),
            resource(
                "aws_ecs_service.app",
                {"name": "app", "desired_count": 2},
                {"network_configuration": [{"security_groups": ref("aws_security_group.app.id")}]},
            ),
            resource(
                "aws_instance.bastion",
                {"tags": {"Name": "bastion"}},
                {"vpc_security_group_ids": ref("aws_security_group.bastion.id")},
            ),
        ],
    )
    design = result.design
    labels = {c.id: c.label for c in design.components if c.type == "client"}
    # The whole internet is the users' client the load balancer's entry already drew.
    assert labels == {
        "users": "users",
        "10.20.0.0-16": "10.20.0.0/16 (VPC)",
        "203.0.113.0-24": "203.0.113.0/24 (outside addresses)",
    }
    found = links(result)
    assert {"10.20.0.0-16->aws_ecs_service.app", "203.0.113.0-24->aws_instance.bastion"} <= set(
        found
    )
    assert not any(k.startswith("users->aws_ecs_service") for k in found)  # egress: no
    calls = {link.key: link.props.get("calls") for link in design.links}
    assert calls["10.20.0.0-16->aws_ecs_service.app"] == 0  # may connect; sends no requests
    assert calls["users->aws_lb.public"] is None  # the entry keeps its traffic
    assert record(result, "users->aws_lb.public")[0] == "inferred"  # the entry stays as it was
    assert _evidence(result, "users->aws_lb.public")[1:] == [
        "security group aws_security_group.alb lets 0.0.0.0/0 in on port 443 "
        "(aws_security_group.alb)",
        "security group aws_security_group.alb lets ::/0 in on port 443 (aws_security_group.alb)",
    ]
    for subject in ("10.20.0.0-16", "10.20.0.0-16->aws_ecs_service.app"):
        confidence, rule = record(result, subject)
        assert confidence == "guessed" and rule.startswith("network reachability")
    assert _evidence(result, "203.0.113.0-24->aws_instance.bastion") == [
        "security group aws_security_group.bastion lets 203.0.113.0/24 in on port 22 "
        "(aws_vpc_security_group_ingress_rule.ssh_from_office)"
    ]
    guesses = {e.subject for e in result.block.unconfirmed_guesses()}
    assert {"10.20.0.0-16", "203.0.113.0-24->aws_instance.bastion"} <= guesses
    assert not any("security_group" in c.id for c in design.components)


def test_the_internet_alone_is_a_client_of_its_own_when_no_entry_drew_one(
    tmp_path: Path, library: Library
) -> None:
    result = _import(
        tmp_path,
        library,
        [
            resource(
                "aws_security_group.web",
                {"name": "web", "ingress": [{"cidr_blocks": ["0.0.0.0/0"], "from_port": 80}]},
            ),
            resource(
                "aws_instance.web",
                {"tags": {"Name": "web"}},
                {"vpc_security_group_ids": ref("aws_security_group.web.id")},
            ),
        ],
    )
    (client,) = [c for c in result.design.components if c.type == "client"]
    assert (client.id, client.label) == ("internet", "internet 0.0.0.0/0")
    assert record(result, "internet")[0] == "guessed"
    assert "internet->aws_instance.web" in links(result)


def test_waf_shield_and_network_firewall_are_firewalls_in_front_of_what_they_guard(
    tmp_path: Path, library: Library
) -> None:
    # As `terraform show -json` writes them: the ARNs are known only after apply, so the
    # association names its two ends in the configuration's references.
    result = _import(
        tmp_path,
        library,
        [
            resource("aws_lb.front", {"name": "front", "internal": False}),
            resource(
                "aws_wafv2_web_acl.edge",
                {
                    "name": "edge-acl",
                    "scope": "REGIONAL",
                    "default_action": [{"allow": [{}], "block": []}],
                    "rule": [{"name": "AWSManagedRulesCommonRuleSet", "priority": 1}],
                },
                unknown={"arn": True, "id": True},
            ),
            resource(
                "aws_wafv2_web_acl_association.front",
                expressions={
                    "resource_arn": ref("aws_lb.front.arn"),
                    "web_acl_arn": ref("aws_wafv2_web_acl.edge.arn"),
                },
                unknown={"resource_arn": True, "web_acl_arn": True},
            ),
            resource(
                "aws_networkfirewall_firewall.egress",
                {
                    "name": "egress",
                    "subnet_mapping": [{"subnet_id": "subnet-a"}, {"subnet_id": "subnet-b"}],
                },
            ),
            resource(
                "aws_shield_protection.front",
                {"name": "front-ddos"},
                {"resource_arn": ref("aws_lb.front.arn")},
                unknown={"resource_arn": True},
            ),
        ],
    )
    design = result.design
    found = {c.id: (c.type, c.label, c.props.get("technology")) for c in design.components}
    assert found["aws_wafv2_web_acl.edge"] == ("firewall", "edge-acl", "AWS WAF")
    assert found["aws_shield_protection.front"] == ("firewall", "front-ddos", "AWS Shield")
    assert found["aws_networkfirewall_firewall.egress"][0] == "firewall"
    assert design.component("aws_networkfirewall_firewall.egress").props["zones"] == 2  # type: ignore[union-attr]
    # The resource type is the product: inferred, not a guess for someone to confirm.
    for subject in ("aws_wafv2_web_acl.edge", "aws_networkfirewall_firewall.egress"):
        assert record(result, subject)[0] == "inferred"
    assert "rate_limiter" not in {c.type for c in design.components}
    wired = links(result)
    assert wired["aws_wafv2_web_acl.edge->aws_lb.front"] == "sync"
    assert wired["aws_shield_protection.front->aws_lb.front"] == "sync"
    # The association is how it is wired, never a box of its own.
    assert design.component("aws_wafv2_web_acl_association.front") is None
