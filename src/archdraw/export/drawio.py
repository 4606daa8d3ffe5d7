"""draw.io / diagrams.net: uncompressed mxGraph XML with zones as container cells.

Cells `0` (root) and `1` (default layer) come first. A zone is a swimlane
container and its members are its children, with geometry relative to the
container's top-left corner, as mxGraph expects. Positions are kept; the
components without one are placed by `archdraw.layout.auto_layout` (or on a
grid when layout fails). Notes and properties go on an
`<object>` wrapper (diagrams.net's Edit Data). Labels are plain text (`html=0`),
so `<script>` stays text; the kind of each link and zone, and each
component's type, are kept as `archdraw*` style keys, which diagrams.net
preserves.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from archdraw.export.text_support import (
    IdMap,
    ZoneTree,
    category_of,
    clean_text,
    drawable_links,
    omissions,
    one_line,
)
from archdraw.layout import zone_rectangles
from archdraw.library import Library
from archdraw.model import Component, Design, Link, Zone
from archdraw.model.types import PropValue
from archdraw.source.printable import plural
from archdraw.style import (
    LABEL_FONT,
    NODE_HEIGHT,
    NODE_WIDTH,
    ZONE_PADDING,
    ZONE_TITLE_HEIGHT,
    theme,
)

Point = tuple[float, float]
Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in scene pixels

_ANY_ID = re.compile(r"^[^\x00-\x1f]+$")
_XML_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
# Attributes diagrams.net reads itself on an <object>; a prop by these names would clash.
_OBJECT_ATTRIBUTES = {"id", "label", "tooltip", "placeholders", "link", "tags"}
_GRID_STEP = (NODE_WIDTH + 60.0, NODE_HEIGHT + 60.0)
_EMPTY_ZONE = (NODE_WIDTH + 2 * ZONE_PADDING, NODE_HEIGHT + 2 * ZONE_PADDING + ZONE_TITLE_HEIGHT)


def _style(pairs: dict[str, str | float]) -> str:
    return ";".join(f"{key}={value}" for key, value in pairs.items()) + ";"


def _style_word(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", text)


def _prop_text(value: PropValue) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(value)
    return str(value)


def _number(value: float) -> str:
    return f"{round(value, 2):g}"


def place(design: Design, library: Library) -> tuple[dict[str, Point], str]:
    """A centre for every component: its own, auto-layout's, or a grid slot; and how."""
    positions = {c.id: c.position for c in design.components if c.position is not None}
    missing = [c.id for c in design.components if c.id not in positions]
    if not missing:
        return positions, "positions kept"
    # Imported here: auto_layout brings networkx, which a laid-out design never needs.
    from archdraw.layout import auto_layout

    try:
        result = auto_layout(design, library)
        for component_id in missing:
            if component_id in result.positions:
                x, y = result.positions[component_id]
                positions[component_id] = (float(x), float(y))
        how = f"auto layout ({result.engine})"
    except Exception:  # a layout failure must not lose the export; the grid still works
        how = "grid (auto layout failed)"
    leftover = [c for c in missing if c not in positions]
    if leftover:
        bottom = max((y for _x, y in positions.values()), default=0.0)
        for index, component_id in enumerate(leftover):
            column, row = index % 6, index // 6
            positions[component_id] = (
                NODE_WIDTH / 2 + column * _GRID_STEP[0],
                bottom + (row + 1) * _GRID_STEP[1] + ZONE_TITLE_HEIGHT,
            )
    return positions, f"{plural(len(missing), 'component')} placed by {how}"


