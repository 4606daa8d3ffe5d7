"""A component's response time under load: the one place it is computed (`response_ms`).

Two models, by who runs the component:

- Our own replicas: a component with `replicas` c, each serving `capacity_rps` μ,
  receiving λ requests per second (Poisson arrivals, exponential service) is an M/M/c
  queue (`mmc`).
- A service we do not run (a third party's API, a hosted model, object storage, anything
  the provider runs as one managed service): many requests in flight on machines its
  provider scales, up to the account's quota (`capacity_rps`); `within_quota`.

The M/M/c formulas are the textbook ones (Hillier and Lieberman, ch. 17):

    a = λ/μ (offered load), ρ = a/c (utilization)
    C(c, a) = probability an arrival waits (Erlang C)
    Wq = C / (cμ - λ),  W = Wq + 1/μ

Erlang C is computed from Erlang B by the stable recurrence
B(0) = 1, B(n) = a·B(n-1) / (n + a·B(n-1)), C = c·B / (c - a·(1 - B)),
which never forms a! or a**c, so it works for thousands of replicas.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class QueueResult:
    utilization: float  # ρ = λ / (c μ); 1 or more means saturated
    wait_probability: float | None  # Erlang C; None when saturated
    wq_s: float | None  # mean time waiting in the queue, seconds; None when saturated
    w_s: float | None  # mean time in the system (waiting + service), seconds

    @property
    def saturated(self) -> bool:
        return self.utilization >= 1.0


def erlang_b(servers: int, offered_load: float) -> float:
    """Probability that all `servers` are busy in a loss system (Erlang B)."""
    if servers < 0 or offered_load < 0:
        raise ValueError("servers and offered load must not be negative")
    blocking = 1.0
    for n in range(1, servers + 1):
        blocking = offered_load * blocking / (n + offered_load * blocking)
    return blocking


def erlang_c(servers: int, offered_load: float) -> float:
    """Probability that an arrival has to wait in an M/M/c queue (Erlang C).

    Requires offered_load < servers (a stable queue); returns 1.0 otherwise.
    """
    if servers < 1:
        raise ValueError("an M/M/c queue needs at least one server")
    if offered_load <= 0:
        return 0.0
    if offered_load >= servers:
        return 1.0
    blocking = erlang_b(servers, offered_load)
    return servers * blocking / (servers - offered_load * (1.0 - blocking))


def mmc(arrival_rate: float, service_rate: float, servers: int) -> QueueResult:
    """The steady state of an M/M/c queue (rates in any one time unit; times in that unit)."""
    if service_rate <= 0 or servers < 1:
        raise ValueError("service rate must be positive and servers at least 1")
    arrival_rate = max(0.0, arrival_rate)
    utilization = arrival_rate / (servers * service_rate)
    if utilization >= 1.0:
        return QueueResult(utilization, None, None, None)
    wait_probability = erlang_c(servers, arrival_rate / service_rate)
    wq = wait_probability / (servers * service_rate - arrival_rate)
    return QueueResult(utilization, wait_probability, wq, wq + 1.0 / service_rate)


def within_quota(arrival_rate: float, quota: float) -> QueueResult:
    """A service we do not run, at `arrival_rate` against its `quota` (the same time unit).

    Its provider runs as many machines as the account's quota needs and holds many
    requests in flight, so below the quota nothing waits in a queue of ours: no
    waiting, whatever the utilization. At or over the quota it is saturated: the
    provider refuses the excess (429s, the rate limit), it does not queue it.
    """
    if quota <= 0:
        raise ValueError("a quota must be positive")
    utilization = max(0.0, arrival_rate) / quota
    if utilization >= 1.0:
        return QueueResult(utilization, None, None, None)
    return QueueResult(utilization, 0.0, 0.0, 1.0 / quota)


def response_ms(
    arrival_rps: float,
    capacity_rps: float,
    servers: int,
    latency_ms: float | None,
    *,
    ours: bool,
) -> tuple[QueueResult, float]:
    """The component's response time in ms at `arrival_rps`: its no-load `latency_ms`
    (default 1/μ) under the model of who runs it. Infinite when saturated.

    - `ours` (replicas we run): `servers` M/M/c servers of `capacity_rps` μ each;
      response = latency_ms × (1 + Wq·μ), so for latency_ms = 1/μ it is exactly the
      M/M/c time in system W, and it grows as the replicas fill up.
    - not ours (a third party's API, a hosted model, a managed service): one service
      whose `capacity_rps` is the account's quota (`within_quota`). Its response stays
      `latency_ms` at any load below the quota; at or over it the service is saturated
      (over quota): the excess is refused, not queued.
    """
    base_ms = 1000.0 / capacity_rps if latency_ms is None else latency_ms
    if ours:
        queue = mmc(arrival_rps, capacity_rps, servers)
    else:
        queue = within_quota(arrival_rps, capacity_rps)
    if queue.wq_s is None:
        return queue, math.inf
    return queue, base_ms * (1.0 + queue.wq_s * capacity_rps)


def replicas_needed(arrival_rps: float, capacity_rps: float, target_utilization: float) -> int:
    """Fewest replicas that keep utilization at or under `target_utilization`."""
    if arrival_rps <= 0:
        return 1
    # The small tolerance keeps 2.0000000001 (float noise) from becoming 3.
    return max(1, math.ceil(arrival_rps / (capacity_rps * target_utilization) - 1e-9))
