"""A service the provider runs (`managed: true`) is priced per request and GB, never per
machine per zone. Prices (component_library/prices/cloud.yaml): db.instance 0.178/h,
db.storage 0.115/GB-month, gateway.request 1e-06, 730 hours a month."""

from __future__ import annotations

import pytest

from archdraw.cost import estimate, load_prices
from archdraw.library import Library

WAREHOUSE = """
components:
  - {id: jobs, type: scheduler, props: {rps: 10, replicas: 2}}
  - {id: warehouse, type: data_warehouse, props: {zones: 3, replication: sync, MANAGED}}
links:
  - {from: jobs, to: warehouse}
cost: {average_load: 0.5}
"""


@pytest.fixture(scope="module")
def book():  # type: ignore[no-untyped-def]
    return load_prices()


def _warehouse(design_of, library: Library, book, managed: str):  # type: ignore[no-untyped-def]
    design = design_of(WAREHOUSE.replace(", MANAGED}", f", {managed}}}" if managed else "}"))
    return estimate(design, library, book).components["warehouse"]


def test_an_unmarked_warehouse_is_machines_one_per_zone(design_of, library: Library, book) -> None:  # type: ignore[no-untyped-def]
    cost = _warehouse(design_of, library, book, "")
    (compute,) = [line for line in cost.lines if line.kind == "compute"]
    assert compute.monthly == pytest.approx(3 * 730 * 0.178)
    assert compute.detail.startswith("3 instances, one per zone (`replicas` not stated)")


def test_a_managed_warehouse_is_not_billed_as_machines(design_of, library: Library, book) -> None:  # type: ignore[no-untyped-def]
    cost = _warehouse(design_of, library, book, "managed: true")
    assert [line.kind for line in cost.lines if line.monthly is not None] == []
    assert cost.status == "not priced"
    assert "no price for a managed 'data_warehouse' in the AWS table" in cost.reason
    assert "`price_per_request`" in cost.reason


def test_a_managed_warehouse_at_its_own_request_price(design_of, library: Library, book) -> None:  # type: ignore[no-untyped-def]
    cost = _warehouse(
        design_of, library, book, "managed: true, price_per_request: 0.005, storage_gb: 10"
    )
    assert [line.kind for line in cost.lines] == ["storage", "requests"]
    requests = cost.lines[1]
    assert requests.basis == "derived"
    assert requests.monthly == pytest.approx(10 * 0.5 * 730 * 3600 * 0.005)
    assert cost.status == "stated"


def test_a_managed_store_pays_for_its_gigabytes_once(design_of, library: Library, book) -> None:  # type: ignore[no-untyped-def]
    own = _warehouse(design_of, library, book, "storage_gb: 100")
    managed = _warehouse(design_of, library, book, "storage_gb: 100, managed: true")
    (mine,) = [line for line in own.lines if line.kind == "storage"]
    (theirs,) = [line for line in managed.lines if line.kind == "storage"]
    assert mine.monthly == pytest.approx(100 * 3 * 0.115)  # a copy on each of 3 machines
    assert theirs.monthly == pytest.approx(100 * 0.115)  # the provider's price covers its copies
    # Its use has no price in the table: said, not left out.
    assert any(line.monthly is None and "managed" in (line.unknown or "") for line in managed.lines)


def test_its_own_hourly_price_is_one_service_hour_as_stated(
    design_of, library: Library, book
) -> None:  # type: ignore[no-untyped-def]
    cost = _warehouse(design_of, library, book, "managed: true, price_per_hour: 5.0")
    (compute,) = [line for line in cost.lines if line.kind == "compute"]
    assert compute.monthly == pytest.approx(730 * 5.0)
    assert compute.basis == "stated"
    assert compute.detail.startswith("one managed service over 3 zones")


def test_a_managed_gateway_keeps_its_request_price(design_of, library: Library, book) -> None:  # type: ignore[no-untyped-def]
    design = design_of(
        """
components:
  - {id: app, type: client, props: {rps: 100}}
  - {id: gateway, type: api_gateway, props: {managed: true, zones: 3}}
links:
  - {from: app, to: gateway}
cost: {average_load: 0.5}
"""
    )
    cost = estimate(design, library, book).components["gateway"]
    (requests,) = cost.lines
    assert requests.monthly == pytest.approx(100 * 0.5 * 730 * 3600 * 1e-06)
    assert cost.instances is None  # priced as a service: no machines


def test_a_managed_load_balancer_pays_one_service_hour(design_of, library: Library, book) -> None:  # type: ignore[no-untyped-def]
    design = design_of(
        """
components:
  - {id: own, type: load_balancer, props: {zones: 3}}
  - {id: alb, type: load_balancer, props: {zones: 3, managed: true}}
"""
    )
    cost = estimate(design, library, book).components
    # lb.hour is one load balancer's hour: ours counts three machines, the managed one one.
    assert cost["own"].total() == pytest.approx(3 * 730 * 0.0225)
    assert cost["alb"].total() == pytest.approx(730 * 0.0225)
    assert cost["alb"].lines[0].detail.startswith("one managed service over 3 zones")
