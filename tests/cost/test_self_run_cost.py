"""A type priced as a provider's service (a queue as SQS, a NoSQL store as DynamoDB) that
we run ourselves is billed for the machines the analysis counts, not per request (its
`self_run` billing in component_library/prices/cloud.yaml). Prices: vm.general 0.096/h,
block.storage 0.08/GB-month, nosql.write 1.25e-06, queue.request 4e-07, cdn.transfer
0.085/GB, egress.internet 0.09/GB, 730 hours a month."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from archdraw.cost import estimate, load_prices
from archdraw.cost.estimate import ComponentCost
from archdraw.cost.prices import PriceBook
from archdraw.library import Library
from archdraw.model import Design

STORES = """
components:
  - {id: web, type: client, props: {rps: 100}}
  - {id: api, type: service, props: {replicas: 2}}
  - {id: inbox, type: nosql_database, props: {STORE}}
  - {id: jobs, type: queue, props: {QUEUE}}
  - {id: edge, type: cdn, props: {CDN}}
links:
  - {from: web, to: edge, props: {payload_kb: 1000}}
  - {from: web, to: api}
  - {from: api, to: inbox, props: {writes: true}}
  - {from: api, to: jobs, kind: async}
cost: {average_load: 0.5}
"""


@pytest.fixture(scope="module")
def book() -> PriceBook:
    return load_prices()


def _costs(
    design_of: Callable[[str], Design],
    library: Library,
    book: PriceBook,
    store: str,
    queue: str = "",
    cdn: str = "",
) -> dict[str, ComponentCost]:
    text = STORES.replace("STORE", store).replace("QUEUE", queue).replace("CDN", cdn)
    return estimate(design_of(text), library, book).components


def test_a_nosql_store_we_run_pays_for_its_machines_and_disks(
    design_of: Callable[[str], Design], library: Library, book: PriceBook
) -> None:
    inbox = _costs(design_of, library, book, "replicas: 6, zones: 3, shards: 2, storage_gb: 50")[
        "inbox"
    ]
    assert [line.kind for line in inbox.lines] == ["compute", "storage"]  # no per-request line
    compute, storage = inbox.lines
    assert compute.monthly == pytest.approx(6 * 730 * 0.096)
    assert compute.detail.startswith("6 instances x 730 h")
    # Three copies of each of the two shards, each on its own disk.
    assert storage.monthly == pytest.approx(50 * 3 * 0.08)


def test_a_managed_nosql_store_pays_per_request(
    design_of: Callable[[str], Design], library: Library, book: PriceBook
) -> None:
    inbox = _costs(design_of, library, book, "managed: true, zones: 3, storage_gb: 50")["inbox"]
    assert [line.kind for line in inbox.lines] == ["storage", "requests"]
    storage, requests = inbox.lines
    assert storage.monthly == pytest.approx(50 * 0.25)  # once: the provider keeps the copies
    assert requests.monthly == pytest.approx(100 * 0.5 * 730 * 3600 * 1.25e-06)


def test_a_provider_service_sized_in_nodes_keeps_the_providers_prices(
    design_of: Callable[[str], Design], library: Library, book: PriceBook
) -> None:
    # `managed: true` with `replicas` stated: nodes the design sizes, of a service the
    # provider runs (Bigtable): not our EC2 machines.
    inbox = _costs(design_of, library, book, "managed: true, replicas: 3")["inbox"]
    assert "compute" not in [line.kind for line in inbox.lines]
    assert "requests" in [line.kind for line in inbox.lines]


def test_a_queue_we_run_is_machines_and_a_managed_one_requests(
    design_of: Callable[[str], Design], library: Library, book: PriceBook
) -> None:
    ours = _costs(design_of, library, book, "", queue="replicas: 3")["jobs"]
    assert [(line.kind, line.monthly) for line in ours.lines] == [
        ("compute", pytest.approx(3 * 730 * 0.096))
    ]
    sqs = _costs(design_of, library, book, "", queue="managed: true")["jobs"]
    assert [line.kind for line in sqs.lines] == ["requests"]
    assert sqs.lines[0].monthly == pytest.approx(100 * 0.5 * 730 * 3600 * 4e-07)


def test_a_cdn_we_run_pays_internet_egress_and_has_no_machine_price(
    design_of: Callable[[str], Design], library: Library, book: PriceBook
) -> None:
    gb = 100 * 0.5 * 1000 / 1e6 * 730 * 3600
    ours = _costs(design_of, library, book, "", cdn="managed: false, replicas: 40")["edge"]
    (transfer,) = [line for line in ours.lines if line.kind == "transfer"]
    assert transfer.monthly == pytest.approx(gb * 0.09)
    assert "EC2 data transfer out to the internet" in transfer.detail
    assert "compute" not in [line.kind for line in ours.lines]  # no price for an appliance
    bought = _costs(design_of, library, book, "")["edge"]  # a CDN is global: the provider's
    (transfer,) = [line for line in bought.lines if line.kind == "transfer"]
    assert transfer.monthly == pytest.approx(gb * 0.085)
    assert "requests" in [line.kind for line in bought.lines]


def test_a_user_file_can_give_a_type_a_self_run_price(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(
        "prices:\n  broker.vm: {price: 0.5, unit: replica-hour, what: my broker}\n"
        "types:\n  queue: {requests: queue.request, self_run: {compute: broker.vm}}\n",
        encoding="utf-8",
    )
    book = load_prices(user_dir=tmp_path)
    own = book.types["queue"].self_run
    assert own is not None and own.compute == "broker.vm"
