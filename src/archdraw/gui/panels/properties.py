"""The properties of the selection: a form generated from the type's property specs.

Every change is one undoable edit; a value a spec refuses is never written,
and the reason is shown under the form.

A field's own signal (editingFinished, toggled, valueChanged) applies an edit,
and the document then reports the change back here. The form must never be
torn down from inside that signal: deleting the widget whose signal is being
delivered crashed the editor on every number, checkbox and choice edit. So a
change that keeps the form's shape updates the fields in place, with their
signals blocked, and anything that needs a new form (another selection, a new
type) rebuilds it from the event loop, after the signal has returned.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from archdraw.gui.canvas.scene import DesignScene
from archdraw.gui.editing import Editing
from archdraw.gui.panels.cost_note import CostNote
from archdraw.gui.panels.fields import (
    Choices,
    FloatBox,
    link_title,
    number_box,
    quietly,
    set_items,
    set_link_prop,
    set_prop,
    set_prop_on_all,
    show_number,
)
from archdraw.library.types import PropertySpec
from archdraw.model import LINK_KINDS, ZONE_KINDS, Change, Edit
from archdraw.model.edits import (
    MoveToZone,
    RenameId,
    SetComponentFields,
    SetLinkFields,
    SetZoneFields,
)

NONE_ZONE = "(none)"


class PropertiesPanel(QWidget):
    def __init__(self, scene: DesignScene, editing: Editing, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scene, self.editing = scene, editing
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.error = QLabel(wordWrap=True)
        self.error.setObjectName("properties-error")
        self.error.setStyleSheet("color: #d92d20;")
        self.cost = CostNote()
        self.form_host = QWidget()
        self.form = QFormLayout(self.form_host)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form_host)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.title)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.cost)
        layout.addWidget(self.error)
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
        self._selection: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]] = ((), (), ())
        self._rebuild_timer = QTimer(self, singleShot=True, interval=0)
        self._rebuild_timer.timeout.connect(self.rebuild)
        scene.selectionChanged.connect(self.schedule_rebuild)
        editing.failed.connect(self.remember_error)
        self._unsubscribe = scene.document.subscribe(self._on_change)
        self.rebuild()

    def detach(self) -> None:
        self._unsubscribe()
        self._rebuild_timer.stop()

    def schedule_rebuild(self) -> None:
        """Rebuild the form once control is back in the event loop."""
        if shiboken6.isValid(self._rebuild_timer):
            self._rebuild_timer.start()

    def rebuild_pending(self) -> bool:
        return shiboken6.isValid(self._rebuild_timer) and self._rebuild_timer.isActive()

    def _current_selection(self) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        return (
            tuple(self.scene.selected_component_ids()),
            tuple(self.scene.selected_zone_ids()),
            tuple(self.scene.selected_link_keys()),
        )

    def _on_change(self, change: Change) -> None:
        self.cost.invalidate()  # any edit can move the design's cost
        ids = set(self._selection[0]) | set(self._selection[1]) | set(self._selection[2])
        if change.is_reset or ids & change.touched:
            self.refresh()
        else:
            self.cost.show_for(self.scene.design, self.editing.library, self._selection[0])

    def refresh(self, restore: bool = False) -> None:
        """Show the model's current values in the fields, or rebuild later if the form changes.

        A text field being typed in keeps its text unless `restore` (after a refused edit)."""
        self._restore = restore
        if not shiboken6.isValid(self.scene) or self._rebuild_timer.isActive():
            return
        if self._current_selection() != self._selection:
            self.schedule_rebuild()
            return
        self._refreshing = []
        self._shape_changed = False
        try:
            self._fill()
        finally:
            seen, self._refreshing = self._refreshing, None
        if self._shape_changed or seen != list(self.fields):
            self.schedule_rebuild()

    def rebuild(self) -> None:
        if not shiboken6.isValid(self.scene):  # the scene emits while being destroyed
            return
        self._rebuild_timer.stop()
        self._selection = self._current_selection()
        focus = self.focusWidget()
        focused_name = next((n for n, w in self.fields.items() if w is focus), None)
        while self.form.rowCount():
            self.form.removeRow(0)
        self.fields = {}
        self._shown = {}
        self._fill()
        if focused_name in self.fields:
            self.fields[focused_name].setFocus()

    def _fill(self) -> None:
        components, zones, links = self._selection
        design = self.scene.design
        self.cost.show_for(design, self.editing.library, components)
        if len(components) == 1 and not zones and not links:
            self._component_form(components[0])
        elif components and not zones and not links:
            self.title.setText(f"<b>{len(components)} components</b> - shared properties")
            self._shared_form(list(components))
        elif len(links) == 1 and not components and not zones:
            self._link_form(links[0])
        elif len(zones) == 1 and not components and not links:
            self._zone_form(zones[0])
        else:
            self.title.setText(
                f"<b>{design.name}</b><br>Select a component, link or zone to edit it."
            )

    def _component_form(self, component_id: str) -> None:
        component = self.scene.design.component(component_id)
        if component is None:
            return
        kind = self.editing.library.get(component.type)
        self.title.setText(
            f"<b>{component.title}</b><br>{kind.summary if kind else 'unknown type'}"
        )
        self._text("id", component.id, lambda v: RenameId(component_id, v))
        self._text(
            "label",
            component.label or "",
            lambda v: SetComponentFields(component_id, {"label": v or None}, label="Rename"),
        )
        kinds = sorted(self.editing.library.types.items(), key=lambda i: i[1].label.casefold())
        self._choice(
            "type",
            {type_id: kind.label for type_id, kind in kinds},
            component.type,
            lambda v: self.editing.type_change(component_id, v),
        )
        zones = [NONE_ZONE, *(z.id for z in self.scene.design.zones)]
        self._choice(
            "zone",
            zones,
            component.zone or NONE_ZONE,
            lambda v: MoveToZone([component_id], None if v == NONE_ZONE else v),
        )
        self._text(
            "notes",
            component.notes or "",
            lambda v: SetComponentFields(component_id, {"notes": v or None}, label="Edit notes"),
        )
        for name, spec in kind.properties.items() if kind else ():
            value = component.props.get(name, spec.default)
            self._prop(spec, value, functools.partial(set_prop, component_id, name))

    def _shared_form(self, component_ids: list[str]) -> None:
        index = self.scene.design.component_index()
        found = [self.editing.library.get(index[c].type) for c in component_ids]
        kinds = [k for k in found if k is not None]
        if len(kinds) != len(found):
            return
        shared = [n for n in kinds[0].properties if all(n in k.properties for k in kinds)]
        for name in shared:
            spec = kinds[0].properties[name]
            values = {repr(index[c].props.get(name, spec.default)) for c in component_ids}
            value = (
                index[component_ids[0]].props.get(name, spec.default) if len(values) == 1 else None
            )

            self._prop(spec, value, functools.partial(set_prop_on_all, component_ids, name))

    def _link_form(self, key: str) -> None:
        link = self.scene.design.link(key)
        if link is None:
            return
        self.title.setText(f"<b>Link</b> {link_title(self.scene.design, link)}")
        self._choice(
            "kind",
            list(LINK_KINDS),
            link.kind,
            lambda v: SetLinkFields(key, {"kind": v}, label="Change link kind"),
        )
        self._text(
            "label",
            link.label or "",
            lambda v: SetLinkFields(key, {"label": v or None}, label="Label link"),
        )
        for name, spec in self.editing.library.link_properties.items():
            value = link.props.get(name, spec.default)
            self._prop(spec, value, functools.partial(set_link_prop, key, name))

    def _zone_form(self, zone_id: str) -> None:
        zone = self.scene.design.zone(zone_id)
        if zone is None:
            return
        self.title.setText(f"<b>{zone.title}</b> ({zone.kind})")
        self._text("id", zone.id, lambda v: RenameId(zone_id, v))
        self._text(
            "label",
            zone.label or "",
            lambda v: SetZoneFields(zone_id, {"label": v or None}, label="Rename zone"),
        )
        self._choice(
            "kind", list(ZONE_KINDS), zone.kind, lambda v: SetZoneFields(zone_id, {"kind": v})
        )
        parents = [NONE_ZONE, *(z.id for z in self.scene.design.zones if z.id != zone_id)]
        self._choice(
            "parent",
            parents,
            zone.parent or NONE_ZONE,
            lambda v: SetZoneFields(zone_id, {"parent": None if v == NONE_ZONE else v}),
        )

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

    def _text(self, name: str, value: str, make: Callable[[str], Edit]) -> None:
        existing = self._existing(name, QLineEdit, value)
        if isinstance(existing, QLineEdit):
            if self._restore or not existing.hasFocus():
                quietly(existing, existing.setText, value)
            return
        if self._refreshing is not None:
            return
        field = QLineEdit(value)
        field.setCursorPosition(0)

        def done() -> None:
            if field.text().strip() != self._shown.get(name):
                self._commit(make(field.text().strip()))

        field.editingFinished.connect(done)
        self._row(name, field)

    def _choice(
        self, name: str, choices: Choices, value: str, make: Callable[[str], Edit], tip: str = ""
    ) -> None:
        """A combo box over `choices` (shown in words where given); an edit sets the value."""
        existing = self._existing(name, QComboBox, value)
        if isinstance(existing, QComboBox):
            quietly(existing, set_items, existing, choices, value)
            return
        if self._refreshing is not None:
            return
        box = QComboBox()
        set_items(box, choices, value)

        def chosen(index: int) -> None:
            choice = box.itemData(index)
            if index >= 0 and choice != self._shown.get(name):
                self._commit(make(choice))

        box.currentIndexChanged.connect(chosen)
        self._row(name, box, tip)

    def _prop(self, spec: PropertySpec, value: Any, make: Callable[[Any], Edit]) -> None:
        tip = f"{spec.help}\n({spec.name}: {spec.describe_range()})"
        self._titles[spec.name] = spec.shown_name
        if spec.kind == "choice":
            self._choice(
                spec.name, list(spec.choices), "" if value is None else str(value), make, tip
            )
            return
        if spec.kind == "bool":
            existing = self._existing(spec.name, QCheckBox, bool(value))
            if isinstance(existing, QCheckBox):
                quietly(existing, existing.setChecked, bool(value))
                return
            if self._refreshing is not None:
                return
            check = QCheckBox()
            check.setChecked(bool(value))
            check.toggled.connect(lambda on: self._checked(spec, on, make))
            self._row(spec.name, check, tip)
            return
        if spec.kind in ("int", "float"):
            self._number(spec, value, make, tip)
            return
        self._text(spec.name, "" if value is None else str(value), lambda v: make(v or None))
        if spec.name in self.fields:
            self.fields[spec.name].setToolTip(tip)

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
        if isinstance(existing, QSpinBox | QDoubleSpinBox):
            quietly(existing, show_number, existing, value if known else None)
            return
        if self._refreshing is not None:
            return
        box = number_box(spec)
        show_number(box, value if known else None)
        box.valueChanged.connect(
            lambda v: self._checked(spec, int(v) if spec.kind == "int" else float(v), make)
        )
        self._row(spec.name, box, tip)
