"""The scene: one item per component, link and zone, kept in step with a Document.

It listens to the document and updates only the items a change touched
(everything on a reset). It never edits the model: interactions do, through
undo commands, and the scene follows.
"""

from __future__ import annotations

from collections.abc import Iterable

import shiboken6
from PySide6.QtCore import QLineF, QPointF, QRectF
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from archdraw.layout import ZoneTree, zone_rectangles
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
from .link_item import LinkItem
from .overview_item import OverviewItem, node_box
from .zone_item import ZoneItem

# Edits that change no position, zone or membership: the scene skips re-measuring zones.
NO_GEOMETRY = (
    SetProperties,
    SetLinkProperties,
    SetLinkFields,
    SetDoc,
    SetLintSettings,
    SetDesignInfo,
)


class DesignScene(QGraphicsScene):
    def __init__(self, document: Document, library: Library, theme: Theme) -> None:
        super().__init__()
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.document, self.library, self.theme = document, library, theme
        self.components: dict[str, ComponentItem] = {}
        self.links: dict[str, LinkItem] = {}
        self.zones: dict[str, ZoneItem] = {}
        self._links_of: dict[str, set[str]] = {}
        self._findings: dict[str, str] = {}
        self.overview_on = False
        self.overview = OverviewItem(theme)
        self.selectionChanged.connect(self._overview_selection)
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
        if self.overview.scene() is self:
            self.removeItem(self.overview)
        self.clear()
        self.overview = OverviewItem(self.theme)
        self.overview.setVisible(self.overview_on)
        self.addItem(self.overview)
        self.components.clear()
        self.links.clear()
        self.zones.clear()
        self._sync_components(set(c.id for c in self.design.components))
        self._sync_links()
        self._sync_zones()
        self._apply_findings()
        self.grow_scene_rect(self.itemsBoundingRect())
        self._refresh_overview()

    def on_change(self, change: Change) -> None:
        if change.is_reset:
            self.rebuild()
            return
        self._sync_components(change.touched)
        self._sync_links(change.touched)
        if isinstance(change.edit, NO_GEOMETRY):
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
        boxes: dict[str, list[QRectF]] = {}
        for item in self.components.values():
            boxes.setdefault(item.category, []).append(node_box(item.x(), item.y()))
        lines: dict[str, list[QLineF]] = {}
        for link in self.links.values():
            lines.setdefault(link.kind, []).append(link.line)
        bounds = QRectF()
        for zone in self.zones.values():
            bounds = bounds.united(zone.rect)
        for group in boxes.values():
            for box in group:
                bounds = bounds.united(box)
        self.overview.set_geometry(boxes, lines, bounds)
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
        index = self.design.component_index()
        for gone in set(self.components) - set(index):
            self.removeItem(self.components.pop(gone))
        for component_id in touched:
            component = index.get(component_id)
            if component is None:
                continue
            kind = self.library.get(component.type)
            item = self.components.get(component_id)
            if item is None:
                item = ComponentItem(component, kind, self.theme)
                item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, self.overview_on)
                item.set_finding(self._findings.get(component_id))
                self.components[component_id] = item
                self.addItem(item)
            else:
                item.update_from(component, kind)

    def _sync_links(self, touched: Iterable[str] | None = None) -> None:
        by_key = {link.key: link for link in self.design.links}
        changed: set[str] = set()
        for gone in set(self.links) - set(by_key):
            self.removeItem(self.links.pop(gone))
            changed.add(gone)
        for key in set(by_key) - set(self.links):
            item = LinkItem(by_key[key], self.theme)
            item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, self.overview_on)
            self.links[key] = item
            self.addItem(item)
            changed.add(key)
        if changed or touched is None:
            self._links_of = {}
            for key, link in by_key.items():
                self._links_of.setdefault(link.source, set()).add(key)
                self._links_of.setdefault(link.target, set()).add(key)
        refresh = set(by_key) if touched is None else changed & set(by_key)
        for element in touched or ():
            if element in by_key:
                refresh.add(element)
            refresh |= self._links_of.get(element, set())
        for key in refresh:
            self.links[key].update_from(by_key[key])
        self.refresh_links(refresh)

    def refresh_links(self, keys: Iterable[str]) -> None:
        for key in keys:
            item = self.links.get(key)
            source, target = self.components.get(item.source) if item else None, None
            if item is not None:
                target = self.components.get(item.target)
            if item is not None and source is not None and target is not None:
                item.set_ends(source.pos(), target.pos())

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

    def layout_zones(self) -> None:
        """Size every zone around its members and child zones, as the exports draw it."""
        if not self.zones:
            return
        tree = ZoneTree(self.design)
        positions = {cid: (item.x(), item.y()) for cid, item in self.components.items()}
        rects = zone_rectangles(self.design, positions, tree)
        empty_slot = 0
        for zone_id in tree.bottom_up():
            found = rects.get(zone_id)
            if found is not None:
                rect = QRectF(found.x0, found.y0, found.width, found.height)
            else:
                # An empty zone has no extent; park it to the left so it can be seen and filled.
                rect = QRectF(-400, 120 * empty_slot, 220, 90)
                empty_slot += 1
            self.zones[zone_id].set_rect(rect, len(tree.chain(zone_id)) - 1)

    # Findings, theme, selection --------------------------------------------
    def set_findings(self, worst_by_component: dict[str, str]) -> None:
        self._findings = dict(worst_by_component)
        self._apply_findings()

    def _apply_findings(self) -> None:
        for component_id, item in self.components.items():
            item.set_finding(self._findings.get(component_id))

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.setBackgroundBrush(QColor(theme.background))
        self.overview.theme = theme
        self.overview.invalidate()
        for item in self.items():
            if isinstance(item, ComponentItem | LinkItem | ZoneItem):
                item.set_theme(theme)

    def selected_component_ids(self) -> list[str]:
        return [i.component_id for i in self.selectedItems() if isinstance(i, ComponentItem)]

    def selected_zone_ids(self) -> list[str]:
        return [i.zone_id for i in self.selectedItems() if isinstance(i, ZoneItem)]

    def selected_link_keys(self) -> list[str]:
        return [i.key for i in self.selectedItems() if isinstance(i, LinkItem)]

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

    def preview_move(self, positions: dict[str, QPointF], relayout_zones: bool) -> None:
        """Move items during a drag, before the edit is applied on release.

        Zones keep their size while components are dragged, so a component can
        be dragged out of its zone; they follow when a whole zone is dragged.
        """
        keys: set[str] = set()
        for component_id, point in positions.items():
            item = self.components.get(component_id)
            if item is not None:
                item.setPos(point)
                keys |= self._links_of.get(component_id, set())
        self.refresh_links(keys)
        if relayout_zones:
            self.layout_zones()

    def innermost_zone_at(self, point: QPointF, exclude: Iterable[str] = ()) -> str | None:
        skip = set(exclude)
        found = [z for z in self.zones.values() if z.zone_id not in skip and z.rect.contains(point)]
        return max(found, key=lambda z: z.depth).zone_id if found else None
