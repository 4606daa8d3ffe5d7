"""The scene: one item per component, link and zone, drawn from one Drawing of the Document.

The scene keeps an archdraw.drawing.Drawing (the description the image exports
render too) in step with the document, and each item shows its piece of it.
It updates only what a change touched (everything on a reset) and, during a
drag, asks the Drawing to re-route only the links near what moves. It never
edits the model: interactions do, through undo commands, and the scene follows.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import partial

import shiboken6
from PySide6.QtCore import QPointF, QRectF, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsSceneHelpEvent, QToolTip

from archdraw.drawing import Drawing, FindingLike
from archdraw.drawing.markers import FindingChanges, Target
from archdraw.gui.heap import retire
from archdraw.layout import ZoneTree
from archdraw.library import Library
from archdraw.model import Change, Design, Document
from archdraw.model.edits import (
    SetDesignInfo,
    SetDoc,
    SetLinkFields,
    SetLinkProperties,
    SetLintSettings,
    SetProperties,
)
from archdraw.style import Theme

from .component_item import ComponentItem
from .focus_labels import FocusLabels
from .hover import hover_text
from .link_item import LinkItem
from .markers_item import MarkersItem
from .overview_item import Geometry, OverviewItem
from .scene_build import Leftovers, Step, chunks, run_steps
from .text import scene_rect
from .zone_headings import ZoneHeadings
from .zone_item import ZoneItem

# Edits that change no position, zone or membership, and add, remove or re-key no
# element: the scene skips the passes over every element.
NO_GEOMETRY = (
    SetProperties,
    SetLinkProperties,
    SetLinkFields,
    SetDoc,
    SetLintSettings,
    SetDesignInfo,
)


class DesignScene(QGraphicsScene):
    findings_changed = Signal()
    marker_clicked = Signal(str, str)  # the marked element: "component" | "link" | "zone", id
    items_built = Signal()  # `build_items` made the last of an opened design's items

    def __init__(self, document: Document, library: Library, theme: Theme) -> None:
        super().__init__()
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.document, self.library, self.theme = document, library, theme
        self.components: dict[str, ComponentItem] = {}
        self.links: dict[str, LinkItem] = {}
        self.zones: dict[str, ZoneItem] = {}
        self._findings: Sequence[FindingLike] = ()
        self._prepared: tuple[Design, Drawing, bool] | None = None
        self._old = Leftovers()  # the design before's, deleted by `build_items`
        self._unmarked: set[Target] = set()  # markers of a prepared drawing not yet shown
        self.generation = 0  # counts rebuilds
        self.drawing = Drawing(document.design, library, {})
        self.overview_on = False
        self.overview = OverviewItem(theme)
        self.markers = MarkersItem(theme)
        self.focus = FocusLabels(theme, lambda: self.drawing)
        self.zone_headings = ZoneHeadings(theme)
        self.selectionChanged.connect(self._overview_selection)
        self.selectionChanged.connect(self._focus_selection)
        self.setBackgroundBrush(QColor(theme.background))
        self._unsubscribe = document.subscribe(self.on_change)
        self.rebuild()

    @property
    def design(self) -> Design:
        return self.document.design

    def detach(self) -> None:
        self._unsubscribe()

    # Following the document -------------------------------------------------
    def rebuild(self) -> None:
        self.setSceneRect(QRectF())
        singles = (self.overview, self.markers, self.focus, self.zone_headings)
        for keep in singles:
            if keep.scene() is self:
                self.removeItem(keep)
        opened = self._prepared if self._prepared and self._prepared[0] is self.design else None
        self._prepared = None
        if opened is not None:  # thousands of items: `build_items` deletes them in chunks
            self.clearSelection()
            made = [*self.components.values(), *self.links.values(), *self.zones.values()]
            self._old.keep(made)
            retire(*singles, self.drawing)
            self.overview_on = opened[2]
        else:
            self.clear()
            self._old.forget()
        self.overview = OverviewItem(self.theme)
        self.overview.setVisible(self.overview_on)
        self.addItem(self.overview)
        self.markers = MarkersItem(self.theme)
        self.addItem(self.markers)
        scale, self.focus = self.focus.view_scale, FocusLabels(self.theme, lambda: self.drawing)
        self.focus.view_scale = scale
        self.addItem(self.focus)
        self.zone_headings = ZoneHeadings(self.theme)
        self.zone_headings.view_scale = scale
        self.addItem(self.zone_headings)
        for items in (self.components, self.links, self.zones):
            items.clear()
        self.generation += 1
        if opened is not None:  # its items and markers follow from `build_items`
            self.drawing, self._unmarked = opened[1], opened[1].moved_markers
            self.drawing.moved_markers = set()
            return
        centres = {c.id: c.position or (0.0, 0.0) for c in self.design.components}
        self.drawing = Drawing(self.design, self.library, centres, self._findings)
        list(self.build_items())  # all at once: no pauses

    def prepare(self, design: Design, drawing: Drawing, far: bool) -> None:
        """When `design` opens, take `drawing` (made off the UI thread; see `build_items`),
        and make items with the far-zoom flag if `far` (see `set_overview`)."""
        self._prepared = (design, drawing, far)

    def build_items(self, chunk: int = 0) -> Iterator[tuple[int, int]]:
        """Delete the design before's items (see `rebuild`), make the drawing's, show its
        markers, pausing every `chunk` (0: never) with how many are done of how many (for the
        event loop); stops if the scene is rebuilt. Items an edit made meanwhile are updated."""
        generation, ids, keys = self.generation, list(self.drawing.boxes), list(self.drawing.links)
        marks, self._unmarked = list(self._unmarked), set()
        total = len(self._old) + len(ids) + len(keys) + len(marks)
        size = chunk or max(1, total)
        steps: list[Step] = [
            *self._old.steps(size),
            *chunks(ids, size, self._sync_components),
            *chunks(keys, size, self._sync_links),
            (0, partial(self._sync_links, ())),  # markers placed meanwhile
            *chunks(marks, size, lambda part: self.markers.change(self.drawing.markers, part)),
            (0, self._sync_zones),
            *self.overview.steps(self.drawing, self.zones, size, self.grow_scene_rect),
            (0, self.items_built.emit),
        ]
        yield from run_steps(steps, total, chunk > 0, lambda: self.generation != generation)

    def on_change(self, change: Change) -> None:
        if change.is_reset:
            self.rebuild()
            return
        same = isinstance(change.edit, NO_GEOMETRY)  # the same elements, where they were
        gone = set() if same else set(self.drawing.boxes) - set(self.design.component_index())
        redrawn = self.drawing.settle()  # a drag that just ended
        redrawn |= self.drawing.sync_components(change.touched | gone)
        self._sync_components(change.touched | gone)
        rekeyed = not same and {link.key for link in self.design.links} != set(self.drawing.links)
        if rekeyed or any(key in self.drawing.links for key in change.touched):
            redrawn |= self.drawing.sync_links()
        self._sync_links(redrawn)
        if same:
            return  # property and text edits move nothing: skip the O(n) geometry passes
        self._sync_zones(change.touched)
        for element_id in change.touched:
            item = self.components.get(element_id)
            if item is not None:
                self.grow_scene_rect(item.sceneBoundingRect())
        self._refresh_overview()

    # Level of detail ------------------------------------------------------------
    def set_overview(self, on: bool) -> None:
        """Draw all components and links as one batched item (far zoom on big designs)."""
        if on == self.overview_on:
            return
        self.overview_on = on
        no_contents = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
        for item in (*self.components.values(), *self.links.values()):
            item.setFlag(no_contents, on)
        self.overview.setVisible(on)
        self._refresh_overview()

    def _refresh_overview(self) -> None:
        if not self.overview_on:
            return
        self.overview.set_geometry(Geometry.of(self.drawing), self.zones)
        self._overview_selection()

    def _overview_selection(self) -> None:
        if self.overview_on and shiboken6.isValid(self):
            chosen = [
                (i.pos().x(), i.pos().y())
                for i in self.selectedItems()
                if isinstance(i, ComponentItem)
            ]
            self.overview.set_selected(chosen)

    def grow_scene_rect(self, rect: QRectF) -> None:
        """Keep generous room around the design so the view can centre any item."""
        current = self.sceneRect()
        if current.isEmpty() or not current.adjusted(500, 500, -500, -500).contains(rect):
            margin = 2000.0
            self.setSceneRect(current.united(rect.adjusted(-margin, -margin, margin, margin)))

    def _sync_components(self, touched: Iterable[str]) -> None:
        boxes = self.drawing.boxes
        for component_id in touched:
            box = boxes.get(component_id)
            item = self.components.get(component_id)
            if box is None:
                if item is not None:
                    self.removeItem(self.components.pop(component_id))
                continue
            if item is None:
                item = ComponentItem(component_id, box.look, self.theme)
                item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, self.overview_on)
                self.components[component_id] = item
                self.addItem(item)
            elif item.look != box.look:
                item.set_look(box.look)
            centre = QPointF(*box.rect.centre)
            if item.pos() != centre:
                item.setPos(centre)

    def _sync_links(self, keys: Iterable[str]) -> None:
        """Add, remove and redraw the items of the links with these keys."""
        by_key = self.drawing.links
        for gone in self.links.keys() - by_key.keys():
            self.removeItem(self.links.pop(gone))
        for key in keys:
            drawn, link = by_key.get(key), self.drawing.link(key)
            if drawn is None or link is None:
                continue
            item = self.links.get(key)
            if item is None:
                item = LinkItem(link, self.theme)
                item.on_hover = self.focus_hover
                item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, self.overview_on)
                self.links[key] = item
                self.addItem(item)
            elif (item.kind, item.label, item.source, item.target) != (
                link.kind,
                link.label,
                link.source,
                link.target,
            ):
                item.update_from(link)
            item.set_drawing(drawn)
        self._follow_markers()
        if self.focus.chosen or self.focus.hovered:
            self.focus.refresh()

    def focus_hover(self, key: str | None) -> None:
        self.focus.set_hovered(key)

    def _focus_selection(self) -> None:
        """The labels of the selected links and of the selected components' links."""
        if not shiboken6.isValid(self):
            return
        keys = set(self.selected_link_keys())
        for component_id in self.selected_component_ids():
            keys.update(self.drawing.links_at(component_id))
        self.focus.set_chosen(keys)

    def _follow_markers(self) -> None:
        """Markers that moved with what they sit on since the last look."""
        if self.drawing.moved_markers:
            self.markers.change(self.drawing.markers, self.drawing.moved_markers)
            self.drawing.moved_markers = set()

    def _sync_zones(self, touched: frozenset[str] | None = None) -> None:
        """Add and remove zone items, refresh those `touched` names (all when None), re-measure."""
        index = self.design.zone_index()
        for gone in set(self.zones) - set(index):
            self.removeItem(self.zones.pop(gone))
        for zone_id, zone in index.items():
            item = self.zones.get(zone_id)
            if item is None:
                item = self.zones[zone_id] = ZoneItem(zone, self.theme)
                self.addItem(item)
            elif touched is None or zone_id in touched:
                item.update_from(zone)
        self.layout_zones()

    def layout_zones(self, settle: bool = True) -> None:
        """Size every zone round its members and child zones, as the exports draw it; labels
        leave where its borders went (in a frame of a drag, not `settle`: at its drop)."""
        self._sync_links(self.drawing.measure_zones(settle))
        empty_slot = 0
        for zone_id, item in self.zones.items():
            drawn = self.drawing.zones.get(zone_id)
            if drawn is not None:
                item.set_rect(scene_rect(drawn.rect), drawn.depth, drawn.heading, drawn.written)
            else:
                # An empty zone has no extent; park it to the left so it can be seen and filled.
                item.set_rect(QRectF(-400, 120 * empty_slot, 220, 90), 0)
                empty_slot += 1
        self.zone_headings.follow(self.zones)

    # Findings, theme, selection --------------------------------------------
    def set_findings(
        self, findings: Sequence[FindingLike], changes: FindingChanges | None = None
    ) -> None:
        """Mark these findings on the drawing (markers placed as the exports place them);
        `changes` as `Drawing.set_findings` takes them."""
        self._findings = findings
        self.drawing.set_findings(self._findings, changes)
        self._follow_markers()
        self.findings_changed.emit()

    @property
    def findings(self) -> Sequence[FindingLike]:
        return self._findings

    def helpEvent(self, event: QGraphicsSceneHelpEvent) -> None:
        """Tooltips: a marker's findings, a component's name and type (see .hover)."""
        views = self.views()
        scale = views[0].transform().m11() if views else 1.0
        text = hover_text(self, event.scenePos(), scale)
        if text is None:
            super().helpEvent(event)
            return
        QToolTip.showText(event.screenPos(), text, event.widget())
        event.accept()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.setBackgroundBrush(QColor(theme.background))
        self.overview.theme = theme
        self.overview.invalidate()
        self.markers.set_theme(theme)
        self.focus.set_theme(theme)
        self.zone_headings.set_theme(theme)
        for item in self.items():
            if isinstance(item, ComponentItem | LinkItem | ZoneItem):
                item.set_theme(theme)

    # In the design's order (Qt's selection order changes between runs; summaries name them).
    def selected_component_ids(self) -> list[str]:
        chosen = {i.component_id for i in self.selectedItems() if isinstance(i, ComponentItem)}
        return [cid for cid in self.components if cid in chosen]

    def selected_zone_ids(self) -> list[str]:
        chosen = {i.zone_id for i in self.selectedItems() if isinstance(i, ZoneItem)}
        return [zid for zid in self.zones if zid in chosen]

    def selected_link_keys(self) -> list[str]:
        chosen = {i.key for i in self.selectedItems() if isinstance(i, LinkItem)}
        return [key for key in self.links if key in chosen]

    def select_ids(self, ids: Iterable[str]) -> None:
        wanted = set(ids)
        self.blockSignals(True)
        self.clearSelection()
        for element_id in wanted:
            item: QGraphicsItem | None = (
                self.components.get(element_id)
                or self.zones.get(element_id)
                or self.links.get(element_id)
            )
            if item is not None:
                item.setSelected(True)
        self.blockSignals(False)
        self.selectionChanged.emit()

    def members_of_zone(self, zone_id: str) -> list[str]:
        """Components inside `zone_id` or any zone nested in it."""
        return ZoneTree(self.design).subtree_components(zone_id)

    def preview_move(
        self, positions: dict[str, QPointF], relayout_zones: bool, settle: bool = False
    ) -> None:
        """Move items during a drag (`settle`: back, at its end with no edit), before the edit
        is applied on release. Zones keep their size while components are dragged, so one can
        be dragged out of its zone; they follow when a whole zone is dragged."""
        centres: dict[str, tuple[float, float]] = {}
        for component_id, point in positions.items():
            item = self.components.get(component_id)
            if item is not None:
                item.setPos(point)
                centres[component_id] = (point.x(), point.y())
        self._sync_links(self.drawing.move(centres, settle=settle))
        if relayout_zones:
            self.layout_zones(settle)

    def innermost_zone_at(self, point: QPointF, exclude: Iterable[str] = ()) -> str | None:
        skip = set(exclude)
        found = [z for z in self.zones.values() if z.zone_id not in skip and z.rect.contains(point)]
        return max(found, key=lambda z: z.depth).zone_id if found else None
