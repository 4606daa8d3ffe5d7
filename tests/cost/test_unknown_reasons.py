"""The headline's unknown lines give every reason they have, not the first one alone."""

from __future__ import annotations

from archdraw.cost import estimate, shipped_prices
from archdraw.cost.report import headline

TWO_REASONS = """
components:
  - {id: users, type: client}
  - {id: api, type: service, props: {replicas: 2}}
  - {id: db, type: database, props: {replicas: 2}}
  - {id: files, type: object_storage}
  - {id: jobs, type: queue, props: {managed: true}}
links:
  - {from: users, to: api}
  - {from: api, to: db}
  - {from: api, to: files}
  - {from: api, to: jobs, kind: async}
"""


def test_two_reasons_are_both_given_with_their_counts(design_of, library) -> None:
    text = headline(estimate(design_of(TWO_REASONS), library, shipped_prices()))
    assert (
        "plus 4 unknown lines (2 of them: storage size not stated: set `storage_gb`, in GB per "
        "copy; 2: depends on usage: set `rps` on client 'users')"
    ) in text


def test_one_reason_is_given_once(design_of, library) -> None:
    body = TWO_REASONS.replace("type: client}", "type: client, props: {rps: 10}}")
    text = headline(estimate(design_of(body), library, shipped_prices()))
    assert (
        "plus 2 unknown lines (storage size not stated: set `storage_gb`, in GB per copy)"
    ) in text
