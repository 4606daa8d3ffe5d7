"""`money_range`: the one way the editor's cost note, the review and the cost report write
a range of monthly figures."""

from __future__ import annotations

import pytest

from archdraw.cost import money, money_range


@pytest.mark.parametrize(
    ("low", "high", "currency", "written"),
    [
        (1544.0, 6176.0, "USD", "$1,544 to $6,176"),
        (2_400_000.0, 15_750_000.4, "USD", "$2,400,000 to $15,750,000"),
        (12.5, 140.0, "USD", "$12.50 to $140"),
        (0.07569, 0.3027, "USD", "$0.07569 to $0.3027"),
        (0.0, 25.0, "USD", "$0 to $25.00"),
        (1544.0, 6176.0, "EUR", "EUR 1,544 to EUR 6,176"),
        (0.5, 3.25, "GBP", "GBP 0.5 to GBP 3.25"),
    ],
)
def test_a_range_is_its_two_ends_in_the_books_currency(
    low: float, high: float, currency: str, written: str
) -> None:
    assert money_range(low, high, currency) == written


@pytest.mark.parametrize(
    ("low", "high"),
    [
        (0.0, 0.0),  # nothing priced: no range to speak of
        (260_994.0, 260_994.0),
        (260_994.2, 260_994.4),  # apart only in cents the figure does not show
        (3.251, 3.254),
        (1_000_000.0, 1_000_000.3),
    ],
)
def test_ends_that_read_the_same_are_no_range(low: float, high: float) -> None:
    assert money(low) == money(high)
    assert money_range(low, high) == ""
    assert money_range(low, high, "EUR") == ""


def test_small_figures_keep_a_range_that_rounding_to_whole_units_would_hide() -> None:
    # Both ends round to 0 whole dollars, yet one is four times the other.
    assert round(0.07569) == round(0.3027)
    assert money_range(0.07569, 0.3027) == "$0.07569 to $0.3027"
    assert money_range(1.6, 2.4) == "$1.60 to $2.40"


def test_a_sentence_can_join_the_ends_with_its_own_word() -> None:
    assert money_range(1544.0, 6176.0, joined_by="and") == "$1,544 and $6,176"
    assert money_range(7.0, 7.0, joined_by="and") == ""


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (4e-07, "$0.0000004"),  # a request's price: not "$4e-07"
        (2.5e-07, "$0.00000025"),
        (1.2345678e-05, "$0.00001235"),
        (0.0001, "$0.0001"),
        (7.3e-298, "under $0.000000001"),  # a design's absurd but valid inputs
        (5e-324, "under $0.000000001"),
        (123_456_789_012_345.6, "$123,456,789,012,346"),
        # Past 15 digits a float's figures are noise: no "$1,459,999,999,999,596".
        (1_459_999_999_999_999.5, "$1,460,000,000,000,000"),
        (1.0512e37 * (1 - 2e-17), "$10,512,000,000,000,000,000,000,000,000,000,000,000"),
    ],
)
def test_every_figure_is_written_out_without_noise(value: float, written: str) -> None:
    assert money(value) == written
