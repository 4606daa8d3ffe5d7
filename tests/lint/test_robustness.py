"""Any valid design lints without an exception, and every finding and fix is well formed."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archdraw.library import Library, builtin_library
from archdraw.lint import Severity, lint_design
from archdraw.model import Design
from archdraw.model.edits import SetLinkProperties, SetProperties
from archdraw.model.validation import validate_design
from property.strategies import designs, examples, lint_settings

LIBRARY = builtin_library()


@st.composite
def designs_with_settings(draw: st.DrawFn) -> Design:
    design = draw(designs(LIBRARY, max_components=10))
    ids = [c.id for c in design.components] + [z.id for z in design.zones]
    design.lint = draw(lint_settings(ids))
    return design


def check_findings(design: Design, library: Library) -> None:
    findings = lint_design(design, library)
    component_ids = {c.id for c in design.components}
    link_keys = {k.key for k in design.links}
    zone_ids = {z.id for z in design.zones}
    for finding in findings:
        assert isinstance(finding.severity, Severity)
        assert finding.message
        assert finding.component is None or finding.component in component_ids
        assert finding.link is None or finding.link in link_keys
        assert finding.zone is None or finding.zone in zone_ids
        fix = finding.fix
        if fix is None:
            continue
        copy = design.model_copy(deep=True)
        if fix.component is not None:
            SetProperties(fix.component, dict(fix.props)).apply(copy)
        else:
            assert fix.link is not None
            SetLinkProperties(fix.link, dict(fix.props)).apply(copy)
        assert validate_design(copy, library) == [], (finding.code, fix)


# The machine running the suite may be busy: slow generation is not a failure here.
@settings(
    max_examples=examples(60),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(designs_with_settings())
def test_any_valid_design_lints_cleanly(design: Design) -> None:
    check_findings(design, LIBRARY)
