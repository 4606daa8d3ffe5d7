"""The rows of the Properties form, built once and then updated in place.

A field's own signal (editingFinished, toggled, valueChanged) applies an edit,
and the document then reports the change back. The form must never be torn
down from inside that signal: deleting the widget whose signal is being
delivered crashed the editor on every number, checkbox and choice edit. So
while `_refreshing` is a list, each row builder updates its existing field in
place, with its signals blocked, and notes a changed shape; the panel then
rebuilds from the event loop, after the signal has returned.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from archdraw.gui.editing import Editing
from archdraw.gui.panels.fields import (
    DIFFER,
    MIXED,
    UNSET,
    ChoiceOpensFirst,
    Choices,
    FloatBox,
    number_box,
    quietly,
    set_items,
    show_check,
    show_number,
)
from archdraw.library.types import PropertySpec
from archdraw.model import Edit


class FormRows(QWidget):
    """Builds and refreshes the rows of `form`; subclasses say which rows (and `refresh`)."""

    editing: Editing
    form: QFormLayout
    error: QLabel

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields: dict[str, QWidget] = {}
        self._titles: dict[str, str] = {}  # field name -> the words its row shows
        # The value each field showed when last built or refreshed: an edit is
        # applied only when the user changed it.
        self._shown: dict[str, Any] = {}
        # While refreshing in place, the names of the fields the form still has;
        # None while building a new form.
        self._refreshing: list[str] | None = None
        self._shape_changed = False
        self._restore = False
        self._wheel = _WheelScrollsTheForm(self)
        self._escape = _EscapeKeepsTheValue(self)
        self._open_first = ChoiceOpensFirst(self)

    def refresh(self, restore: bool = False) -> None:
        raise NotImplementedError

    @property
    def shown_values(self) -> dict[str, Any]:
        """Each field's value as last shown or committed (what Escape puts back)."""
        return self._shown

    def _commit(self, edit: Edit) -> None:
        self.error.clear()
        if not self.editing.apply(edit):
            self.error.setText(f"Not applied: {self._last_error}")
            self.refresh(restore=True)

    _last_error = ""

    def remember_error(self, message: str) -> None:
        self._last_error = message

    def _row(self, name: str, widget: QWidget, tip: str = "") -> None:
        widget.setObjectName(f"prop-{name}")
        widget.setToolTip(tip)
        self.fields[name] = widget
        label = QLabel(self._titles.get(name) or name.capitalize())
        label.setToolTip(tip)  # the words say what it is; hovering says what it means
        label.setWordWrap(True)  # long names take two lines rather than push the fields off
        _fit_narrow_dock(widget)
        if isinstance(widget, QLineEdit | QSpinBox | QDoubleSpinBox):
            widget.installEventFilter(self._escape)
        if isinstance(widget, QComboBox | QSpinBox | QDoubleSpinBox):
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # clicked or tabbed to, not wheeled
            widget.installEventFilter(self._wheel)
        if isinstance(widget, QComboBox):
            widget.installEventFilter(self._open_first)
        self.form.addRow(label, widget)

    def _existing(self, name: str, kind: type[QWidget], value: Any) -> QWidget | None:
        """While refreshing: the field to update in place (None when building a new form)."""
        if self._refreshing is None:
            self._shown[name] = value
            return None
        self._refreshing.append(name)
        widget = self.fields.get(name)
        if type(widget) is not kind:
            self._shape_changed = True
            return None
        self._shown[name] = value
        return widget

    def _text(
        self,
        name: str,
        value: str,
        make: Callable[[str], Edit],
        check: Callable[[str], str | None] | None = None,
    ) -> None:
        """A line edit; `check` says why a typed text cannot be the value (None: it can)."""
        existing = self._existing(name, QLineEdit, value)
        if isinstance(existing, QLineEdit):
            # Text being typed (changed since it was shown or committed) is kept; a focused
            # field holding an applied value follows the model (an undo from the menu).
            if self._restore or not existing.hasFocus() or not existing.isModified():
                quietly(existing, existing.setText, value)
                existing.setCursorPosition(0)  # its start, as a new field shows, not its end
            return
        if self._refreshing is not None:
            return
        field = QLineEdit(value)
        field.setCursorPosition(0)

        def done() -> None:
            field.setModified(False)  # committed (or unchanged): no longer being typed
            text = field.text().strip()
            if text == self._shown.get(name):
                return
            reason = check(text) if check is not None and text else None
            if reason:  # refused as a loaded file would be (a request name with a space)
                self.error.setText(f"{name}: {reason}")
                self.refresh(restore=True)
                return
            self._commit(make(text))

        field.editingFinished.connect(done)
        self._row(name, field)

    def _choice(
        self, name: str, choices: Choices, value: str, make: Callable[[str], Edit], tip: str = ""
    ) -> None:
        """A combo box over `choices` (shown in words where given); an edit sets the value."""
        existing = self._existing(name, QComboBox, value)
        if isinstance(existing, QComboBox):
            quietly(existing, set_items, existing, choices, value)
            existing.setToolTip(tip or existing.currentText())
            return
        if self._refreshing is not None:
            return
        box = QComboBox()
        set_items(box, choices, value)
        tip = tip or box.currentText()  # a long choice (a zone's title) may not show whole

        def chosen(index: int) -> None:
            choice = box.itemData(index)
            if index >= 0 and choice != self._shown.get(name):
                self._commit(make(choice))

        box.currentIndexChanged.connect(chosen)
        self._row(name, box, tip)

    def _prop(
        self,
        spec: PropertySpec,
        value: Any,
        make: Callable[[Any], Edit],
        stated: bool | None = None,
    ) -> None:
        """The row of one property; `value` is MIXED when the selected components differ;
        `stated`: whether the design gives the value (else it is the type's default), None
        when that is not one answer (several selected)."""
        tip = f"{spec.help}\n({spec.name}: {spec.describe_range()})"
        self._titles[spec.name] = spec.shown_name
        self._prop_field(spec, value, make, tip)
        field = self.fields.get(spec.name)
        if field is not None and stated is not None and value is not MIXED:
            _show_basis(field, tip, None if stated else spec.default)

    def _prop_field(
        self, spec: PropertySpec, value: Any, make: Callable[[Any], Edit], tip: str
    ) -> None:
        mixed = value is MIXED
        if spec.kind == "choice":
            # No value and no default reads "(unset)", as an unset number does, not blank.
            empty = {"": DIFFER if mixed else UNSET} if value is None or mixed else {}
            words = empty | {str(c): str(c) for c in spec.choices}
            shown = "" if value is None or mixed else str(value)
            self._choice(spec.name, words, shown, make, tip)
            return
        if spec.kind == "bool":
            existing = self._existing(spec.name, QCheckBox, value)
            if isinstance(existing, QCheckBox):
                quietly(existing, show_check, existing, value)
                return
            if self._refreshing is not None:
                return
            check = QCheckBox()
            show_check(check, value)
            # Clicked, not toggled: from partly checked (the selection differs), a click
            # checks it, and Qt counts partly checked as checked already.
            check.clicked.connect(lambda on: self._checked(spec, on, make))
            self._row(spec.name, check, tip)
            return
        if spec.kind in ("int", "float"):
            self._number(spec, value, make, tip)
            return
        shown = "" if value is None or mixed else str(value)
        self._text(spec.name, shown, lambda v: make(v or None), spec.check)
        field = self.fields.get(spec.name)
        if isinstance(field, QLineEdit):
            field.setToolTip(tip)
            field.setPlaceholderText(DIFFER if mixed else "")

    def _checked(self, spec: PropertySpec, value: Any, make: Callable[[Any], Edit]) -> None:
        reason = spec.check(value)
        if reason:
            self.error.setText(f"{spec.name}: {reason}")
            self.refresh(restore=True)
            return
        self._commit(make(value))

    def _number(
        self, spec: PropertySpec, value: Any, make: Callable[[Any], Edit], tip: str
    ) -> None:
        known = isinstance(value, int | float) and not isinstance(value, bool)
        kind = QSpinBox if spec.kind == "int" else FloatBox
        existing = self._existing(spec.name, kind, value)
        empty = DIFFER if value is MIXED else UNSET
        if isinstance(existing, QSpinBox | QDoubleSpinBox):
            quietly(existing, show_number, existing, value if known else None, empty)
            return
        if self._refreshing is not None:
            return
        box = number_box(spec)
        show_number(box, value if known else None, empty)
        box.valueChanged.connect(
            lambda v: self._checked(spec, int(v) if spec.kind == "int" else typed_number(v), make)
        )
        self._row(spec.name, box, tip)


