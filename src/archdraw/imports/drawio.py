"""draw.io diagrams: shapes to components by their style, containers to zones, edges to links.

archdraw's own export carries `archdrawType`, `archdrawKind` and `archdrawZoneKind` in
its styles, so a design exported to draw.io imports back to the same elements.
"""

from __future__ import annotations

from typing import Any

from archdraw.imports.builder import DesignBuilder
from archdraw.imports.drawio_read import Cell, cells, chosen_pages, pages
from archdraw.imports.inputs import xml_root
from archdraw.imports.mapping import MappingTables, Rule
from archdraw.model.types import ID_PATTERN, LINK_KINDS, ZONE_KINDS
from archdraw.source import Limits

_GROUP_SHAPES = ("mxgraph.aws4.group", "mxgraph.aws4.groupcenter", "swimlane")


def _value(text: str, kind: str) -> Any:
    if kind == "bool":
        return {"true": True, "false": False}.get(text.lower(), text)
    if kind in ("int", "float"):
        try:
            number = float(text)
        except ValueError:
            return text
        return int(number) if kind == "int" and number.is_integer() else number
    return text


class DrawioImport:
    def __init__(
        self,
        builder: DesignBuilder,
        mapping: MappingTables,
        filename: str,
        limits: Limits,
        page: str | None = None,
    ) -> None:
        self.builder, self.mapping, self.filename, self.limits = builder, mapping, filename, limits
        self.page = page
        self.page_zones: dict[int, str] = {}
        self.markers: dict[str, Rule] = {}  # cells drawn on a path (a padlock), by cell id
        self.marked: list[Cell] = []  # edges into or out of a marker
        self.cells: dict[str, Cell] = {}
        self.zones: dict[str, str] = {}
        self.components: dict[str, str] = {}

    def where(self, cell: Cell) -> str:
        return f"{self.filename} page {cell.page + 1} cell {cell.id.split(':', 1)[1]}"

    def run(self, raw: bytes) -> None:
        root = xml_root(raw, self.filename, self.limits)
        found = pages(root, self.filename, self.limits)
        chosen = chosen_pages(found, self.page, self.filename)
        block = self.builder.block
        block.pages += [p.name for p in found]
        block.imported_pages += [p.name for p in chosen]
        for page in chosen:
            if len(chosen) > 1:  # pages are separate drawings: each keeps to a zone of its own
                self.page_zones[page.index] = self.builder.add_zone(
                    f"{self.filename} page:{page.index}",
                    page.name,
                    "group",
                    f"{self.filename} page {page.index + 1}",
                    "a page of the diagram: a group",
                    "explicit",
                    wanted_id=page.name,
                )
            for cell in cells(page.model, page.index):
                self.cells[cell.id] = cell
        self.break_parent_loops()
        parents = {c.parent for c in self.cells.values() if c.vertex}
        vertices = [c for c in self.cells.values() if c.vertex]
        for cell in vertices:
            if self.is_container(cell, parents):
                self.zone(cell)
        for cell in vertices:
            if cell.id in self.zones:
                continue
            marker = self.mapping.first("drawio.markers", cell.shape())
            if marker is not None:
                self.markers[cell.id] = marker
                self.builder.skip(f"path marker ({cell.shape()})")
            elif cell.is_text or (cell.parent in self.cells and self.cells[cell.parent].edge):
                self.builder.skip("text or edge label")
            else:
                self.component(cell)
        for cell in (c for c in self.cells.values() if c.edge):
            self.edge(cell)
        self.join_markers()

    def break_parent_loops(self) -> None:
        """A cell whose parents lead back to it (a hand-edited file: draw.io writes none)
        is put at the top of its page, and that is reported; zones and positions follow
        parents, and a loop would never end."""
        safe: set[str] = set()
        for cell in list(self.cells.values()):
            path: list[Cell] = []
            current: Cell | None = cell
            while current is not None and current.id not in safe:
                if any(current.id == seen.id for seen in path):
                    path[-1].parent = None  # the cell whose parent closes the loop
                    self.builder.unresolved(
                        f"{self.where(path[-1])}: its parent cells lead back to it; "
                        "placed at the top of its page"
                    )
                    break
                path.append(current)
                current = self.cells.get(current.parent or "")
            safe.update(c.id for c in path)

    def is_container(self, cell: Cell, parents: set[str | None]) -> bool:
        style = cell.style
        return (
            "archdrawZoneKind" in style
            or style.get("container") == "1"
            or style.get("_") == "swimlane"
            or cell.shape().split(".", 3)[:3] == ["mxgraph", "aws4", "group"]
            or style.get("shape", "").lower() in _GROUP_SHAPES
            or (cell.id in parents and not cell.is_text)
        )

    def origin(self, cell: Cell) -> tuple[float, float]:
        x = y = 0.0
        parent = self.cells.get(cell.parent or "")
        while parent is not None and parent.vertex and parent.box is not None:
            x, y = x + parent.box[0], y + parent.box[1]
            parent = self.cells.get(parent.parent or "")
        return x, y

    def zone(self, cell: Cell) -> None:
        kind = cell.style.get("archdrawZoneKind")
        rule, confidence = "archdraw export: zone kind", "explicit"
        if kind not in ZONE_KINDS:
            found = self.mapping.first("drawio.containers", cell.shape())
            if found is None and cell.label:
                found = self.mapping.first("drawio.container_labels", cell.label.lower())
            kind = found.get("kind") if found else "group"
            rule = found.name if found else "a container: a group"
            confidence = found.confidence if found else "defaulted"
        parent = self.cells.get(cell.parent or "")
        parent_zone = self.zones.get(parent.id) if parent is not None else None
        if parent is not None and parent.vertex and parent_zone is None:
            self.zone(parent)
            parent_zone = self.zones.get(parent.id)
        parent_zone = parent_zone or self.page_zones.get(cell.page)
        if cell.id not in self.zones:
            label = cell.label or _shape_words(cell.shape()) or kind
            self.zones[cell.id] = self.builder.add_zone(
                f"cell:{cell.id}",
                label,
                kind,
                self.where(cell),
                rule,
                confidence,
                parent_zone,
                wanted_id=label,
            )
            if "archdrawZoneKind" in cell.style and _matches_id(cell.id):
                self.rename_zone(cell)

    def rename_zone(self, cell: Cell) -> None:
        """Keep the id archdraw wrote, so a round trip gives the same zone ids."""
        wanted = cell.id.split(":", 1)[1]
        current = self.zones[cell.id]
        if wanted == current or wanted in self.builder.taken:
            return
        zone = self.builder.zones.pop(current)
        zone.id = wanted
        self.builder.zones[wanted] = zone
        record = self.builder.records.pop(current)
        record.zone = wanted
        self.builder.records[wanted] = record
        self.builder.taken.add(wanted)
        self.zones[cell.id] = wanted

    def typing(self, cell: Cell) -> tuple[str, str, str, dict[str, Any]]:
        """The type, the rule that chose it, its confidence, and the properties the shape
        says (an AWS SQS icon is the managed service: `managed: true`)."""
        own = cell.style.get("archdrawType")
        if own in self.builder.library.types:
            return own, "archdraw export: type", "explicit", {}
        shape = self.mapping.first("drawio.shapes", cell.shape())
        if shape is not None:
            said = dict(shape.get("props") or {})
            return shape.get("type"), f"{shape.name} (shape {cell.shape()})", shape.confidence, said
        label = self.mapping.first("drawio.labels", cell.label.lower())
        if label is not None:
            return label.get("type"), f"{label.name} (label {cell.label!r})", label.confidence, {}
        return "service", "unknown shape: a service", "defaulted", {}

    def component(self, cell: Cell) -> None:
        type_id, rule, confidence, said = self.typing(cell)
        position = None
        if cell.box is not None:
            ox, oy = self.origin(cell)
            position = (cell.box[0] + ox + cell.box[2] / 2, cell.box[1] + oy + cell.box[3] / 2)
        zone = (
            self.zones.get(cell.parent or "")
            or self.enclosing(cell, position)
            or self.page_zones.get(cell.page)
        )
        own = "archdrawType" in cell.style and _matches_id(cell.id)
        cid = self.builder.add_component(
            f"cell:{cell.id}",
            type_id,
            cell.label or None,
            self.where(cell),
            rule,
            confidence,
            zone=zone,
            position=position,
            notes=cell.notes,
            wanted_id=cell.id.split(":", 1)[1] if own else (cell.label or type_id),
        )
        self.components[cell.id] = cid
        specs = self.builder.library.types[type_id].properties
        for name, value in said.items():
            self.builder.set_prop(cid, name, value, confidence)
        for name, text in cell.data.items():
            if name in specs:
                self.builder.set_prop(cid, name, _value(text, specs[name].kind))
            else:
                self.builder.unresolved(
                    f"{self.where(cell)}: data {name!r} is no property of a {type_id}"
                )

    def enclosing(self, cell: Cell, position: tuple[float, float] | None) -> str | None:
        """A group shape drawn around a shape without holding it (common in icon diagrams)."""
        if position is None:
            return None
        best: tuple[float, str] | None = None
        for zone_cell_id, zone_id in self.zones.items():
            zone_cell = self.cells[zone_cell_id]
            if zone_cell.page != cell.page or zone_cell.box is None:
                continue
            ox, oy = self.origin(zone_cell)
            x, y, w, h = zone_cell.box
            inside = x + ox <= position[0] <= x + ox + w and y + oy <= position[1] <= y + oy + h
            if inside and (best is None or w * h < best[0]):
                best = (w * h, zone_id)
        return best[1] if best else None

    def replicates(self, label: str, source: str, target: str) -> bool:
        """An edge that copies data: its label says replica, or it joins two stores and the
        second is named a replica, slave, standby, secondary or follower."""
        if "replica" in label.lower():
            return True
        ends = [self.builder.components[source], self.builder.components[target]]
        stores = all(end.type in _DATA_TYPES for end in ends)
        return stores and any(word in ends[1].title.lower() for word in _REPLICA_WORDS)

    def join_markers(self) -> None:
        """One link per pair of boxes joined through a marker, carrying what it says."""
        for marker_id, rule in self.markers.items():
            starts = [
                self.components.get(e.source or "") for e in self.marked if e.target == marker_id
            ]
            ends = [
                self.components.get(e.target or "") for e in self.marked if e.source == marker_id
            ]
            shape = self.cells[marker_id].shape()
            for start in (s for s in starts if s):
                for end in (e for e in ends if e):
                    self.builder.add_link(
                        start,
                        end,
                        "sync",
                        self.where(self.cells[marker_id]),
                        f"{rule.name}: edges through a marker join",
                        rule.confidence,
                        evidence=f"drawn through {shape}",
                        props=dict(rule.get("props") or {}),
                    )

    def edge(self, cell: Cell) -> None:
        if cell.source in self.markers or cell.target in self.markers:
            self.marked.append(cell)
            return
        source, target = (
            self.components.get(cell.source or ""),
            self.components.get(cell.target or ""),
        )
        if source is None or target is None:
            ends = [e for e in (cell.source, cell.target) if e not in self.components]
            what = "a zone" if any(e in self.zones for e in ends) else "nothing"
            self.builder.skip("edge")
            self.builder.unresolved(
                f"{self.where(cell)}: an edge ends at {what}; not drawn as a link"
            )
            return
        kind, rule, confidence = (
            cell.style.get("archdrawKind"),
            "archdraw export: link kind",
            "explicit",
        )
        label = cell.label or " ".join(
            c.label for c in self.cells.values() if c.parent == cell.id and c.label
        )
        if kind not in LINK_KINDS:
            rule, confidence = "an edge: a call", "inferred"
            kind = "replication" if self.replicates(label, source, target) else "sync"
        specs = self.builder.library.link_properties
        props = {n: _value(t, specs[n].kind) for n, t in cell.data.items() if n in specs}
        named = _encrypted_protocol(label) if "protocol" not in props else None
        if named:
            props["protocol"] = named
        key = self.builder.add_link(
            source, target, kind, self.where(cell), rule, confidence, props=props
        )
        if key and label:
            self.builder.links[key].label = label
        if key and named:
            self.builder.evidence(key, f"protocol {named}: the edge's label says so")


