"""Transfer to monitoring follows the traffic model: telemetry is not the request stream.

Metrics, logs and traces are sampled and batched on the way, so a link into monitoring
carries no request rate unless it states `calls` (`archdraw.analysis.graph`). Its transfer
is not priced at its sender's request rate (a queue's every message, an API's every call):
it is unknown until the link states `calls`, and priced at that rate when it does.
"""

from __future__ import annotations

import pytest

from archdraw.cost import estimate, load_prices
from archdraw.library import Library

# 1,000 requests/s through an API and a queue in eu, reporting to monitoring in us.
TELEMETRY = """
zones:
  - {id: eu, kind: region}
  - {id: us, kind: region}
components:
  - {id: web, type: client, props: {rps: 1000}}
  - {id: api, type: service, zone: eu, props: {replicas: 2}}
  - {id: jobs, type: queue, zone: eu}
  - {id: worker, type: worker, zone: eu}
  - {id: mon, type: monitoring, zone: us}
links:
  - {from: web, to: api}
  - {from: api, to: jobs}
  - {from: jobs, to: worker, kind: async}
  - {from: jobs, to: mon, kind: async, label: queue depth, props: {payload_kb: 1}}
"""


@pytest.fixture
def book():  # type: ignore[no-untyped-def]
    return load_prices()


def _transfer(design, library, book):  # type: ignore[no-untyped-def]
    cost = estimate(design, library, book)
    return [line for line in cost.components["jobs"].lines if line.kind == "transfer"]


def test_telemetry_transfer_is_not_priced_at_the_request_rate(
    design_of, library: Library, book
) -> None:  # type: ignore[no-untyped-def]
    [line] = _transfer(design_of(TELEMETRY), library, book)
    assert line.monthly is None
    assert "1,000 calls/s" not in line.detail
    assert line.unknown is not None
    assert "state `calls` (messages per request) on the link to monitoring" in line.unknown
    assert line.detail == "jobs->mon: telemetry x 1 KB"


def test_telemetry_that_states_calls_is_priced_at_them(design_of, library: Library, book) -> None:  # type: ignore[no-untyped-def]
    stated = TELEMETRY.replace("{payload_kb: 1}", "{payload_kb: 1, calls: 0.01}")
    [line] = _transfer(design_of(stated), library, book)
    # 10 messages/s x 0.4 average x 1 KB x 2,628,000 s = 10.5 GB x $0.02/GB.
    assert line.detail.startswith("jobs->mon: 10 calls/s peak x 0.4 average x 1 KB")
    assert line.monthly == pytest.approx(10 * 0.4 * 1e-6 * 2_628_000 * 0.02)
