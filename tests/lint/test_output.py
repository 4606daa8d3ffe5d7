"""Output formats: text, json (the contract), SARIF (schema and GitHub's rules), JUnit, github."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
from junitparser import JUnitXml

from archdraw.io import LoadedDesign
from archdraw.library import Library
from archdraw.lint import all_rules, lint_design
from archdraw.lint.output import FileResult, github, json_format, junit, sarif, text
from archdraw.lint.types import Related

REPO = Path(__file__).resolve().parents[2]
SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
JS = REPO / "tests" / "js"

DESIGN = """\
archdraw: 1
name: Shop
components:
  - id: web
    type: client
  - id: api
    type: service
    label: "API, 100% of traffic"
    props: {replicas: 1}
  - id: db
    type: database
links:
  - {from: web, to: api}
  - {from: api, to: db}
"""


@pytest.fixture
def results(load_text: Callable[[str], LoadedDesign], library: Library) -> list[FileResult]:
    loaded = load_text(DESIGN)
    findings = lint_design(loaded.design, library, loaded.locations)
    clean = load_text("archdraw: 1\nname: Empty\n")
    return [
        FileResult("designs/shop.archdraw.yaml", findings),
        FileResult("designs/empty.archdraw.yaml", lint_design(clean.design, library)),
    ]


def test_text_lines_follow_the_contract(results: list[FileResult]) -> None:
    out = text.render(results)
    lines = [line for line in out.splitlines() if line.startswith("designs/")]
    assert len(lines) == len(results[0].findings)
    first = results[0].findings[0]
    assert lines[0] == (
        f"designs/shop.archdraw.yaml:{first.line}:{first.column}: {first.code} "
        f"[{first.severity}] {first.message}"
    )
    assert "\033[" not in out
    assert f"{len(results[0].findings)} findings" in out


def test_text_is_coloured_when_asked(results: list[FileResult]) -> None:
    out = text.render(results, colour=True)
    assert "\033[31m[error]" in out and "single-point-of-failure" in out


def test_json_shape_is_the_documented_contract(results: list[FileResult]) -> None:
    data = json.loads(json_format.render(results))
    assert data["version"] == 1
    assert [f["path"] for f in data["files"]] == [r.path for r in results]
    keys = {"code", "name", "severity", "component", "link", "zone", "line", "column", "message"}
    keys.add("related")  # added in issue 14: the other elements of a one-per-cause finding
    for entry in data["files"][0]["findings"]:
        assert set(entry) == keys
    first, finding = data["files"][0]["findings"][0], results[0].findings[0]
    assert (first["code"], first["line"], first["component"]) == (
        finding.code,
        finding.line,
        finding.component,
    )
    assert data["files"][1]["findings"] == []


def sarif_log(results: list[FileResult]) -> dict:  # type: ignore[type-arg]
    return json.loads(sarif.render(results))  # type: ignore[no-any-return]


def test_sarif_validates_against_the_2_1_0_schema(results: list[FileResult]) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = [e.message for e in validator.iter_errors(sarif_log(results))]
    assert errors == []


def test_sarif_meets_github_code_scanning_needs(results: list[FileResult]) -> None:
    run = sarif_log(results)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.code for r in all_rules()]
    for rule in rules:
        for key in ("shortDescription", "fullDescription", "help"):
            assert rule[key]["text"]
    assert len(run["results"]) == len(results[0].findings)
    for result in run["results"]:
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == "designs/shop.archdraw.yaml"
        assert location["region"]["startLine"] >= 1
        assert result["partialFingerprints"]
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    prints = [json.dumps(r["partialFingerprints"]) for r in run["results"]]
    assert len(set(prints)) == len(prints)


def test_sarif_design_level_findings_get_line_one(library: Library, load_text) -> None:  # type: ignore[no-untyped-def]
    many = "archdraw: 1\nname: Big\ncomponents:\n" + "".join(
        f"  - {{id: s{i}, type: service}}\n" for i in range(7)
    )
    loaded = load_text(many)
    findings = [
        f for f in lint_design(loaded.design, library, loaded.locations) if f.code == "AD601"
    ]
    assert findings and findings[0].line is None
    log = json.loads(sarif.render([FileResult("big.archdraw.yaml", findings)]))
    assert (
        log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 1
    )


def multitool() -> list[str] | None:
    if (JS / "node_modules" / "@microsoft" / "sarif-multitool").is_dir() and shutil.which("npx"):
        return ["npx", "--no-install", "--prefix", str(JS), "sarif-multitool"]
    if os.environ.get("CI"):
        pytest.fail(
            "sarif-multitool is not installed (npm install --prefix tests/js) and CI is set"
        )
    pytest.skip("sarif-multitool not installed (npm install --prefix tests/js)")


def multitool_errors(command: list[str], log: Path, tmp_path: Path, kind: str) -> list[str]:
    output = tmp_path / f"validation-{kind}.sarif"
    # The multitool exits 0 whatever it finds: its verdict is in the output log.
    subprocess.run(
        [
            *command,
            "validate",
            str(log),
            "--rule-kind",
            kind,
            "-o",
            str(output),
            "--log",
            "ForceOverwrite",
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    validation = json.loads(output.read_text(encoding="utf-8"))
    return [
        f"{r['ruleId']}: {r['message'].get('text', r['message'])}"
        for run in validation["runs"]
        for r in run.get("results", [])
        if r.get("level", "warning") in ("error", "warning")
    ]


def test_sarif_passes_the_multitool_with_githubs_rules(
    results: list[FileResult], tmp_path: Path
) -> None:
    command = multitool()
    assert command is not None
    log = tmp_path / "lint.sarif"
    log.write_text(sarif.render(results), encoding="utf-8")
    assert multitool_errors(command, log, tmp_path, "Gh") == []
    assert multitool_errors(command, log, tmp_path, "Sarif") == []
    # The same check must notice a log GitHub would reject, or its silence means nothing.
    broken = sarif_log(results)
    del broken["runs"][0]["tool"]["driver"]["rules"][0]["shortDescription"]
    log.write_text(json.dumps(broken), encoding="utf-8")
    assert any("GH" in e for e in multitool_errors(command, log, tmp_path, "Gh"))


def test_junit_parses_back(results: list[FileResult]) -> None:
    xml = JUnitXml.fromstring(junit.render(results))
    suites = {suite.name: suite for suite in xml}
    shop = suites["designs/shop.archdraw.yaml"]
    assert shop.failures == len(results[0].findings)
    cases = list(shop)
    assert len(cases) == len(results[0].findings)
    first = results[0].findings[0]
    assert cases[0].name.startswith(f"{first.code} {first.name}")
    assert cases[0].result[0].message == first.message
    empty = suites["designs/empty.archdraw.yaml"]
    assert empty.failures == 0 and empty.tests == 1


def test_github_annotations(results: list[FileResult]) -> None:
    lines = github.render(results).splitlines()
    assert len(lines) == len(results[0].findings)
    first = results[0].findings[0]
    assert lines[0].startswith(
        f"::error file=designs/shop.archdraw.yaml,line={first.line},col={first.column},"
        f"title={first.code} {first.name}::"
    )


def test_github_escapes_percent_cr_and_lf() -> None:
    assert github.escape_data("100% of\r\ntraffic") == "100%25 of%0D%0Atraffic"
    assert github.escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_github_message_with_newline_stays_on_one_line(results: list[FileResult]) -> None:
    finding = results[0].findings[0]
    from dataclasses import replace

    odd = replace(finding, message="line one\nline two 50%")
    out = github.render([FileResult("a,b:c.yaml", [odd])])
    assert out.count("\n") == 1
    assert out.rstrip("\n").endswith("::line one%0Aline two 50%25")
    assert "file=a%2Cb%3Ac.yaml," in out


def test_sarif_v2_fingerprints_survive_the_design_moving(results: list[FileResult]) -> None:
    moved = [FileResult("elsewhere/renamed.archdraw.yaml", results[0].findings)]
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    here, there = sarif_log(results[:1]), sarif_log(moved)
    assert [e.message for e in validator.iter_errors(there)] == []
    for before, after in zip(here["runs"][0]["results"], there["runs"][0]["results"], strict=True):
        old, new = before["partialFingerprints"], after["partialFingerprints"]
        assert set(old) == {"archdrawFinding/v1", "archdrawFinding/v2"}
        assert old["archdrawFinding/v2"] == new["archdrawFinding/v2"]
        assert old["archdrawFinding/v1"] != new["archdrawFinding/v1"]  # kept as it always was
    v2 = [r["partialFingerprints"]["archdrawFinding/v2"] for r in here["runs"][0]["results"]]
    assert len(set(v2)) == len(v2)


def test_sarif_v2_fingerprint_names_rule_element_and_cause(results: list[FileResult]) -> None:
    finding = results[0].findings[0]
    same = sarif.cause_fingerprint(finding)
    assert sarif.cause_fingerprint(replace(finding, line=(finding.line or 0) + 40)) == same
    assert sarif.cause_fingerprint(replace(finding, message="reworded")) == same
    assert sarif.cause_fingerprint(replace(finding, code="AD999")) != same
    other = replace(finding, related=(Related("elsewhere", 3, 1),))
    assert sarif.cause_fingerprint(other) != same
