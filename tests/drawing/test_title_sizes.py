"""Titles drawn alone (zoomed out) take one size per zoom: a short title is not drawn larger
than a longer one beside it; only a title that does not fit whole at that size is smaller."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from archdraw.drawing import ComponentLook, face_at, level_at
from archdraw.drawing.faces import READABLE_PX
from archdraw.io import load
from archdraw.library import Library

SAMPLES = Path(__file__).resolve().parents[2] / "sample_designs"
TITLE_ONLY_SCALES = (0.53, 0.5, 0.45, 0.4, 0.35, 0.3, 0.25, 0.2)


def _sizes(title: str, scale: float) -> tuple[float, ...]:
    look = ComponentLook(title, "Service", "compute", "server")
    assert level_at(look, scale) == "title"
    return tuple({run.size for run in face_at(look, scale).texts})


def _shown(title: str, scale: float) -> str:
    look = ComponentLook(title, "Service", "compute", "server")
    return " ".join(run.text for run in face_at(look, scale).texts)


@pytest.mark.parametrize("scale", [0.5, 0.45, 0.4, 0.35])
def test_short_and_two_word_titles_are_drawn_at_the_same_size(scale: float) -> None:
    (short,) = _sizes("DNS", scale)
    assert _sizes("Checkout", scale) == (short,)
    assert _sizes("Catalog service", scale) == (short,)
    assert short * scale >= READABLE_PX
    # A long word does not fit at that size: smaller, still readable and whole.
    (long,) = _sizes("Stock and reservations", scale)
    assert long <= short and long * scale >= READABLE_PX
    assert _shown("Stock and reservations", scale) == "Stock and reservations"


@pytest.mark.parametrize("scale", TITLE_ONLY_SCALES)
def test_the_samples_titles_share_one_size_at_each_zoom(library: Library, scale: float) -> None:
    titles = sorted(
        {
            component.title
            for path in SAMPLES.glob("*.archdraw.yaml")
            for component in load(path, library).design.components
        }
    )
    sizes = Counter(size for title in titles for size in _sizes(title, scale))
    common, count = sizes.most_common(1)[0]
    assert max(sizes) == common  # no title is drawn larger than the zoom's size
    assert count >= 0.85 * len(titles)  # most fit whole at the zoom's size
    assert min(sizes) * scale >= READABLE_PX
