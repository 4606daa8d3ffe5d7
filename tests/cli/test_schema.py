"""`archdraw schema`: a Draft 2020-12 JSON Schema that accepts designs and rejects bad props."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from archdraw.cli.main import run

DESIGN: dict[str, Any] = {
    "archdraw": 1,
    "name": "Photo sharing",
    "doc": {"purpose": "Share photos", "principles": ["cache reads"]},
    "zones": [{"id": "us-east", "kind": "region"}, {"id": "use-a", "parent": "us-east"}],
    "components": [
        {"id": "web", "type": "client", "props": {"rps": 2000}},
        {
            "id": "lb",
            "type": "load_balancer",
            "zone": "use-a",
            "position": [120, 40],
            "props": {"replicas": 2, "failover": "active-active", "capacity_rps": 50000},
        },
        {"id": "cache", "type": "cache", "props": {"hit_ratio": 0.9}},
    ],
    "links": [
        {"from": "web", "to": "lb", "kind": "sync", "label": "HTTPS", "props": {"tls": True}},
        {"id": "lb-cache", "from": "lb", "to": "cache", "props": {"calls": 3}},
    ],
    "lint": {
        "disable": ["AD204"],
        "severity": {"AD105": "info"},
        "ignore": [{"rule": "AD101", "component": "lb", "reason": "accepted"}],
    },
}


@pytest.fixture(scope="module")
def schema(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    path = tmp_path_factory.mktemp("schema") / "archdraw.schema.json"
    assert run(["schema", "--no-user-types", "-o", str(path)]) == 0
    return dict(json.loads(path.read_text(encoding="utf-8")))


def test_schema_is_valid_draft_2020_12(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_sample_design_validates(schema: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator(schema).validate(DESIGN)


@pytest.mark.parametrize(
    ("where", "value"),
    [
        (("components", 1, "props", "replicas"), 0),
        (("components", 1, "props", "replicas"), "two"),
        (("components", 1, "props", "replicaz"), 2),
        (("components", 2, "props", "hit_ratio"), 1.5),
        (("components", 1, "props", "failover"), "hope"),
        (("components", 0, "type"), "quantum_computer"),
        (("links", 0, "kind"), "telepathy"),
        (("links", 0, "props", "calls"), -1),
        (("archdraw",), 2),
        (("components", 0, "colour"), "red"),
    ],
)
def test_bad_values_fail(schema: dict[str, Any], where: tuple[Any, ...], value: Any) -> None:
    design = json.loads(json.dumps(DESIGN))
    target = design
    for step in where[:-1]:
        target = target[step]
    target[where[-1]] = value
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(design))
    assert errors, f"{where} = {value!r} should be refused"


def test_schema_goes_to_stdout(capsys: pytest.CaptureFixture[str], schema: dict[str, Any]) -> None:
    assert run(["schema", "--no-user-types"]) == 0
    assert json.loads(capsys.readouterr().out) == schema


def test_schema_file_is_usable_by_the_language_server_line(
    schema: dict[str, Any], tmp_path: Path
) -> None:
    # The README tells users to put this line first; it must stay a plain comment for us.
    from archdraw.io import loads
    from archdraw.library import builtin_library

    text = "# yaml-language-server: $schema=archdraw.schema.json\narchdraw: 1\nname: X\n"
    assert loads(text, "x.archdraw.yaml", builtin_library()).design.name == "X"


def test_unwritable_output_is_exit_2_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["schema", "-o", str(tmp_path / "no-such-dir" / "schema.json")]) == 2
    assert "archdraw schema: cannot write" in capsys.readouterr().err


def test_managed_is_a_boolean_on_the_types_a_provider_may_run(schema: dict[str, Any]) -> None:
    validator = jsonschema.Draft202012Validator(schema)

    def errors(type_id: str, value: Any) -> list[Any]:
        design = json.loads(json.dumps(DESIGN))
        design["components"].append({"id": "jobs", "type": type_id, "props": {"managed": value}})
        return list(validator.iter_errors(design))

    assert errors("queue", True) == [] and errors("api_gateway", False) == []
    assert errors("queue", "yes"), "`managed` takes true or false"
    assert errors("service", True) == [], "a serverless function (Lambda) is a managed service"
    assert errors("client", True), "a client runs on users' devices: no `managed`"
