"""Hypothesis profiles: `ci` for the test command, `fuzz` (100,000+ cases) for scripts/fuzz.sh.

Select one with ARCHDRAW_HYPOTHESIS_PROFILE (default `ci`). Loaded on import by
`strategies`, so tests elsewhere that use the strategies get the same profile
whatever order pytest collects them in.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

PROFILE = os.environ.get("ARCHDRAW_HYPOTHESIS_PROFILE", "ci")
_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]

# The test command is derandomized so a green run is reproducible and a red one
# names a real regression; scripts/fuzz.sh explores new random cases.
settings.register_profile(
    "ci", deadline=None, suppress_health_check=_QUIET, derandomize=True, database=None
)
settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("ARCHDRAW_FUZZ_EXAMPLES", "100000")),
    deadline=None,
    suppress_health_check=_QUIET,
)
settings.load_profile(PROFILE)


def examples(normal_run: int) -> int:
    """`normal_run` cases in the test command; the fuzz profile's count under scripts/fuzz.sh."""
    return int(settings.default.max_examples) if PROFILE == "fuzz" else normal_run
