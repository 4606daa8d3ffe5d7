"""Lint and the analysis agree: AD101 is what `--weakest` marks as a single point of failure."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from archdraw.analysis import weakest_points
from archdraw.io import load
from archdraw.io.samples import SAMPLE_SUFFIX, sample_dir
from archdraw.library import Library
from archdraw.lint import Finding, lint_design
from archdraw.lint.context import LintContext
from archdraw.lint.session import LintSession
from archdraw.model import Design, Document
from archdraw.model.edits import SetProperties

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from generate import generate_design

SAMPLES = sorted(sample_dir().glob(f"*{SAMPLE_SUFFIX}"))


def _both(design: Design, library: Library) -> tuple[set[str], set[str]]:
    return _about(lint_design(design, library)), _ranked(design, library)


def _about(findings: list[Finding]) -> set[str]:
    """The components AD101 is about: one finding asks about every unstated instance count
    (located at the first, naming the others), one per stated single instance."""
    return {
        e
        for f in findings
        if f.code == "AD101"
        for e in (f.component or "", *(r.element for r in f.related))
    }


def _ranked(design: Design, library: Library) -> set[str]:
    return {p.id for p in weakest_points(design, library) if p.single_point}


@pytest.mark.parametrize("path", SAMPLES, ids=[p.name for p in SAMPLES])
def test_ad101_is_what_weakest_calls_a_single_point(path: Path, library: Library) -> None:
    linted, ranked = _both(load(path, library).design, library)
    assert linted == ranked


@pytest.mark.parametrize("seed", [1, 2])
def test_ad101_agrees_on_generated_designs(seed: int, library: Library) -> None:
    linted, ranked = _both(generate_design(1000, seed=seed), library)
    assert linted == ranked
    assert linted, "the generated designs hold single instances: the comparison means something"


def test_one_haproxy_is_one_instance_whatever_its_default_failover(design_of, library) -> None:
    design = design_of(
        """
components:
  - {id: web, type: client, props: {rps: 10}}
  - {id: haproxy, type: load_balancer, props: {replicas: 1}}
  - {id: api, type: service, props: {replicas: 2}}
links:
  - {from: web, to: haproxy}
  - {from: haproxy, to: api}
"""
    )
    linted, ranked = _both(design, library)
    assert linted == ranked == {"haproxy"}
    assert weakest_points(design, library)[0].lost_share == 1.0


def test_ad105_fires_when_the_design_says_zones_with_the_property(design_of, library) -> None:
    design = design_of(
        """
components:
  - {id: web, type: client, props: {rps: 10}}
  - {id: lb, type: load_balancer, props: {zones: 3}}
  - {id: api, type: service, props: {replicas: 3, zones: 3}}
  - {id: db, type: database, props: {replicas: 2, failover: active-standby}}
links:
  - {from: web, to: lb}
  - {from: lb, to: api}
  - {from: api, to: db}
"""
    )
    found = [f.component for f in lint_design(design, library) if f.code == "AD105"]
    assert found == ["db"]
    quiet = design_of(
        """
components:
  - {id: web, type: client, props: {rps: 10}}
  - {id: api, type: service, props: {replicas: 3}}
links:
  - {from: web, to: api}
"""
    )
    assert [f for f in lint_design(quiet, library) if f.code == "AD105"] == []


def test_an_editor_session_follows_the_analysis_after_an_edit(design_of, library) -> None:
    document = Document(
        design_of(
            """
components:
  - {id: web, type: client, props: {rps: 10}}
  - {id: api, type: service}
  - {id: db, type: database}
  - {id: copy, type: database}
links:
  - {from: web, to: api}
  - {from: api, to: db}
  - {from: db, to: copy, kind: replication}
"""
        )
    )
    session = LintSession(library)

    def single_points() -> set[str]:
        return _about(session.lint(document.design))

    assert single_points() == {"api", "db"}
    document.apply(SetProperties("api", {"replicas": 2}))
    assert single_points() == {"db"}
    document.apply(SetProperties("db", {"replicas": 2, "failover": "active-standby"}))
    assert single_points() == set()
    roles = LintContext(document.design, library).traffic_graph.roles
    assert roles.primary_of("copy") == "db" and roles.is_copy("copy")
