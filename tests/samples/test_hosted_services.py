"""Hosted services in the samples are what their provider runs: one managed service whose
capacity is the account's quota, never replicas of ours (README, "Instances" and the
analysis model's "a service we do not run")."""

from __future__ import annotations

from pathlib import Path

import pytest

from archdraw.analysis import build_graph
from archdraw.io import load
from archdraw.io.samples import SAMPLE_SUFFIX, sample_dir
from archdraw.library import Library

SAMPLES = sorted(sample_dir().glob(f"*{SAMPLE_SUFFIX}"))
MODEL_TYPES = ("llm", "embedding_model")


def slug(path: Path) -> str:
    return path.name.removesuffix(SAMPLE_SUFFIX)


@pytest.mark.parametrize("path", SAMPLES, ids=slug)
def test_a_model_counted_as_our_machines_is_one_we_rent_by_the_hour(
    path: Path, library: Library
) -> None:
    # A hosted endpoint with `replicas: 3` would be three machines of ours: availability per
    # copy, a x3 badge, "run N replicas" advice. Only a model on GPUs we pay for by the hour
    # is ours to count.
    design = load(path, library).design
    graph = build_graph(design, library)
    for component in design.components:
        if component.type in MODEL_TYPES and graph.runs_replicas[graph.index[component.id]]:
            assert "price_per_hour" in component.props, component.id


@pytest.mark.parametrize("path", SAMPLES, ids=slug)
def test_a_stated_quota_is_the_capacity_of_a_service_we_do_not_run(
    path: Path, library: Library
) -> None:
    design = load(path, library).design
    graph = build_graph(design, library)
    quotas = [c for c in design.components if "rpm_limit" in c.props]
    for component in quotas:
        assert not graph.runs_replicas[graph.index[component.id]], component.id
        per_second = component.props["rpm_limit"] / 60
        assert component.props.get("capacity_rps") == pytest.approx(per_second), component.id


def test_the_hosted_model_samples_state_their_quotas(library: Library) -> None:
    stated = {
        slug(path): sorted(
            c.id for c in load(path, library).design.components if "rpm_limit" in c.props
        )
        for path in SAMPLES
    }
    assert {name: ids for name, ids in stated.items() if ids} == {
        "ai-job-queue": ["llm", "llm_fallback"],
        "llm-usage-tracker": ["llm", "llm_b"],
        "mcp-agent": ["llm", "llm_fallback"],
        "multi-agent": ["embed", "llm", "llm_fallback"],
        "rag-pipeline": ["llm", "llm_backup"],
    }
