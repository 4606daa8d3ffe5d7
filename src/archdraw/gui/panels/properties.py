"""The properties of the selection: a form generated from the type's property specs.

Every change is one undoable edit; a value a spec refuses is never written,
and the reason is shown under the form. A change that keeps the form's shape
updates the fields in place (archdraw.gui.panels.form_rows says why), and
anything that needs a new form (another selection, a new type) rebuilds it
from the event loop. With nothing selected, the panel shows an overview of
the design instead (archdraw.gui.panels.overview).
"""

from __future__ import annotations

import functools
from collections.abc import Sized
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from archdraw.gui.canvas.scene import DesignScene
from archdraw.gui.editing import Editing
from archdraw.gui.panels.cost_note import CostNote
from archdraw.gui.panels.fields import MIXED, link_title
from archdraw.gui.panels.form_rows import FormRows
from archdraw.gui.panels.overview import DesignOverview, OverviewScroll
from archdraw.model import LINK_KINDS, ZONE_KINDS, Change, Design, Edit
from archdraw.model import edits_named as named
from archdraw.source.printable import plural

NONE_ZONE = "(none)"
# Narrower than this (the right dock at 1366 x 768 is about 250 px), a label beside its
# field leaves the field too little room for its value ("Relational database", a zone's
# title): each label then goes over its field, and the field takes the whole width.
SIDE_BY_SIDE_WIDTH = 380


