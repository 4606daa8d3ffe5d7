"""Wording a learner's trial found wrong: every component whose capacity would settle an
unknown growth is named, and a region is called a region."""

from __future__ import annotations

from archdraw.analysis.report import run_analysis
from archdraw.analysis.text import render_text

NO_CAPACITIES = """
components:
  - {id: users, type: client, props: {rps: 100}}
  - {id: api, type: service, label: Billing API}
%s
links:
  - {from: users, to: api}
%s
"""


def _no_capacities(backends: int) -> str:
    names = [f"b{i}" for i in range(backends)]
    components = "\n".join(f"  - {{id: {n}, type: service}}" for n in names)
    links = "\n".join(f"  - {{from: api, to: {n}}}" for n in names)
    return NO_CAPACITIES % (components, links)


def test_every_component_that_would_settle_growth_is_named(design_of, library) -> None:
    report = run_analysis(design_of(_no_capacities(3)), library, growth=10.0)
    summary = report.growth.summary
    assert "state the capacity_rps of Billing API, b0, b1 and b2 to settle it" in summary
    assert "Billing API's capacity_rps" not in summary
    assert "4 with traffic have no capacity_rps" not in summary  # said once, not twice


def test_one_component_is_named_alone(design_of, library) -> None:
    summary = run_analysis(design_of(_no_capacities(0)), library, growth=10.0).growth.summary
    assert "state Billing API's capacity_rps to settle it" in summary


def test_many_components_are_counted_and_the_busiest_named(design_of, library) -> None:
    summary = run_analysis(design_of(_no_capacities(6)), library, growth=10.0).growth.summary
    assert "state the capacity_rps of the 7 components with traffic to settle it" in summary
    assert "(busiest first: Billing API, b0, b1 and 4 more)" in summary


REGION = """
zones:
  - {id: use1, kind: region}
  - {id: a, kind: zone, parent: use1}
components:
  - {id: users, type: client, props: {rps: 100}}
  - {id: api, type: service, zone: a, props: {replicas: 2, capacity_rps: 500}}
links:
  - {from: users, to: api}
"""


def test_a_failed_region_is_called_a_region(design_of, library) -> None:
    design = design_of(REGION)
    failed = render_text(run_analysis(design, library, fail_zones=["use1"]), growth_asked=False)
    assert "Failure: region use1" in failed
    assert "zone use1" not in failed
    weakest = render_text(run_analysis(design, library, weakest=True), growth_asked=False)
    assert "region use1" in weakest and "zone use1" not in weakest
    assert "zone a" in weakest


def test_a_region_named_region_is_quoted(design_of, library) -> None:
    design = design_of(REGION.replace("use1", "region"))
    text = render_text(run_analysis(design, library, fail_zones=["region"]), growth_asked=False)
    assert "Failure: region 'region'" in text


def test_the_availability_weakest_links_call_a_region_a_region(design_of, library) -> None:
    report = run_analysis(design_of(REGION), library, availability=True)
    text = render_text(report, growth_asked=False)
    assert "  region use1  " in text
    assert "zone use1" not in text
