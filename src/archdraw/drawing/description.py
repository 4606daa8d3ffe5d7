"""One drawing of a design: what the canvas and every image export draw.

`Drawing` holds the boxes, zones, routed links, link labels and findings
markers of a design at given positions. The SVG exporter renders it once;
the canvas keeps one and asks it to `move` components during a drag, which
re-routes only the links near what moved (a link's route depends only on
its two boxes and the boxes in between), spreads again the ends on the sides
those links meet (`ports`) and the middle runs in the gaps they share
(`lanes`), and re-places only the labels that can see the change (`labels`:
each on its link, clear of boxes, earlier labels and other links' lines), so
an incremental update lands where a fresh drawing would put them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Container, Iterable, Mapping, Sequence
from itertools import pairwise

from archdraw.analysis.kinds import TypeFacts
from archdraw.drawing.faces import face
from archdraw.drawing.grid import GridIndex
from archdraw.drawing.labels import Labels
from archdraw.drawing.lanes import Lanes
from archdraw.drawing.markers import (
    FindingChanges,
    FindingKey,
    FindingLike,
    MarkerDrawing,
    Routed,
    Target,
    key_of,
    place_marker,
    target_of,
    unmark,
)
from archdraw.drawing.parts import (
    ZONE_KIND_SIZE,
    ZONE_TITLE_SIZE,
    BoxDrawing,
    LinkDrawing,
    ZoneDrawing,
    look_of,
)
from archdraw.drawing.paths import ARROW_HALF_WIDTH, ARROW_LENGTH, LinkPath, Point
from archdraw.drawing.ports import Ports
from archdraw.drawing.routing import parallel_offsets, route
from archdraw.drawing.text_metrics import fit, text_width
from archdraw.drawing.zone_titles import ZoneTitles
from archdraw.layout import Rect, ZoneTree, clean_text, node_rect, zone_rectangles
from archdraw.layout.geometry import bounding
from archdraw.library import Library
from archdraw.model import Component, Design, Link

REACH = 200.0  # how far beside its two boxes a route may run (detours round obstacles)


class Drawing:
    def __init__(
        self,
        design: Design,
        library: Library | None,
        positions: Mapping[str, Point],
        findings: Sequence[FindingLike] = (),
    ) -> None:
        self.design, self.library = design, library
        self._facts = TypeFacts(library) if library is not None else None  # for the badges
        self.findings: Sequence[FindingLike] = findings
        self.boxes: dict[str, BoxDrawing] = {}
        self.zones: dict[str, ZoneDrawing] = {}
        self.links: dict[str, LinkDrawing] = {}
        self.markers: dict[Target, MarkerDrawing] = {}
        self.moved_markers: set[Target] = set()  # since the last full placement; see move()
        self._found: dict[Target, list[FindingKey]] = {}
        self._counts: Counter[FindingKey] = Counter()
        self._box_index = GridIndex(runs=True)  # routes ask it about their runs
        self._reach = GridIndex()
        self._ports = Ports()
        self._lanes = Lanes()
        self._labels = Labels()
        self._order: dict[str, int] = {}
        self._offsets: dict[str, float] = {}
        self._links_of: dict[str, list[str]] = {}
        self._by_key: dict[str, Link] = {}
        self._left: list[Rect] = []  # where boxes were and went in moves not yet settled
        self._titles = ZoneTitles(self._reach, self.links)
        for component in design.components:
            if component.id in positions:
                self._put_box(component, node_rect(positions[component.id]))
        self.measure_zones()  # first: labels keep off zones' borders and titles
        self.sync_links()
        if self._titles.respot(self.zones):  # written clear of the links just routed
            self._labels.zones(self.zones)
            self._place_labels(())
        if findings:
            self.place_markers()

    # Components ---------------------------------------------------------------
    def _put_box(self, component: Component, rect: Rect) -> None:
        box = BoxDrawing(component.id, rect, look_of(component, self.library, self._facts))
        self.boxes[component.id] = box
        self._box_index.put(component.id, (rect,))
        self._labels.stir(rect)
        self._labels.badge(component.id, box.badge)

    def sync_components(self, ids: Iterable[str]) -> set[str]:
        """Follow added, removed and changed components; the keys of links re-drawn."""
        index = self.design.component_index()
        moved: dict[str, Point] = {}
        rebadged: set[str] = set()  # links into a box whose badge changed: their arrowheads
        for component_id in ids:
            component = index.get(component_id)
            box = self.boxes.get(component_id)
            if component is None:
                if box is not None:
                    del self.boxes[component_id]
                    self._box_index.remove(component_id)
                    self._labels.stir(box.rect)
                    self._labels.badge(component_id, None)
                    # Its marker goes; its findings stay noted (for an undo) until a lint run.
                    self._place_markers({("component", component_id)} & self._found.keys())
                continue
            centre = component.position or (box.rect.centre if box else (0.0, 0.0))
            if box is None:
                self._put_box(component, node_rect(centre))
                moved[component_id] = centre
            else:
                look = look_of(component, self.library, self._facts)
                if look != box.look:
                    self.boxes[component_id] = BoxDrawing(component_id, box.rect, look)
                    self._labels.badge(component_id, self.boxes[component_id].badge)
                    if face(look, "full").badge != face(box.look, "full").badge:
                        rebadged.update(
                            k
                            for k in self._links_of.get(component_id, ())
                            if self._by_key[k].target == component_id
                        )
                if centre != box.rect.centre:
                    moved[component_id] = centre
        changed = self.move(moved) if moved else set()
        return changed | self._redraw(rebadged - changed, set()) if rebadged else changed

    def move(self, centres: Mapping[str, Point], settle: bool = True) -> set[str]:
        """Put components at new centres; the keys of the links whose drawing changed.

        With `settle=False` (each frame of a drag) only the moved components' links and
        the links the boxes now cover are re-routed; links that could take a shorter
        course now that a box has left wait for `settle()` (the drop)."""
        affected: set[str] = set()
        for component_id, centre in centres.items():
            box = self.boxes.get(component_id)
            if box is None:
                continue
            rect = node_rect(centre)
            self._left.extend((box.rect, rect))
            self._labels.stir(box.rect)
            self._labels.stir(rect, came=True)
            self.boxes[component_id] = BoxDrawing(component_id, rect, box.look)
            self._box_index.put(component_id, (rect,))
            self._labels.badge(component_id, self.boxes[component_id].badge, came=True)
            affected.update(self._links_of.get(component_id, ()))
            affected.update(k for k in self._reach.meeting(rect) if self._covers(k, rect))
        changed = self._redraw(affected, {("component", c) for c in centres}, settle)
        return changed | self.settle() if settle else changed

    def settle(self) -> set[str]:
        """Re-route the links near where boxes were (and are) since the last settle."""
        if not self._left:
            return set()
        left, self._left = self._left, []
        affected: set[str] = set()
        for rect in left:
            affected.update(self._reach.meeting(rect))
        return self._redraw(affected, set())

    def _covers(self, key: str, rect: Rect) -> bool:
        path = self.links[key].path if key in self.links else None
        if path is None:
            return False
        box = rect.grown(1, 1, 1, 1)
        return any(
            Rect(min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1])).intersects(box)
            for a, b in pairwise(path.points)
        )

    def _redraw(self, affected: set[str], targets: set[Target], settle: bool = True) -> set[str]:
        affected = self._routes(affected)
        # The labels of the links whose course changed, and those near (in a frame of a drag,
        # only those a moved box or label lies on: see Labels.follow).
        if settle:
            changed = affected | self._place_labels(())
        else:
            changed = affected | self._labels.follow(
                self.links, self._by_key, self._order, self._box_index
            )
        if self._found:
            targets = targets | {("link", k) for k in affected}
            self._place_markers(targets & set(self._found))
        return changed

    # Links ----------------------------------------------------------------------
    def link(self, key: str) -> Link | None:
        """The design's link drawn under `key`."""
        return self._by_key.get(key)

    def boxes_meeting(self, rect: Rect) -> list[str]:
        """The components whose boxes overlap `rect`."""
        return self._box_index.meeting(rect)

    def hides_zone_title(self, rect: Rect) -> bool:
        """Whether a label at `rect` would hide a zone's heading or kind (as link labels
        avoid doing)."""
        return self._labels.hides_title(rect)

    def links_at(self, component_id: str) -> Sequence[str]:
        """The keys of the links from or to this component."""
        return self._links_of.get(component_id, ())

    def sync_links(self) -> set[str]:
        """Follow the design's links: routes for new or changed ones, every label re-placed.

        Returns every link's key (any of them may have changed)."""
        links = [link for link in self.design.links if link.key]
        self._by_key = {link.key: link for link in links}
        self._order = {link.key: index for index, link in enumerate(links)}
        offsets = parallel_offsets([(link.source, link.target) for link in links])
        self._links_of = {}
        for link in links:
            self._links_of.setdefault(link.source, []).append(link.key)
            self._links_of.setdefault(link.target, []).append(link.key)
        removed = set(self.links) - set(self._by_key)
        for gone in removed:
            self._titles.course(self.links.pop(gone).path, None)
            self._reach.remove(gone)
            self._labels.remove(gone)
            self._ports.remove(gone)
            self._lanes.remove(gone)
        self._place_markers({("link", key) for key in removed} & self._found.keys())
        rerouted = []
        for link, offset in zip(links, offsets, strict=True):
            old = self.links.get(link.key)
            same = old is not None and (old.source, old.target) == (link.source, link.target)
            if not same or self._offsets.get(link.key) != offset:
                self._offsets[link.key] = offset
                rerouted.append(link.key)
            elif old is not None and old.kind != link.kind:
                self.links[link.key] = LinkDrawing(
                    link.key, link.kind, link.source, link.target, old.path, old.label
                )
        routed = self._routes(rerouted)
        self._place_markers({("link", key) for key in routed} & self._found.keys())
        self._place_labels(self._order)
        return set(self.links)

    def _routes(self, keys: Iterable[str]) -> set[str]:
        """Route these links, spread the sides and lanes they meet, draw them and the other
        links there; the keys of the links routed and of those drawn differently."""
        routed = sorted(set(keys), key=self._order.__getitem__)  # drawn in the design's order
        for key in routed:
            link = self._by_key[key]
            source, target = self.boxes.get(link.source), self.boxes.get(link.target)
            path: LinkPath | None = None
            if source is not None and target is not None and link.source != link.target:
                offset = self._offsets.get(key, 0.0)
                path = route(source.rect, target.rect, self._box_index, offset, target.badge)
                if path is not None and path.length < ARROW_LENGTH * 1.2:
                    path = None
            self._ports.put(key, path, source, target)
            self._lanes.put(key, path)
        beside = self._ports.spread(self.boxes.get, self._order) | self._lanes.spread(self._order)
        beside.difference_update(routed)
        for key in routed:
            self._draw(key)
        return set(routed) | {key for key in beside if self._draw(key)}

    def _draw(self, key: str) -> bool:
        """Draw the link as spread (`_routes` routed it); whether its course changed."""
        link = self._by_key[key]
        source, target = self.boxes.get(link.source), self.boxes.get(link.target)
        path: LinkPath | None = None
        if source is not None and target is not None and link.source != link.target:
            path = self._ports.path(key, self._box_index, target, self._lanes.at(key))
            reach = source.rect.union(target.rect).grown(REACH, REACH, REACH, REACH)
            # The course's bounds, only when a detour takes it out of reach (put is costly).
            b = reach if path is None else path.bounds()
            inside = reach.x0 <= b.x0 and reach.y0 <= b.y0 and b.x1 <= reach.x1 and b.y1 <= reach.y1
            rects = (reach,) if inside else (reach, b)
            if self._reach.rects(key) != rects:  # a long link's reach fills many cells
                self._reach.put(key, rects)
        else:
            self._reach.remove(key)
        old = self.links.get(key)
        label = old.label if old is not None else None
        self.links[key] = LinkDrawing(key, link.kind, link.source, link.target, path, label)
        if old is None or old.path != path:
            self._labels.course(key, old.path if old is not None else None, path)
            self._titles.course(old.path if old is not None else None, path)
            return True
        return False

    def _place_labels(self, keys: Iterable[str]) -> set[str]:
        """Re-place these links' labels and those a change could move; the keys of those moved."""
        return self._labels.place(keys, self.links, self._by_key, self._order, self._box_index)

    # Zones, findings, extent -------------------------------------------------------
    def measure_zones(self, settle: bool = True) -> set[str]:
        """Each non-empty zone round its members, as zone_rectangles measures it; the keys of
        the links whose labels moved off (or back onto) where the zones' borders and titles
        went. In a frame of a drag (`settle=False`) the labels wait for the next placement."""
        tree = ZoneTree(self.design)
        centres = {cid: box.rect.centre for cid, box in self.boxes.items()}
        rects = zone_rectangles(self.design, centres, tree)
        self.zones = {}
        for zone_id in reversed(tree.bottom_up()):
            zone = self.design.zone(zone_id)
            if zone is None or zone_id not in rects:
                continue
            rect = rects[zone_id]
            room = max(20.0, rect.width - 48 - text_width(f"  {zone.kind}", ZONE_KIND_SIZE))
            heading = fit(clean_text(zone.title, 400), room, ZONE_TITLE_SIZE, True)
            depth = len(tree.chain(zone_id)) - 1
            at = self._titles.at(zone_id, rect, heading, zone.kind)
            self.zones[zone_id] = ZoneDrawing(
                zone_id, zone.title, heading, zone.kind, rect, depth, *at
            )
        self._place_markers({t for t in self._found if t[0] == "zone"})
        self._labels.zones(self.zones)
        return self._place_labels(()) if settle else set()

    def set_findings(
        self, findings: Sequence[FindingLike], changes: FindingChanges | None = None
    ) -> None:
        """Mark these findings; only markers whose findings changed are placed again (a lint
        run after an edit changes a few of thousands). `changes`: the findings gone and
        come since those marked now (`FindingChanges`), when the caller knows them."""
        self.findings = findings
        if changes is None:
            counts = Counter(map(key_of, findings))
            gone, came = self._counts - counts, counts - self._counts
            self._counts = counts
        else:
            gone, came = changes
            self._counts.subtract(gone)
            self._counts.update(came)
            for key in gone:
                if self._counts[key] <= 0:
                    del self._counts[key]
        boxes, zones, routed = self.boxes, self.zones, self._routed()
        touched = unmark(self._found, gone)
        for key, times in came.items():
            target = target_of(key, boxes, zones, routed)
            if target is not None:
                self._found.setdefault(target, []).extend([key] * times)
                touched.add(target)
        self._place_markers(touched)

    def place_markers(self) -> None:
        """Every marker placed afresh."""
        boxes, zones, routed = self.boxes, self.zones, self._routed()
        self._counts = Counter(map(key_of, self.findings))
        self._found = {}
        for key, times in self._counts.items():
            target = target_of(key, boxes, zones, routed)
            if target is not None:
                self._found.setdefault(target, []).extend([key] * times)
        self.markers = {}
        self._place_markers(set(self._found))

    def _routed(self) -> Container[str]:
        return Routed(self.links)

    def _place_markers(self, targets: set[Target]) -> None:
        keys = {key for _, key in targets}  # only what these markers sit on: a drag is per frame
        boxes = {k: self.boxes[k].rect for k in keys if k in self.boxes}
        zones = {k: self.zones[k].rect for k in keys if k in self.zones}
        paths = {k: p for k in keys if k in self.links and (p := self.links[k].path) is not None}
        # In a fixed order, not the set's: the order markers are drawn in is the order an
        # export writes them, and an export must not change with the interpreter's hash seed.
        for target in sorted(targets):
            found = self._found.get(target)
            marker = place_marker(target, found, boxes, zones, paths) if found else None
            if marker is None:
                self.markers.pop(target, None)
            else:
                self.markers[target] = marker
        self.moved_markers |= targets

    def extent(self) -> Rect | None:
        """Everything drawn: zones, boxes with their badges, links (a detour round the boxes
        at the edge runs outside them), labels, markers."""
        rects = [z.rect for z in self.zones.values()]
        rects.extend(b.rect.grown(0, 10, 6, 0) for b in self.boxes.values())
        for drawn in self.links.values():
            if drawn.path is not None:
                rects.append(drawn.path.bounds().grown(*(ARROW_HALF_WIDTH,) * 4))
            if drawn.label is not None:
                rects.append(drawn.label.rect)
        rects.extend(m.rect for m in self.markers.values())
        return bounding(rects)
