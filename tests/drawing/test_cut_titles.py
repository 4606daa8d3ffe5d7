"""Far out, a title too long to be read whole is drawn larger and cut with "…", never
left out: only a box a few pixels tall on screen is drawn empty."""

from __future__ import annotations

import pytest

from archdraw.drawing import ComponentLook, face_at, level_at
from archdraw.drawing.faces import TITLE_MIN_PX
from archdraw.style import NODE_HEIGHT


def _look(title: str) -> ComponentLook:
    return ComponentLook(title, "Service", "compute", "server", 1)


@pytest.mark.parametrize("scale", [0.2, 0.15, 0.12])
def test_a_long_word_is_cut_at_a_readable_size_instead_of_dropped(scale: float) -> None:
    look = _look("Notificationsdispatcherservice")
    drawn = face_at(look, scale)
    assert drawn.level == "title"
    titles = [run for run in drawn.texts if run.role == "title"]
    assert titles and all(run.size * scale >= TITLE_MIN_PX for run in titles)
    assert titles[-1].text.endswith("…")
    assert all(run.y <= NODE_HEIGHT for run in titles)  # inside the box


def test_a_title_that_fits_whole_when_small_is_not_cut() -> None:
    drawn = face_at(_look("Push notifications"), 0.27)
    assert " ".join(run.text for run in drawn.texts) == "Push notifications"


def test_only_a_box_a_few_pixels_tall_is_drawn_empty() -> None:
    look = _look("Social graph service")
    assert level_at(look, 8 / NODE_HEIGHT) == "title"  # 8 px tall: a name
    assert face_at(look, 4 / NODE_HEIGHT).texts == ()  # 4 px tall: empty
