"""Oracle tests of the queueing formulas against textbook values (Hillier and Lieberman)."""

from __future__ import annotations

import math

import pytest

from archdraw.analysis.queueing import (
    erlang_b,
    erlang_c,
    mmc,
    replicas_needed,
    response_ms,
    within_quota,
)


def test_mm1_lambda_8_mu_10_waits_0_4_s_and_spends_0_5_s() -> None:
    queue = mmc(8.0, 10.0, 1)
    assert queue.utilization == pytest.approx(0.8)
    assert queue.wq_s == pytest.approx(0.4)
    assert queue.w_s == pytest.approx(0.5)


def test_mm2_county_hospital_waits_with_one_sixth_and_2_5_minutes() -> None:
    # λ = 2 per hour, μ = 3 per hour, two doctors.
    queue = mmc(2.0, 3.0, 2)
    assert queue.wait_probability == pytest.approx(1 / 6)
    assert queue.wq_s is not None
    assert queue.wq_s * 60 == pytest.approx(2.5)  # hours to minutes


def test_mm10_lambda_100_mu_12_5_gives_c_0_40918_and_16_37_ms() -> None:
    queue = mmc(100.0, 12.5, 10)
    assert queue.wait_probability == pytest.approx(0.40918, abs=5e-6)
    assert queue.wq_s is not None
    assert queue.wq_s * 1000 == pytest.approx(16.37, abs=0.005)


def test_one_replica_at_80_of_100_without_latency_answers_in_50_ms() -> None:
    _, response = response_ms(80.0, 100.0, 1, None, ours=True)
    assert response == pytest.approx(50.0)


def test_response_stretches_a_given_latency_by_the_queueing_factor() -> None:
    queue, response = response_ms(80.0, 100.0, 1, 4.0, ours=True)
    assert queue.wq_s is not None
    assert response == pytest.approx(4.0 * (1 + queue.wq_s * 100.0))


def _erlang_c_by_factorials(c: int, a: float) -> float:
    top = a**c / math.factorial(c) * c / (c - a)
    return top / (sum(a**k / math.factorial(k) for k in range(c)) + top)


@pytest.mark.parametrize(("servers", "load"), [(1, 0.5), (2, 1.5), (5, 4.2), (12, 3.0)])
def test_erlang_c_recurrence_matches_the_factorial_formula(servers: int, load: float) -> None:
    assert erlang_c(servers, load) == pytest.approx(_erlang_c_by_factorials(servers, load))


def test_erlang_b_two_servers_load_one_blocks_a_fifth() -> None:
    assert erlang_b(2, 1.0) == pytest.approx(0.2)


def test_erlang_c_handles_thousands_of_servers() -> None:
    value = erlang_c(5000, 4900.0)
    assert 0.0 < value < 1.0


def test_saturated_queue_has_no_waiting_time() -> None:
    queue = mmc(120.0, 100.0, 1)
    assert queue.saturated
    assert queue.wq_s is None and queue.w_s is None
    _, response = response_ms(120.0, 100.0, 1, None, ours=True)
    assert math.isinf(response)


def test_no_arrivals_never_wait() -> None:
    assert mmc(0.0, 10.0, 3).wait_probability == 0.0


def test_bad_queue_parameters_are_refused() -> None:
    with pytest.raises(ValueError):
        mmc(1.0, 0.0, 1)
    with pytest.raises(ValueError):
        erlang_c(0, 1.0)


def test_replicas_needed_keeps_utilization_under_the_target() -> None:
    needed = replicas_needed(800.0, 100.0, 0.7)
    assert 800.0 / (needed * 100.0) <= 0.7 < 800.0 / ((needed - 1) * 100.0)
    assert replicas_needed(0.0, 100.0, 0.7) == 1


# A service we do not run: many requests in flight up to the account's quota.


@pytest.mark.parametrize("share", [0.0, 0.5, 0.9, 0.999])
def test_a_service_we_do_not_run_keeps_its_latency_below_its_quota(share: float) -> None:
    queue, response = response_ms(share * 50.0, 50.0, 1, 2000.0, ours=False)
    assert response == 2000.0
    assert (queue.utilization, queue.wait_probability, queue.wq_s) == (
        pytest.approx(share),
        0.0,
        0.0,
    )


def test_the_same_load_on_one_replica_of_ours_doubles_its_latency() -> None:
    # The M/M/1 model the provider's endpoint was once given: at half its capacity a 2 s
    # endpoint answered in 4 s. Our own replica still does.
    _, response = response_ms(25.0, 50.0, 1, 2000.0, ours=True)
    assert response == pytest.approx(4000.0)


@pytest.mark.parametrize("share", [1.0, 1.5])
def test_a_service_at_or_over_its_quota_is_saturated(share: float) -> None:
    queue, response = response_ms(share * 50.0, 50.0, 1, 2000.0, ours=False)
    assert queue.saturated and queue.utilization == pytest.approx(share)
    assert math.isinf(response)
    assert queue.wait_probability is None and queue.wq_s is None


def test_a_quota_without_latency_answers_in_one_over_the_quota() -> None:
    _, response = response_ms(80.0, 100.0, 1, None, ours=False)
    assert response == pytest.approx(10.0)


def test_a_quota_must_be_positive() -> None:
    with pytest.raises(ValueError):
        within_quota(1.0, 0.0)
