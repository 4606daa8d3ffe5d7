"""Why a client whose paths fail loses nothing, in the failure text: it is said as it is."""

from __future__ import annotations

from pathlib import Path

from archdraw.analysis.report import run_analysis
from archdraw.analysis.text import render_text
from archdraw.io import load

PRIMARY_WITHOUT_FAILOVER = """
components:
  - {id: users, type: client, props: {rps: 100}}
  - {id: api, type: service, props: {replicas: 2}}
  - {id: db, type: database,
     props: {replicas: 2, replication: async, failover: none}}
links:
  - {from: users, to: api}
  - {from: api, to: db%s}
"""


def _failure_text(design, library, **failed) -> str:  # type: ignore[no-untyped-def]
    return render_text(run_analysis(design, library, **failed), growth_asked=False)


def test_only_writes_fail_and_no_link_says_it_writes(design_of, library) -> None:
    # The lost primary's writes fail; the design counts api's calls as reads.
    text = _failure_text(design_of(PRIMARY_WITHOUT_FAILOVER % ""), library, fail=["db"])
    assert "users: 0 % of its requests fail" in text
    assert "fail only for writes (at db)" in text
    assert "no link on them states `writes: true`" in text
    assert "standby" not in text  # there is none to answer


def test_a_link_that_writes_makes_the_loss_visible(design_of, library) -> None:
    body = PRIMARY_WITHOUT_FAILOVER % ", props: {writes: true}"
    text = _failure_text(design_of(body), library, fail=["db"])
    assert "users: 100 % of its requests fail" in text
    assert "fail only for writes" not in text


def test_a_standby_region_answers_the_failed_paths(library) -> None:
    case = Path(__file__).parent / "cases" / "10-standby-region.archdraw.yaml"
    text = _failure_text(load(case, library).design, library, fail_zones=["a"])
    assert "user: 0 % of its requests fail" in text
    assert "answered by the standby (after DNS moves traffic)" in text


def test_a_third_partys_outage_is_named_as_such(design_of, library) -> None:
    body = """
components:
  - {id: users, type: client, props: {rps: 10}}
  - {id: api, type: service, props: {replicas: 2}}
  - {id: psp, type: external_api}
  - {id: lib, type: library}
links:
  - {from: users, to: api}
  - {from: api, to: psp}
  - {from: api, to: lib}
"""
    design = design_of(body)
    text = _failure_text(design, library, fail=["psp"])
    assert "psp  down  the third party's service failed" in text
    assert "its only instance failed" not in text
    # An in-process library is not a third party: it fails as the one copy it is.
    assert "third party" not in _failure_text(design, library, fail=["lib"])


def test_paths_over_parallel_links_are_one_line(design_of, library) -> None:
    # Reads and writes of one store drawn as two links: two paths, the same components.
    design = design_of(
        """
components:
  - {id: users, type: client, props: {rps: 100}}
  - {id: api, type: service, props: {replicas: 2}}
  - {id: db, type: database, props: {replicas: 1}}
links:
  - {from: users, to: api}
  - {id: reads, from: api, to: db, props: {calls: 0.7}}
  - {id: writes, from: api, to: db, props: {calls: 0.3, writes: true}}
"""
    )
    text = _failure_text(design, library, fail=["db"])
    assert text.count("users -> api -> db") == 1
    assert "fails      users -> api -> db  (2 paths: parallel links)" in text


def test_a_device_cache_is_per_user_not_an_unknown_capacity(design_of, library) -> None:
    # The phone's own storage is one per user: nothing shared saturates, nothing to state.
    design = design_of(
        """
components:
  - {id: phone, type: client, props: {rps: 100}}
  - {id: local, type: device_cache, props: {hit_ratio: 0.9}}
  - {id: api, type: service, props: {replicas: 2, capacity_rps: 500}}
  - {id: dns, type: dns}
links:
  - {from: phone, to: local}
  - {from: local, to: api}
  - {from: phone, to: dns, props: {calls: 0.01}}
"""
    )
    # Nor is a DNS, whose type cannot state a `capacity_rps`, asked for one.
    report = run_analysis(design, library)
    assert report.growth.unknown == []
    text = render_text(report, growth_asked=False)
    assert "local" in text and "per user" in text
    assert "Unknown (no capacity_rps" not in text