_REPLICA_WORDS = ("replica", "slave", "standby", "secondary", "follower")
# An edge labelled with one of these claims encryption; a plain "HTTP" is left unstated,
# since diagrams write it for any web call.
_ENCRYPTED_WORDS = {"https": "HTTPS", "tls": "TLS", "mtls": "mTLS", "grpcs": "gRPCS",
                    "wss": "WSS", "ssh": "SSH", "sftp": "SFTP"}  # fmt: skip


def _encrypted_protocol(label: str) -> str | None:
    """The encrypted protocol an edge's label names as a word ("HTTPS", "REST over TLS")."""
    words = "".join(c if c.isalnum() else " " for c in label.lower()).split()
    return next((_ENCRYPTED_WORDS[w] for w in words if w in _ENCRYPTED_WORDS), None)


_DATA_TYPES = ("database", "nosql_database", "cache", "search_index")


def _shape_words(shape: str) -> str:
    """An unlabelled container named by its shape (`...group_availability_zone`:
    "availability zone"), so two of them read as what they are, not "zone" and "zone-2"."""
    words = shape.rsplit(".", 1)[-1].removeprefix("group_").replace("_", " ").strip()
    return "" if words in ("group", "groupcenter", "swimlane", "") else words


def _matches_id(cell_id: str) -> bool:
    import re

    return re.match(ID_PATTERN, cell_id.split(":", 1)[1]) is not None
