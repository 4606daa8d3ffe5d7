"""What is written inside a component's box, and how much of it, at a given zoom.

A face is laid out relative to the box's top-left corner, so one face serves
every box with the same look. At full detail: icon, title (up to two lines),
type (on two lines under a one-line title when it needs them), instances
badge. When the title would be smaller than READABLE_PX on
screen, the face keeps only the title (the subtitle, badge and icon go first),
every box's at one size, so a diagram reads uniformly: TITLE_ONLY_SIZES[0]
while that is readable on screen, else the smallest readable size. Only a
title that does not fit whole at it is drawn smaller (never below READABLE_PX
on screen); when even that does not hold it, it is drawn at the smallest
readable size and cut with "…" (the hover shows all of it). A box too small
on screen to show even a few readable letters of its name is drawn empty, and
the hover names it.

The badge ("×3") shows the instances the analysis counts
(`archdraw.analysis.instances`), drawn only when there are two or more. A count
the design states (`replicas`) is a filled pill; one that rests on the library's
default or is derived (one per zone, one per shard) is an outlined, dashed pill
with the number in the category's colour, and the hover says what it rests on
(`instances_note`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from archdraw.analysis.instances import Instances
from archdraw.drawing.text_metrics import fit, text_width, wrap
from archdraw.layout import Rect, clean_text
from archdraw.style import ICON_SIZE, NODE_HEIGHT, NODE_WIDTH

TITLE_SIZE = 13.0
TYPE_SIZE = 11.0
TYPE_SIZES = (TYPE_SIZE, 10.5, 10.0, 9.5, 9.0)  # a long type under a two-line title
TYPE_LINE_HEIGHT = 13.0
TYPE_RIGHT_MARGIN = 6.0
BADGE_SIZE = 10.5
BADGE_STROKE = 1.2  # the outline of a badge whose count is not stated
BADGE_DASH = (3.0, 2.0)
LINE_HEIGHT = 16.0
READABLE_PX = 7.0  # text smaller than this on screen cannot be read
# Every title-only face's size, then the sizes of titles that do not fit whole at it. One
# size for all: sized per box, a short title would be drawn far larger than a long one
# beside it. Nine in ten titles of the samples fit at the first (two lines of ten letters).
TITLE_ONLY_SIZES = (22.0, 20.0, 18.0, 16.0, 14.0)
# Sizes a cut title may take, smallest first: the smallest readable one keeps the most words.
CUT_TITLE_SIZES = tuple(float(size) for size in range(14, 46, 2))
# A cut title shows at least this many letters before its "…", or the box is left empty.
MIN_CUT_LETTERS = 3
LARGE_LINE_SPACING = 1.05
TITLE_ONLY_LINES = 3
TITLE_ONLY_MARGIN = 10.0  # left and right together, inside the box

Level = Literal["full", "title", "box"]


@dataclass(frozen=True)
class ComponentLook:
    title: str
    type_label: str
    category: str
    icon: str
    # What the analysis counts (None: the type runs no replicas, e.g. a client or an API).
    instances: Instances | None = None


@dataclass(frozen=True)
class TextRun:
    """One line of text: `x` is its start (or its centre when `centred`), `y` its baseline."""

    x: float
    y: float
    text: str
    size: float
    bold: bool
    role: Literal["title", "type", "badge"]
    centred: bool = False


@dataclass(frozen=True)
class Face:
    level: Level
    icon: Rect | None
    texts: tuple[TextRun, ...]
    badge: Rect | None  # the instances badge's pill, drawn under its text run
    # A filled pill for a stated count; an outlined, dashed one for a default or derived one.
    badge_stated: bool = True


def level_at(look: ComponentLook, scale: float) -> Level:
    """How much of the face can be read at `scale` screen pixels per scene pixel."""
    if TITLE_SIZE * scale >= READABLE_PX:
        return "full"
    if title_size_at(look.title, scale) is not None:
        return "title"
    return "box"


def title_size_at(title: str, scale: float) -> float | None:
    """The size of a title-only face at `scale`: TITLE_ONLY_SIZES[0], or the largest one
    still readable at which the whole title fits; else the smallest readable size (the
    same for every box at this zoom), cut when the title does not fit; None when that
    shows too few letters."""
    whole = next((size for size in _whole_sizes(title) if size * scale >= READABLE_PX), None)
    if whole is not None:
        return whole
    cut = next((size for size in CUT_TITLE_SIZES if size * scale >= READABLE_PX), None)
    if cut is None:
        return None
    shown = sum(len(run.text.rstrip("…")) for run in _title_face(title, cut).texts)
    return cut if shown >= min(MIN_CUT_LETTERS, len(clean_text(title, 400))) else None


def face_at(look: ComponentLook, scale: float) -> Face:
    level = level_at(look, scale)
    if level == "title":
        return _title_face(look.title, title_size_at(look.title, scale) or TITLE_SIZE)
    return face(look, level)


# The largest scale drawn title-only: just below where the full face's title turns readable.
TITLE_ONLY_FROM = READABLE_PX / TITLE_SIZE * 0.99


@lru_cache(maxsize=8192)
def face(look: ComponentLook, level: Level) -> Face:
    """The face at a level; "title" is the title alone as drawn where full detail ends."""
    if level == "full":
        return _full(look)
    if level == "title":
        return _title_face(look.title, title_size_at(look.title, TITLE_ONLY_FROM) or TITLE_SIZE)
    return Face("box", None, (), None)


@lru_cache(maxsize=8192)
def _title_face(title: str, size: float) -> Face:
    """The title alone, centred, at `size`: wrapped in as many lines as the box holds,
    the last one cut with "…" when the rest does not fit."""
    step = size * LARGE_LINE_SPACING
    room = max(1, min(TITLE_ONLY_LINES, int((NODE_HEIGHT - 4) // step)))
    lines = wrap(clean_text(title, 400), NODE_WIDTH - TITLE_ONLY_MARGIN, size, room, bold=True)
    top = (NODE_HEIGHT - len(lines) * step) / 2 + size * 0.85
    runs = tuple(
        TextRun(NODE_WIDTH / 2, top + i * step, line, size, True, "title", True)
        for i, line in enumerate(lines)
    )
    return Face("title", None, runs, None)


def _full(look: ComponentLook) -> Face:
    w, h = NODE_WIDTH, NODE_HEIGHT
    icon = Rect(12, (h - ICON_SIZE) / 2, 12 + ICON_SIZE, (h + ICON_SIZE) / 2)
    text_x = icon.x1 + 10
    room = w - 8 - text_x
    lines = wrap(clean_text(look.title, 400), room, TITLE_SIZE, 2, bold=True)
    block = len(lines) * LINE_HEIGHT + 14
    if len(lines) == 1 and text_width(clean_text(look.type_label, 200), TYPE_SIZE) > _type_room():
        block += TYPE_LINE_HEIGHT  # the type on two lines under a one-line title
    baseline = (h - block) / 2 + 12
    runs = [
        TextRun(text_x, baseline + i * LINE_HEIGHT, line, TITLE_SIZE, True, "title")
        for i, line in enumerate(lines)
    ]
    below = baseline + len(lines) * LINE_HEIGHT
    runs.extend(_type_runs(clean_text(look.type_label, 200), text_x, below, len(lines)))
    badge, stated = None, True
    found = look.instances
    if found is not None and found.total > 1:
        label = f"×{found.total}"
        width = text_width(label, BADGE_SIZE, bold=True) + 10
        badge = Rect(w - width + 6, -8, w + 6, 8)
        runs.append(TextRun(badge.centre[0], 4, label, BADGE_SIZE, True, "badge", True))
        stated = found.basis == "stated"
    return Face("full", icon, tuple(runs), badge, stated)


def _type_room() -> float:
    """How wide the type line may be: from beside the icon to near the box's right side
    (nothing else is drawn there: the badge sits on the top edge)."""
    return NODE_WIDTH - TYPE_RIGHT_MARGIN - (12 + ICON_SIZE + 10)


def _type_runs(text: str, x: float, y: float, title_lines: int) -> list[TextRun]:
    """The type under the title, whole where the box has room: on two lines under a one-line
    title, a little smaller under a two-line one; cut with "…" only when even that does not
    hold it ("Relational dat…" said less than the box could)."""
    room = _type_room()
    if text_width(text, TYPE_SIZE) <= room:
        return [TextRun(x, y, text, TYPE_SIZE, False, "type")]
    if title_lines == 1:
        lines = wrap(text, room, TYPE_SIZE, 2)
        return [
            TextRun(x, y + i * TYPE_LINE_HEIGHT, line, TYPE_SIZE, False, "type")
            for i, line in enumerate(lines)
        ]
    size = next((s for s in TYPE_SIZES if text_width(text, s) <= room), TYPE_SIZES[-1])
    return [TextRun(x, y, fit(text, room, size), size, False, "type")]


def instances_note(look: ComponentLook) -> str | None:
    """The instance count in words, with what it rests on, for a hover: "3 instances, one
    per zone (`replicas` not stated)", "2 instances (stated)"; None when the type runs none."""
    found = look.instances
    if found is None:
        return None
    return f"{found.describe()} (stated)" if found.basis == "stated" else found.describe()


@lru_cache(maxsize=8192)
def _whole_sizes(title: str) -> tuple[float, ...]:
    """The TITLE_ONLY_SIZES at which the whole title fits the box in a few lines, largest
    first (asked at every paint: worked out once per title)."""
    text = clean_text(title, 400)
    words = " ".join(text.split())
    found = []
    for size in TITLE_ONLY_SIZES:
        lines = wrap(text, NODE_WIDTH - TITLE_ONLY_MARGIN, size, TITLE_ONLY_LINES, bold=True)
        tall_enough = len(lines) * size * LARGE_LINE_SPACING <= NODE_HEIGHT - 4
        if tall_enough and " ".join(lines) == words:
            found.append(size)
    return tuple(found)