def zone_boxes(design: Design, positions: dict[str, Point]) -> dict[str, Box]:
    """Each zone's box, as the canvas draws it (`zone_rectangles`); empty zones in a row below."""
    boxes = {z: (r.x0, r.y0, r.x1, r.y1) for z, r in zone_rectangles(design, positions).items()}
    all_boxes = list(boxes.values()) + [
        (x - NODE_WIDTH / 2, y - NODE_HEIGHT / 2, x + NODE_WIDTH / 2, y + NODE_HEIGHT / 2)
        for x, y in positions.values()
    ]
    bottom = max((b[3] for b in all_boxes), default=0.0) + 40.0
    left = 0.0
    for zone in design.zones:
        if zone.id not in boxes:
            boxes[zone.id] = (left, bottom, left + _EMPTY_ZONE[0], bottom + _EMPTY_ZONE[1])
            left += _EMPTY_ZONE[0] + 40.0
    return boxes


class _Writer:
    def __init__(self, design: Design, library: Library) -> None:
        self.design = design
        self.library = library
        self.tree = ZoneTree.of(design)
        links, _ = drawable_links(design)
        self.links = links
        self.ids = IdMap(
            [z.id for z in design.zones]
            + [c.id for c in design.components]
            + [k.key for k in links],
            pattern=_ANY_ID,
            reserved=("0", "1"),
        )
        self.positions, self.placement = place(design, library)
        self.boxes = zone_boxes(design, self.positions)
        self.colours = theme("light")
        self.skipped: set[str] = set()

    def origin(self, zone_id: str | None) -> Point:
        if zone_id is None:
            return (0.0, 0.0)
        box = self.boxes[zone_id]
        return (box[0], box[1])

    def cell(
        self,
        root: ET.Element,
        attrs: dict[str, str],
        geometry: dict[str, str],
        data: dict[str, str] | None = None,
    ) -> None:
        """An mxCell; with `data`, wrapped in the <object> diagrams.net uses for custom data."""
        if data:
            holder = ET.SubElement(
                root, "object", {"id": attrs.pop("id"), "label": attrs.pop("value"), **data}
            )
            element = ET.SubElement(holder, "mxCell", attrs)
        else:
            element = ET.SubElement(root, "mxCell", attrs)
        ET.SubElement(element, "mxGeometry", {**geometry, "as": "geometry"})

    def data(self, notes: str | None, props: dict[str, PropValue]) -> dict[str, str]:
        """Notes as the tooltip and props as attributes (Edit Data in diagrams.net)."""
        data = {"tooltip": clean_text(notes)} if notes else {}
        for name, value in sorted(props.items()):
            if _XML_NAME.match(name) and name not in _OBJECT_ATTRIBUTES:
                data[name] = clean_text(_prop_text(value))
            else:
                self.skipped.add(name)
        return data

    def zone(self, root: ET.Element, zone: Zone) -> None:
        parent_id = self.tree.parent_of.get(zone.id)
        ox, oy = self.origin(parent_id)
        x0, y0, x1, y1 = self.boxes[zone.id]
        style: dict[str, str | float] = {
            "container": 1,
            "collapsible": 0,
            "html": 0,
            "whiteSpace": "wrap",
            "rounded": 1,
            "startSize": _number(ZONE_TITLE_HEIGHT),
            "fillColor": self.colours.zone_fill.get(zone.kind, "#ffffff"),
            "swimlaneFillColor": self.colours.zone_fill.get(zone.kind, "#ffffff"),
            "strokeColor": self.colours.zone_stroke,
            "fontFamily": LABEL_FONT,
            "dashed": 1 if zone.kind == "group" else 0,
            "archdrawZoneKind": zone.kind,
        }
        attrs = {
            "id": self.ids[zone.id],
            "value": clean_text(zone.title),
            "style": "swimlane;" + _style(style),
            "vertex": "1",
            "parent": self.ids[parent_id] if parent_id is not None else "1",
        }
        geometry = {
            "x": _number(x0 - ox),
            "y": _number(y0 - oy),
            "width": _number(x1 - x0),
            "height": _number(y1 - y0),
        }
        self.cell(root, attrs, geometry)
        for child in self.tree.zone_children(zone.id):
            self.zone(root, child)

    def component(self, root: ET.Element, component: Component) -> None:
        zone_id = self.tree.zone_of(component)
        ox, oy = self.origin(zone_id)
        x, y = self.positions[component.id]
        category = category_of(component, self.library)
        colour = self.colours.category(category)
        style: dict[str, str | float] = {
            "rounded": 1,
            "whiteSpace": "wrap",
            "html": 0,
            "fillColor": colour.fill,
            "strokeColor": colour.stroke,
            "fontColor": self.colours.text,
            "fontFamily": LABEL_FONT,
            "archdrawType": _style_word(component.type),
            "archdrawCategory": category,
        }
        if category == "storage":
            style = {"shape": "cylinder3", "size": 8, "boundedLbl": 1, **style}
        attrs = {
            "id": self.ids[component.id],
            "value": clean_text(component.title),
            "style": _style(style),
            "vertex": "1",
            "parent": self.ids[zone_id] if zone_id is not None else "1",
        }
        geometry = {
            "x": _number(x - NODE_WIDTH / 2 - ox),
            "y": _number(y - NODE_HEIGHT / 2 - oy),
            "width": _number(NODE_WIDTH),
            "height": _number(NODE_HEIGHT),
        }
        self.cell(root, attrs, geometry, self.data(component.notes, component.props))

    def edge(self, root: ET.Element, link: Link) -> None:
        line = self.colours.link(link.kind)
        style: dict[str, str | float] = {
            "endArrow": "classic",
            "html": 0,
            "rounded": 1,
            "strokeColor": line.colour,
            "fontFamily": LABEL_FONT,
            "archdrawKind": link.kind,
        }
        if line.dash:
            style["dashed"] = 1
            style["dashPattern"] = " ".join(f"{d:g}" for d in line.dash)
        if link.kind == "replication":
            style["startArrow"] = "classic"
        attrs = {
            "id": self.ids[link.key],
            "value": clean_text(link.label or ""),
            "style": _style(style),
            "edge": "1",
            "parent": "1",
            "source": self.ids[link.source],
            "target": self.ids[link.target],
        }
        self.cell(root, attrs, {"relative": "1"}, self.data(None, link.props))

    def write(self) -> str:
        design = self.design
        mxfile = ET.Element("mxfile", {"host": "archdraw", "type": "device"})
        diagram = ET.SubElement(
            mxfile, "diagram", {"id": "archdraw", "name": clean_text(design.name)}
        )
        model = ET.SubElement(
            diagram,
            "mxGraphModel",
            {"grid": "1", "gridSize": "20", "page": "0", "math": "0", "shadow": "0"},
        )
        root = ET.SubElement(model, "root")
        ET.SubElement(root, "mxCell", {"id": "0"})
        ET.SubElement(root, "mxCell", {"id": "1", "parent": "0"})
        for zone in self.tree.roots:
            self.zone(root, zone)
        for component in design.components:
            self.component(root, component)
        for link in self.links:
            self.edge(root, link)
        ET.indent(mxfile, space="  ")
        notes = [f"archdraw export: {one_line(design.name)} (draw.io)"]
        notes += omissions(design, positions=False, link_ids=False, props=False, notes=False)
        notes += [
            f"property {name!r} not exported: not an XML name" for name in sorted(self.skipped)
        ]
        notes.append(self.placement)
        notes += [f"id {raw!r} written as {name!r}" for raw, name in self.ids.renamed().items()]
        comments = "".join(f"<!-- {_comment(note)} -->\n" for note in notes)
        body = ET.tostring(mxfile, encoding="unicode")
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + comments + body + "\n"


def _comment(text: str) -> str:
    # "--" may not appear inside an XML comment.
    return re.sub("-(?=-)", "- ", one_line(text))


def export(design: Design, library: Library) -> str:
    """The design as a draw.io file (File > Open in diagrams.net)."""
    return _Writer(design, library).write()
