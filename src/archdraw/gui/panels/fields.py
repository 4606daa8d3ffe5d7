"""Small helpers for the Properties panel's fields: showing a value is not an edit."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QSpinBox,
    QWidget,
)

from archdraw.library.types import PropertySpec
from archdraw.model import Design, Link, edits_named

INT_LIMIT = 2_000_000_000
FLOAT_DECIMALS = 6


class FloatBox(QDoubleSpinBox):
    """Shows 30 rather than 30.000: trailing zeros add noise to every number."""

    def textFromValue(self, value: float) -> str:
        return f"{value:.{self.decimals()}f}".rstrip("0").rstrip(".")


def quietly(widget: QWidget, setter: Callable[..., Any], *args: Any) -> None:
    """Set a field's value without its signals: showing a value is not an edit."""
    blocked = widget.blockSignals(True)
    try:
        setter(*args)
    finally:
        widget.blockSignals(blocked)


UNSET = "(unset)"  # what a field with no value and no default shows
DIFFER = "(values differ)"  # what a field shared by components whose values differ shows


class _Mixed:
    """The value of a property the selected components do not all have the same of."""

    def __repr__(self) -> str:
        return "MIXED"


MIXED: Any = _Mixed()
Choices = list[str] | dict[str, str]
"""A choice box's values, or its values mapped to the words it shows for them."""


def set_items(box: QComboBox, choices: Choices, current: str) -> None:
    """Each choice as an item that shows its words and holds its value (the current one too)."""
    words = choices if isinstance(choices, dict) else {c: c for c in choices}
    wanted = [*words.items(), *([] if current in words else [(current, current)])]
    if [(box.itemData(i), box.itemText(i)) for i in range(box.count())] != wanted:
        box.clear()
        for value, text in wanted:
            box.addItem(text, value)
    box.setCurrentIndex(box.findData(current))


def show_number(box: QSpinBox | QDoubleSpinBox, value: float | None, empty: str = UNSET) -> None:
    """A number, or `empty` (the special text shown at the minimum) when there is none."""
    box.setSpecialValueText("")
    if isinstance(box, QSpinBox):
        box.setValue(box.minimum() if value is None else int(value))
    else:
        box.setValue(box.minimum() if value is None else float(value))
    if value is None:
        box.setSpecialValueText(empty)


def show_check(box: QCheckBox, value: Any) -> None:
    """Checked or not; partly checked when the selected components differ (MIXED): shown
    unchecked, a click that made them all true looked like no change at all."""
    box.setTristate(value is MIXED)
    state = Qt.CheckState
    box.setCheckState(
        state.PartiallyChecked if value is MIXED else state.Checked if value else state.Unchecked
    )


def number_box(spec: PropertySpec) -> QSpinBox | QDoubleSpinBox:
    """A spin box over the spec's range that edits once per value, not once per keystroke."""
    box: QSpinBox | QDoubleSpinBox
    if spec.kind == "int":
        box = QSpinBox()
        box.setRange(
            int(spec.minimum) if spec.minimum is not None else -INT_LIMIT,
            int(spec.maximum) if spec.maximum is not None else INT_LIMIT,
        )
    else:
        box = FloatBox()
        # Availabilities such as 0.99995 need five places; three rounded them to 1.
        box.setDecimals(FLOAT_DECIMALS)
        box.setRange(
            spec.minimum if spec.minimum is not None else -1e12,
            spec.maximum if spec.maximum is not None else 1e12,
        )
        if box.maximum() - box.minimum() <= 1:
            box.setSingleStep(0.01)  # a ratio or a probability: a step of 1 spans it all
    box.setKeyboardTracking(False)
    box.installEventFilter(_TypingReplacesUnset(box))
    return box


class _TypingReplacesUnset(QObject):
    """A key typed into a field that shows "(unset)" replaces those words. Left to Qt, a
    click put the cursor among them and every key after it was refused ("(unset)500" is
    no number): typing a value into an unset field did nothing, and said nothing."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and isinstance(watched, QAbstractSpinBox)
            and event.text().isprintable()
            and event.text()
            and watched.specialValueText()
            and watched.text() == watched.specialValueText()
        ):
            watched.selectAll()
        return False


# Keys with which a closed QComboBox changes its value at once (and a letter does, by
# jumping to the first choice it starts).
_STEP_KEYS = {
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_PageUp,
    Qt.Key.Key_PageDown,
    Qt.Key.Key_Home,
    Qt.Key.Key_End,
}
_HELD = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


class ChoiceOpensFirst(QObject):
    """An arrow or a letter on a closed choice opens its list rather than changing it: Qt
    changed the value at once, so a user tabbing through the form who pressed Down turned
    a database into something else. The list then moves with the keys, and Enter (or a
    click) chooses; Escape leaves the value as it was."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and isinstance(watched, QComboBox)
            and not watched.view().isVisible()
            and not event.modifiers() & _HELD
        ):
            return False
        letter = event.text() if event.text().isprintable() and event.text() != " " else ""
        if event.key() not in _STEP_KEYS and not letter:
            return False
        watched.showPopup()
        if letter:  # on to the first choice it starts, in the open list
            watched.view().keyboardSearch(letter)
        return True


def link_title(design: Design, link: Link) -> str:
    """'Source → Target' by the components' titles, as every other place names them."""
    return html.escape(edits_named.link_title(design, link))
