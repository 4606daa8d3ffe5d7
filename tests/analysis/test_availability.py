"""Availability: series, k-of-n replicas, zones as common causes, the weakest link."""

from __future__ import annotations

import itertools
import math

import pytest

from archdraw.analysis.availability import (
    ZONE_AVAILABILITY,
    analyze_availability,
    downtime_per_year,
    k_of_n,
)


def test_99_9_in_series_with_99_9_gives_99_8001(design_of, library) -> None:
    design = design_of(
        """
components:
  - {id: web, type: client}
  - {id: a, type: service}
  - {id: b, type: database}
links:
  - {from: web, to: a}
  - {from: a, to: b}
"""
    )
    result = analyze_availability(design, library)
    assert result.clients["web"] == pytest.approx(0.998001, abs=1e-12)


def test_two_in_parallel_give_99_9999(design_of, library) -> None:
    design = design_of(
        """
components:
  - {id: web, type: client}
  - {id: a, type: service, props: {replicas: 2, failover: active-active}}
links:
  - {from: web, to: a}
"""
    )
    result = analyze_availability(design, library)
    assert result.components["a"].availability == pytest.approx(0.999999, abs=1e-12)
    assert result.clients["web"] == pytest.approx(0.999999, abs=1e-12)


def _brute_force(k: int, n: int, p: float) -> float:
    total = 0.0
    for states in itertools.product([True, False], repeat=n):
        if sum(states) >= k:
            total += math.prod(p if up else 1 - p for up in states)
    return total


@pytest.mark.parametrize(("k", "n", "p"), [(1, 3, 0.9), (2, 3, 0.99), (3, 5, 0.95), (5, 5, 0.8)])
def test_k_of_n_matches_enumerating_every_state(k: int, n: int, p: float) -> None:
    assert k_of_n(k, n, p) == pytest.approx(_brute_force(k, n, p))


def test_k_of_n_stays_accurate_for_a_hundred_replicas() -> None:
    assert k_of_n(1, 100, 0.9) == 1.0
    assert k_of_n(100, 100, 0.999) == pytest.approx(0.999**100)


def test_replicas_needed_for_the_load_set_k(design_of, library) -> None:
    design = design_of(
        """
components:
  - {id: web, type: client, props: {rps: 150}}
  - {id: a, type: service, props: {replicas: 3, capacity_rps: 100, failover: active-active}}
links:
  - {from: web, to: a}
"""
    )
    figures = analyze_availability(design, library).components["a"]
    assert figures.needed == 2
    assert figures.availability == pytest.approx(k_of_n(2, 3, 0.999))


def test_a_stateful_store_without_failover_gains_nothing_from_replicas(design_of, library) -> None:
    design = design_of(
        """
components:
  - {id: web, type: client}
  - {id: db, type: database, props: {replicas: 3}}
links:
  - {from: web, to: db}
"""
    )
    assert analyze_availability(design, library).components["db"].availability == 0.999


def test_zones_are_common_causes(design_of, library) -> None:
    design = design_of(
        """
zones:
  - {id: eu, kind: region}
  - {id: eu-a, kind: zone, parent: eu}
components:
  - {id: web, type: client}
  - {id: a, type: service, zone: eu-a, props: {replicas: 2, failover: active-active}}
links:
  - {from: web, to: a}
"""
    )
    result = analyze_availability(design, library)
    expected = (1 - 0.001**2) * ZONE_AVAILABILITY["zone"] * ZONE_AVAILABILITY["region"]
    assert result.clients["web"] == pytest.approx(expected)
    assert [(w.kind, w.id) for w in result.weakest][:2] == [("zone", "eu-a"), ("zone", "eu")]


def test_weakest_link_is_the_one_that_raises_availability_most(design_of, library) -> None:
    design = design_of(
        """
components:
  - {id: web, type: client}
  - {id: lb, type: load_balancer}
  - {id: db, type: database}
links:
  - {from: web, to: lb}
  - {from: lb, to: db}
"""
    )
    result = analyze_availability(design, library)
    first = result.weakest[0]
    assert first.id == "db"
    lb = result.components["lb"].availability
    assert result.design + first.gain == pytest.approx(lb)


def test_downtime_is_said_in_human_units() -> None:
    assert downtime_per_year(0.999) == "8.8 hours"
    assert downtime_per_year(0.99999) == "5.3 minutes"
    assert downtime_per_year(0.99) == "3.7 days"
