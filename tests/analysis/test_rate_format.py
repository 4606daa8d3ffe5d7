"""Rates in the analysis text read as people write them."""

from __future__ import annotations

import pytest

from archdraw.analysis.text_table import rate


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (0.0, "0"),
        (3000.0, "3,000"),  # not "3,000.0"
        (40000.4, "40,000"),
        (99.96, "100"),  # rounds to a whole figure, never to "1e+02"
        (4.5, "4.5"),
        (3.9996, "4"),
        (12.345, "12.3"),
        (0.25, "0.25"),
        (0.00123, "0.00123"),
        (1e-300, "<0.001"),  # from absurd input: no exponent
    ],
)
def test_a_rate_is_written_as_people_write_it(value: float, shown: str) -> None:
    assert rate(value) == shown
