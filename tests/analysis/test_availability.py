"""Availability: series, k-of-n replicas, zones as common causes, the weakest link."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archdraw.analysis.availability import (
    ZONE_AVAILABILITY,
    analyze_availability,
    downtime_per_year,
    k_of_n,
    percent_available,
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
    # Never "0.0 minutes": none at all, or less than the figure shows.
    assert downtime_per_year(1.0) == "0 minutes"
    assert downtime_per_year(1 - 1e-12) == "under 0.1 minutes"


def test_an_availability_reads_as_a_person_writes_it() -> None:
    assert percent_available(0.9995) == "99.9500 %"
    # Exact ends are said as they are; four decimals never round a figure into one.
    assert percent_available(0.0) == "0 %"
    assert percent_available(1.0) == "100 %"
    assert percent_available(1e-9) == "under 0.0001 %"
    assert percent_available(1 - 1e-9) == "over 99.9999 %"


def test_a_primary_without_failover_needs_itself_and_k_minus_1_others(design_of, library) -> None:
    design = design_of(
        """
components:
  - {id: web, type: client, props: {rps: 150}}
  - {id: db, type: database, props: {replicas: 3, capacity_rps: 100}}
links:
  - {from: web, to: db}
"""
    )
    figures = analyze_availability(design, library).components["db"]
    # 150 req/s at 100 each needs 2 of 3: the primary (0.999) and 1 of the other 2.
    assert figures.needed == 2
    assert figures.availability == pytest.approx(0.999 * (1 - 0.001**2), abs=1e-15)


TWITTER_NAIVE = Path(__file__).parents[2] / "sample_designs" / "twitter-naive.archdraw.yaml"
WEB_PROPS = "props: {replicas: 1, capacity_rps: 800,"


def _twitter_naive(load_text, web_replicas: int, db_capacity: int | None = None):  # type: ignore[no-untyped-def]
    text = TWITTER_NAIVE.read_text(encoding="utf-8")
    assert text.count(WEB_PROPS) == 1
    text = text.replace(WEB_PROPS, f"props: {{replicas: {web_replicas}, capacity_rps: 800,")
    if db_capacity is not None:
        assert text.count("capacity_rps: 1500,") == 1
        text = text.replace("capacity_rps: 1500,", f"capacity_rps: {db_capacity},")
    return load_text(text).design


def test_more_web_replicas_in_twitter_naive_never_lower_availability(load_text, library) -> None:
    """The README audit's case: replicas 1, 3, 4 once gave 99.7951 %, 99.5956 %, 99.4960 %
    (k was capped at n, so one overloaded instance counted as 99.9 % up)."""
    # The app sends 3,000 req/s; web serves 800 each: k = ceil(3000 / 800) = 4.
    web = [
        analyze_availability(_twitter_naive(load_text, n), library).components["web"]
        for n in (1, 3, 4)
    ]
    assert [w.needed for w in web] == [4, 4, 4]
    assert [w.overloaded for w in web] == [True, True, False]
    # 4 of 1 and 4 of 3 are impossible: 0. 4 of 4 at 0.999 each: 0.999^4 = 0.996005996001.
    assert [w.availability for w in web] == pytest.approx([0.0, 0.0, 0.996005996001], abs=1e-12)
    # The design as drawn stays 0 at every count: db takes 3 calls per request,
    # 9,000 req/s at 1,500 each (k = 6 of its 1 instance), saturated whatever web runs.
    designs = [analyze_availability(_twitter_naive(load_text, n), library) for n in (1, 3, 4)]
    assert [d.design for d in designs] == [0.0, 0.0, 0.0]
    assert all("db" in d.saturated for d in designs)
    # With db able to carry its 9,000 req/s on its one machine (k = 1), web decides:
    # replicas 1 and 3: web saturated, 0. Replicas 4: web 0.999^4 x db 0.999 x push (the
    # 5 % of requests that call it, 99.9 %: 1 - 0.001 x 0.05 = 0.99995); the email queue
    # is async, its consumers lose no request:
    # 0.999^5 x 0.99995 = 0.995009990004999 - 0.995009990004999 x 0.00005
    #   = 0.995009990004999 - 0.00004975049950025 = 0.99496023950549875.
    fixed_db = [
        analyze_availability(_twitter_naive(load_text, n, db_capacity=10_000), library).design
        for n in (1, 3, 4)
    ]
    assert fixed_db == pytest.approx([0.0, 0.0, 0.99496023950549875], abs=1e-12)
    assert fixed_db == sorted(fixed_db)


@given(
    n=st.integers(1, 60),
    k=st.integers(1, 70),
    p=st.floats(0.0, 1.0, allow_nan=False),
)
def test_k_of_n_never_falls_with_another_instance(n: int, k: int, p: float) -> None:
    assert k_of_n(k, n + 1, p) >= k_of_n(k, n, p) - 1e-12


# The fixtures only read (the library) or build (a design from text): nothing to reset.
@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    n=st.integers(1, 12),
    rps=st.sampled_from([0, 50, 100, 150, 399, 400, 401, 1000, 1300]),
    p=st.sampled_from([0.5, 0.9, 0.99, 0.999, 0.99999]),
    kind=st.sampled_from(
        [
            ("service", ""),
            ("database", ""),
            ("database", "failover: active-standby, "),
            ("cache", ""),
        ]
    ),
)
def test_a_component_is_never_less_available_with_another_instance(
    load_text, library, n: int, rps: int, p: float, kind: tuple[str, str]
) -> None:
    def figure(replicas: int) -> float:
        design = load_text(
            f"""archdraw: 1
name: monotone
components:
  - {{id: web, type: client, props: {{rps: {rps}}}}}
  - {{id: x, type: {kind[0]}, props: {{{kind[1]}replicas: {replicas}, capacity_rps: 100,
      availability: {p}}}}}
links:
  - {{from: web, to: x}}
"""
        ).design
        result = analyze_availability(design, library)
        return result.components["x"].availability, result.design

    (one, design_one), (more, design_more) = figure(n), figure(n + 1)
    assert more >= one - 1e-12
    assert design_more >= design_one - 1e-12
    # k > n: saturated, never up; otherwise no lower than all n up at once.
    needed = max(1, math.ceil(rps / 100))
    assert (one == 0.0) if needed > n else (one >= p**n - 1e-12)