class PropertiesPanel(FormRows):
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
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form_scroll = QScrollArea()
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.form_scroll.setWidget(self.form_host)
        self.form_scroll.viewport().installEventFilter(self)  # its width: see `_fit_rows`
        self.overview = DesignOverview()  # with nothing selected, in place of the form
        self.overview_scroll = OverviewScroll(self.overview)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        for widget, stretch in ((self.title, 0), (self.form_scroll, 1), (self.overview_scroll, 0)):
            layout.addWidget(widget, stretch)
        layout.addWidget(self.cost)
        layout.addWidget(self.error)
        layout.addStretch()  # below the overview's text and cost; the form takes it all
        self._selection: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]] = ((), (), ())
        self._rebuild_timer = QTimer(self, singleShot=True, interval=0)
        self._rebuild_timer.timeout.connect(self.rebuild)
        scene.selectionChanged.connect(self.schedule_rebuild)
        scene.findings_changed.connect(self._show_overview)
        editing.failed.connect(self.remember_error)
        self._unsubscribe = scene.document.subscribe(self._on_change)
        self.rebuild()

    def detach(self) -> None:
        self._unsubscribe()
        self._rebuild_timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.form_scroll.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_rows()
        return False

    def _fit_rows(self) -> None:
        """Labels beside their fields in a wide dock, over them in a narrow one. A label over
        its field is as wide as its words or the form (Qt would give it its size hint, and a
        label that wraps hints at half its words: "Global managed / service")."""
        rows = QFormLayout.RowWrapPolicy
        wrap = self.width() < SIDE_BY_SIDE_WIDTH
        if self.form.rowWrapPolicy() != (rows.WrapAllRows if wrap else rows.DontWrapRows):
            self.form.setRowWrapPolicy(rows.WrapAllRows if wrap else rows.DontWrapRows)
        margins = self.form.contentsMargins()
        room = self.form_scroll.viewport().width() - margins.left() - margins.right()
        for row in range(self.form.rowCount()):
            item = self.form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if isinstance(label, QLabel):
                words = label.fontMetrics().horizontalAdvance(label.text()) + 2
                label.setMinimumWidth(min(words, room) if wrap else 0)

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
        self.cost.invalidate(change.is_reset)  # any edit can move the design's cost
        ids = set(self._selection[0]) | set(self._selection[1]) | set(self._selection[2])
        if change.is_reset or ids & change.touched:
            self.refresh()
        else:
            self.cost.show_for(self.scene.design, self.editing.library, self._selection[0])
        self._show_overview()

    def _show_overview(self) -> None:
        nothing = not any(self._selection)
        self.title.setVisible(not nothing)
        self.form_scroll.setVisible(not nothing and self.form.rowCount() > 0)  # no empty box
        self.overview_scroll.setVisible(nothing)
        if nothing and shiboken6.isValid(self.scene):
            scene = self.scene
            self.overview.show_for(scene.design, self.editing.library, scene.findings, scene.theme)
            self.overview_scroll.updateGeometry()  # its height follows the text's

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
        previous, self._selection = self._selection, self._current_selection()
        # The field that has the keys now: `self.focusWidget()` would name the last one that
        # had them, and a click on the canvas since then would lose its keys to the new form.
        focus = QApplication.focusWidget()
        focused_name = next((n for n, w in self.fields.items() if w is focus), None)
        while self.form.rowCount():
            self.form.removeRow(0)
        self.fields, self._shown = {}, {}
        self._fill()
        self._fit_rows()
        self._follow_the_canvas()
        if self._selection != previous:
            # Another element's form starts at its top (its id and label), not scrolled as
            # far down as the last form was.
            self.form_scroll.verticalScrollBar().setValue(0)
        if focused_name in self.fields:
            self.fields[focused_name].setFocus()

    def _follow_the_canvas(self) -> None:
        """Tab from the canvas goes on to the form's fields, top to bottom. Made with each
        selection, they came last in the window's focus chain, after every other dock:
        some thirty Tabs from the canvas, past hidden tabs' fields."""
        views = self.scene.views()
        if not views:
            return
        before: QWidget = views[0]
        for field in self.fields.values():
            QWidget.setTabOrder(before, field)
            before = field

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
        elif any(self._selection):  # several links (a finding's related ones), or kinds mixed
            self.title.setText(no_form_words(components, zones, links))
        self._show_overview()

    @property
    def design(self) -> Design:
        """The design as it is now: an edit's description names elements as they are when
        the edit is made, not as they were when the form was built."""
        return self.scene.design

    def _set_property(self, component_id: str, name: str, value: Any) -> Edit:
        return named.set_property(self.design, component_id, name, value)

    def _set_link_property(self, key: str, name: str, value: Any) -> Edit:
        return named.set_link_property(self.design, key, name, value)

    def _component_form(self, component_id: str) -> None:
        component = self.scene.design.component(component_id)
        if component is None:
            return
        kind = self.editing.library.get(component.type)
        self.title.setText(
            f"<b>{component.title}</b><br>{kind.summary if kind else 'unknown type'}"
        )
        self._text("id", component.id, lambda v: named.change_id(self.design, component_id, v))
        self._text(
            "label",
            component.label or "",
            lambda v: named.rename_component(self.design, component_id, v),
        )
        kinds = sorted(self.editing.library.types.items(), key=lambda i: i[1].label.casefold())
        self._choice(
            "type",
            {type_id: kind.label for type_id, kind in kinds},
            component.type,
            lambda v: self.editing.type_change(component_id, v),
        )
        # Zones by the title the canvas shows ("us-east (primary)"), not the id ("east").
        zones = {NONE_ZONE: NONE_ZONE} | {z.id: z.title for z in self.scene.design.zones}
        self._choice(
            "zone",
            zones,
            component.zone or NONE_ZONE,
            lambda v: named.move_to_zone(
                self.design, [component_id], None if v == NONE_ZONE else v
            ),
        )
        self._text(
            "notes",
            component.notes or "",
            lambda v: named.set_component_notes(self.design, component_id, v),
        )
        for name, spec in kind.properties.items() if kind else ():
            value = component.props.get(name, spec.default)
            edit = functools.partial(self._set_property, component_id, name)
            self._prop(spec, value, edit, stated=name in component.props)

    def _shared_form(self, component_ids: list[str]) -> None:
        index = self.scene.design.component_index()
        found = [self.editing.library.get(index[c].type) for c in component_ids]
        kinds = [k for k in found if k is not None]
        if len(kinds) != len(found):
            return
        shared = [n for n in kinds[0].properties if all(n in k.properties for k in kinds)]
        for name in shared:
            spec = kinds[0].properties[name]
            # Each by its own type's default: a load balancer's took the service beside it
            # to "active-active" and 50,000 req/s.
            each = [
                index[c].props.get(name, k.properties[name].default)
                for c, k in zip(component_ids, kinds, strict=True)
            ]
            value = each[0] if len({repr(v) for v in each}) == 1 else MIXED
            said = {name in index[c].props for c in component_ids}
            stated = said.pop() if len(said) == 1 else None
            self._prop(
                spec,
                value,
                functools.partial(named.set_property_on_all, component_ids, name),
                stated,
            )

    def _link_form(self, key: str) -> None:
        link = self.scene.design.link(key)
        if link is None:
            return
        self.title.setText(f"<b>Link</b> {link_title(self.scene.design, link)}")
        self._choice(
            "kind",
            list(LINK_KINDS),
            link.kind,
            lambda v: named.set_link_fields(self.design, key, {"kind": v}),
        )
        self._text(
            "label",
            link.label or "",
            lambda v: named.set_link_fields(self.design, key, {"label": v or None}),
        )
        for name, spec in self.editing.library.link_properties.items():
            value = link.props.get(name, spec.default)
            edit = functools.partial(self._set_link_property, key, name)
            self._prop(spec, value, edit, stated=name in link.props)

    def _zone_form(self, zone_id: str) -> None:
        zone = self.scene.design.zone(zone_id)
        if zone is None:
            return
        self.title.setText(f"<b>{zone.title}</b> ({zone.kind})")
        self._text("id", zone.id, lambda v: named.change_id(self.design, zone_id, v))
        self._text(
            "label",
            zone.label or "",
            lambda v: named.rename_zone(self.design, zone_id, v),
        )
        self._choice(
            "kind",
            list(ZONE_KINDS),
            zone.kind,
            lambda v: named.set_zone_fields(self.design, zone_id, {"kind": v}),
        )
        others = {z.id: z.title for z in self.scene.design.zones if z.id != zone_id}
        parents = {NONE_ZONE: NONE_ZONE} | others
        self._choice(
            "parent",
            parents,
            zone.parent or NONE_ZONE,
            lambda v: named.set_zone_fields(
                self.design, zone_id, {"parent": None if v == NONE_ZONE else v}
            ),
        )


def no_form_words(components: Sized, zones: Sized, links: Sized) -> str:
    """The title for a selection no one form edits: what is selected, and what to select
    instead ("2 components and 3 links", "Select only the components to edit ...")."""
    counts = [
        plural(len(ids), noun)
        for ids, noun in ((components, "component"), (zones, "zone"), (links, "link"))
        if len(ids)
    ]
    named = " and ".join([", ".join(counts[:-1]), counts[-1]] if len(counts) > 2 else counts)
    if len(counts) == 1:
        hint = "Select one to edit it."
    elif len(components):
        hint = "Select only the components to edit the properties they share."
    else:
        hint = "Select one element to edit it."
    return f"<b>{named}</b><br>{hint}"
