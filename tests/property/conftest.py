"""Hypothesis profiles: `ci` for the test command, `fuzz` (100,000+ cases) for scripts/fuzz.sh.

Select one with ARCHDRAW_HYPOTHESIS_PROFILE; the default is `ci`.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]

settings.register_profile("ci", deadline=None, suppress_health_check=_QUIET)
settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("ARCHDRAW_FUZZ_EXAMPLES", "100000")),
    deadline=None,
    suppress_health_check=_QUIET,
)
settings.load_profile(os.environ.get("ARCHDRAW_HYPOTHESIS_PROFILE", "ci"))
