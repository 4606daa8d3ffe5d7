"""The review's "Fails halfway?" calls a component a single point of failure as AD101 does:
an outage of a service someone else runs (managed, a third party) is named apart."""

from __future__ import annotations

from archdraw.cost import load_prices
from archdraw.library import Library
from archdraw.review import build_review

DESIGN = """
archdraw: 1
name: managed queue
components:
  - {id: web, type: client, props: {rps: 100}}
  - {id: api, type: service, props: {replicas: 2}}
  - {id: jobs, type: queue, label: SQS jobs, props: {managed: true}}
  - {id: worker, type: worker, props: {replicas: 2}}
  - {id: files, type: object_storage, label: S3 files}
  - {id: db, type: database, label: Orders, props: {replicas: 1}}
links:
  - {from: web, to: api}
  - {from: api, to: jobs, props: {writes: true}}
  - {from: jobs, to: worker, kind: async}
  - {from: api, to: files}
  - {from: api, to: db}
"""


def answer(load_text, library: Library, text: str) -> str:  # type: ignore[no-untyped-def]
    review = build_review(load_text(text).design, library, load_prices())
    (section,) = [s for s in review.sections if s.key == "fails"]
    return section.answer


def test_a_providers_outage_is_not_called_a_single_point_of_failure(load_text, library) -> None:
    assert answer(load_text, library, DESIGN) == (
        "1 single point of failure, each failing every request: Orders. An outage of a "
        "service someone else runs fails every request too: SQS jobs, S3 files. Stopped "
        "partway: 1 to check (AD402, info)."
    )
    two = DESIGN.replace("props: {replicas: 1}", "props: {replicas: 2, failover: active-standby}")
    assert answer(load_text, library, two) == (
        "No single component we run fails every request. An outage of a service someone "
        "else runs fails every request: SQS jobs, S3 files. Stopped partway: 1 to check "
        "(AD402, info)."
    )


PARTS = """
archdraw: 1
name: parts
zones:
  - {id: zone-b, kind: zone}
components:
  - {id: users, type: client, props: {rps: 100}}
  - {id: front, type: service, label: Front end, props: {replicas: 2}}
  - {id: media, type: service, label: Media, props: {replicas: 2}}
  - {id: text, type: service, label: Text, props: {replicas: 2}}
  - {id: compose, type: service, label: Compose, zone: zone-b, props: {replicas: 2}}
links:
  - {from: users, to: front}
  - {from: front, to: media, props: {calls: 0.1REQUEST}}
  - {from: front, to: text, props: {calls: 0.1REQUEST}}
  - {from: media, to: compose}
  - {from: text, to: compose}
"""


def test_a_share_that_rests_on_independent_calls_says_so(load_text, library: Library) -> None:
    def notes(text: str) -> list[str]:
        review = build_review(load_text(text).design, library, load_prices())
        (section,) = [s for s in review.sections if s.key == "fails"]
        return [item.text for item in section.items if "independent" in item.text]

    assert notes(PARTS.replace("REQUEST", "")) == [
        "zone zone-b: 19.0% lost, assuming the 2 calls from Front end (to Media and Text), each "
        "made by some of its requests, are independent requests (`request` not stated): "
        "10.0% if they are parts of the same requests, 20.0% if different ones"
    ]
    assert notes(PARTS.replace("REQUEST", ", request: post")) == []


ROUTES = """
archdraw: 1
name: routes
zones:
  - {id: zone-b, kind: zone}
components:
  - {id: staff, type: client}
  - {id: gateway, type: api_gateway, label: Gateway, props: {replicas: 2}}
  - {id: customers, type: service, label: Customers, props: {replicas: 2}}
  - {id: visits, type: service, label: Visits, props: {replicas: 2}}
  - {id: vets, type: service, label: Vets, zone: zone-b, props: {replicas: 2}}
links:
  - {from: staff, to: gateway}
  - {from: gateway, to: customers CALLS}
  - {from: gateway, to: visits CALLS}
  - {from: gateway, to: vets CALLS}
"""


def test_a_share_that_rests_on_unstated_routes_says_so(load_text, library: Library) -> None:
    def notes(text: str) -> list[str]:
        review = build_review(load_text(text).design, library, load_prices())
        (section,) = [s for s in review.sections if s.key == "fails"]
        return [item.text for item in section.items if "`calls` not stated" in item.text]

    assert notes(ROUTES.replace(" CALLS", "")) == [
        "zone zone-b: 100.0% lost, `calls` not stated on the 3 links from Gateway to Customers, "
        "Vets and Visits: taken as every request calling each; if each request calls only one "
        "of them, less: 33.3% if they split the requests evenly"
    ]
    assert notes(ROUTES.replace(" CALLS", ", props: {calls: 1}")) == []