def typed_number(value: float) -> int | float:
    """What a number field holds as the person typed it: `500` stays 500 in the file, as
    a hand-written design says it, not `500.0` (a float box holds only floats)."""
    return int(value) if float(value).is_integer() and abs(value) < 2**53 else float(value)


class _EscapeKeepsTheValue(QObject):
    """Escape in a field puts back the value it showed. Left to Qt, Escape kept the typing
    and leaving the field then applied it: a label typed over by mistake became the label."""

    def __init__(self, rows: FormRows) -> None:
        super().__init__(rows)
        self.rows = rows

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not (isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress):
            return False
        name = watched.objectName().removeprefix("prop-")
        if event.key() != Qt.Key.Key_Escape or name not in self.rows.shown_values:
            return False
        shown = self.rows.shown_values[name]
        if isinstance(watched, QLineEdit):
            watched.setText("" if shown is None else str(shown))
            watched.setModified(False)
            return True
        if isinstance(watched, QSpinBox | QDoubleSpinBox):
            known = isinstance(shown, int | float) and not isinstance(shown, bool)
            empty = DIFFER if shown is MIXED else UNSET
            quietly(watched, show_number, watched, shown if known else None, empty)
            return True
        return False


class _WheelScrollsTheForm(QObject):
    """The wheel over a choice or number scrolls the form, never changes the value: left to
    Qt, scrolling down the form changed the value of each field that passed under the
    pointer (a database became a secrets store), and the field just clicked or typed in
    (it has the focus) did so when the person went on to scroll the panel. Values change
    by typing, the arrow keys, a number's arrows or a choice's list."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Wheel or not isinstance(watched, QWidget):
            return False
        area = watched.parentWidget()
        while area is not None and not isinstance(area, QAbstractScrollArea):
            area = area.parentWidget()
        if area is not None:
            QApplication.sendEvent(area.viewport(), event)
        return True


# Narrower than this and a field shows too little of its value to be read.
FIELD_MIN_WIDTH = 64


def _fit_narrow_dock(widget: QWidget) -> None:
    """Let a field shrink to the dock's width. Left to their size hints, a float box sized
    for its widest value (-1e12 with five decimals) and a combo sized for its longest
    choice made the form wider than the dock, and the scroll area cut every field off at
    its right edge."""
    if isinstance(widget, QComboBox):
        widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        widget.setMinimumContentsLength(6)
    if not isinstance(widget, QCheckBox):
        widget.setMinimumWidth(FIELD_MIN_WIDTH)
        widget.setSizePolicy(QSizePolicy.Policy.Ignored, widget.sizePolicy().verticalPolicy())


def _show_basis(field: QWidget, tip: str, default: object) -> None:
    """A value the design does not state, shown from the library (`default`, None when the
    value is stated or there is no default), reads as such: in italics, and its tooltip
    says so. A number must say what it rests on."""
    assumed = default is not None
    font = field.font()
    if font.italic() != assumed:
        font.setItalic(assumed)
        field.setFont(font)
        if isinstance(field, QComboBox):  # its list says what can be chosen, none assumed
            font.setItalic(False)
            field.view().setFont(font)
    field.setToolTip(
        f"The library default, not stated in the file: {default}\n{tip}" if assumed else tip
    )
