"""Far out, a title too long to be read whole is drawn at a readable size and cut with "…";
only a box too small on screen for a few readable letters is drawn empty."""

from __future__ import annotations

import pytest

from archdraw.drawing import ComponentLook, face_at, level_at
from archdraw.drawing.faces import READABLE_PX
from archdraw.style import NODE_HEIGHT


def _look(title: str) -> ComponentLook:
    return ComponentLook(title, "Service", "compute", "server")


@pytest.mark.parametrize("scale", [0.3, 0.2, 0.17])
def test_a_long_word_is_cut_at_a_readable_size_instead_of_dropped(scale: float) -> None:
    look = _look("Notificationsdispatcherservice")
    drawn = face_at(look, scale)
    assert drawn.level == "title"
    titles = [run for run in drawn.texts if run.role == "title"]
    assert titles and all(run.size * scale >= READABLE_PX for run in titles)
    assert titles[-1].text.endswith("…")
    assert all(run.y <= NODE_HEIGHT for run in titles)  # inside the box


def test_a_title_that_fits_whole_at_a_readable_size_is_not_cut() -> None:
    drawn = face_at(_look("Push notifications"), 0.4)
    assert " ".join(run.text for run in drawn.texts) == "Push notifications"
    assert all(run.size * 0.4 >= READABLE_PX for run in drawn.texts)


@pytest.mark.parametrize("scale", [0.3, 0.2, 0.17])
def test_a_cut_title_shows_its_first_words_and_one_ellipsis(scale: float) -> None:
    drawn = face_at(_look("Push notifications"), scale)
    shown = " ".join(run.text for run in drawn.texts)
    assert shown.endswith("…") and shown.count("…") == 1
    assert "Push notifications".startswith(shown.rstrip("…"))


def test_a_box_too_small_for_a_few_readable_letters_is_drawn_empty() -> None:
    look = _look("Social graph service")
    assert level_at(look, 12 / NODE_HEIGHT) == "title"  # 12 px tall: a readable start
    assert face_at(look, 9 / NODE_HEIGHT).texts == ()  # 9 px tall: empty, named on hover
