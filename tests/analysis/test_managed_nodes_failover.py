"""A store the provider runs whose nodes the design sizes (`managed: true` with `replicas`:
an RDS Multi-AZ or Aurora cluster) has its lost primary's copy promoted by the provider when
`failover` is not stated, as AD102 takes it (it does not ask); a stated `failover: none`
still waits for a promotion by hand."""

from __future__ import annotations

from archdraw.analysis import analyze_failure, render_text, run_analysis
from archdraw.library import Library
from archdraw.lint import lint_design

NODES = """
components:
  - {id: users, type: client, props: {rps: 100}}
  - {id: api, type: service, props: {replicas: 2}}
  - {id: db, type: database, props: {managed: true, replicas: 2PROPS}}
links:
  - {from: users, to: api}
  - {from: api, to: db, props: {writes: true, timeout_ms: 500}}
"""


def _design(design_of, props: str = ""):  # type: ignore[no-untyped-def]
    return design_of(NODES.replace("PROPS", props))


def test_the_provider_promotes_a_copy_when_failover_is_not_stated(
    design_of, library: Library
) -> None:
    """The wrong verdict this guards against: "with no failover, writes to the lost
    primary's data fail until a copy is promoted by hand" and 100 % of requests lost, on a
    managed database AD102 does not ask about because its provider fails over."""
    design = _design(design_of)
    failure = analyze_failure(design, library, ["db"])
    state = failure.components["db"]
    assert (state.state, state.serving, state.writes_serving) == ("degraded", 1.0, 1.0)
    assert state.recovery == "once the provider promotes a copy (`failover` not stated)"
    assert failure.lost_share == 0.0
    text = render_text(run_analysis(design, library, fail=["db"]), growth_asked=False)
    assert "promoted by hand" not in text
    assert not [f for f in lint_design(design, library) if f.code == "AD102"]


def test_a_stated_failover_none_still_waits_for_a_promotion_by_hand(
    design_of, library: Library
) -> None:
    design = _design(design_of, ", failover: none")
    failure = analyze_failure(design, library, ["db"])
    state = failure.components["db"]
    assert state.writes_serving < 1.0 and state.recovery is None
    assert failure.lost_share == 1.0  # every request writes
    text = render_text(run_analysis(design, library, fail=["db"]), growth_asked=False)
    assert "writes to the lost primary's data fail until a copy is promoted by hand" in text
    assert [f.component for f in lint_design(design, library) if f.code == "AD102"] == ["db"]


def test_a_database_we_run_with_failover_unstated_is_not_taken_as_promoted(
    design_of, library: Library
) -> None:
    design = design_of(NODES.replace("managed: true, ", "").replace("PROPS", ""))
    state = analyze_failure(design, library, ["db"]).components["db"]
    assert state.writes_serving < 1.0
    assert "promoted by hand" in state.reason
