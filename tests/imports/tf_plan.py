"""Writing `terraform show -json` plans for tests, in the shape Terraform writes them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def ref(*addresses: str) -> dict[str, Any]:
    """An expression naming resources, as a plan's configuration records it."""
    found: list[str] = []
    for address in addresses:
        found += [address, address.rsplit(".", 1)[0]] if address.count(".") > 1 else [address]
    return {"references": found}


def resource(
    address: str,
    values: dict[str, Any] | None = None,
    expressions: dict[str, Any] | None = None,
    unknown: dict[str, Any] | None = None,
) -> dict[str, Any]:
    base = address.split("[")[0]
    return {
        "address": address,
        "type": base.split(".")[-2],
        "name": base.split(".")[-1],
        "values": values or {},
        "expressions": expressions or {},
        "unknown": unknown or {},
    }


def write_plan(path: Path, resources: list[dict[str, Any]], region: str = "eu-west-1") -> Path:
    configured: dict[str, dict[str, Any]] = {}
    for r in resources:
        configured.setdefault(r["address"].split("[")[0], r)
    plan = {
        "format_version": "1.2",
        "terraform_version": "1.7.5",
        "planned_values": {
            "root_module": {
                "resources": [
                    {
                        "address": r["address"],
                        "mode": "managed",
                        "type": r["type"],
                        "name": r["name"],
                        "values": r["values"],
                    }
                    for r in resources
                ]
            }
        },
        "resource_changes": [
            {
                "address": r["address"],
                "type": r["type"],
                "change": {"actions": ["create"], "after_unknown": r["unknown"]},
            }
            for r in resources
        ],
        "configuration": {
            "provider_config": {
                "aws": {"name": "aws", "expressions": {"region": {"constant_value": region}}}
            },
            "root_module": {
                "resources": [
                    {"address": address, "type": r["type"], "expressions": r["expressions"]}
                    for address, r in configured.items()
                ]
            },
        },
    }
    path.write_text(json.dumps(plan, indent=1), encoding="utf-8")
    return path
