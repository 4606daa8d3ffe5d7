"""draw.io export: no parser runs offline, so a structural check of the mxGraph model.

What diagrams.net needs to open a file: cells 0 and 1, unique ids, every
vertex with a geometry, every edge's ends existing, and children whose
parent is a container. Plus: positions kept, zones as parents of their
members with geometry relative to the container, kinds kept as style keys.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from archdraw.export import drawio
from archdraw.export.text_support import clean_text, drawable_links
from archdraw.library import Library
from archdraw.model import Design
from archdraw.style import NODE_HEIGHT, NODE_WIDTH


def _cells(text: str) -> list[ET.Element]:
    """Every cell; an <object> wrapper's id, label and data are folded into its mxCell."""
    root = ET.fromstring(text)
    assert root.tag == "mxfile"
    model = root.find("diagram/mxGraphModel/root")
    assert model is not None
    cells = []
    for child in model:
        if child.tag == "object":
            [inner] = child.findall("mxCell")
            assert "id" not in inner.attrib and "value" not in inner.attrib
            cell = ET.Element("mxCell", {**inner.attrib, **child.attrib})
            cell.set("value", cell.attrib.pop("label"))
            cell.extend(list(inner))
            cells.append(cell)
        else:
            cells.append(child)
    return cells


def _style(cell: ET.Element) -> dict[str, str]:
    pairs = [part.split("=", 1) for part in (cell.get("style") or "").split(";") if part]
    return {pair[0]: pair[1] if len(pair) > 1 else "" for pair in pairs}


def _absolute(cells: dict[str, ET.Element], cell_id: str) -> tuple[float, float]:
    x = y = 0.0
    current: str | None = cell_id
    while current not in (None, "0", "1"):
        geometry = cells[str(current)].find("mxGeometry")
        assert geometry is not None
        x += float(geometry.get("x", "0"))
        y += float(geometry.get("y", "0"))
        current = cells[str(current)].get("parent")
    return x, y


def test_drawio_model_is_well_formed(any_design: Design, library: Library) -> None:
    cells = _cells(drawio.export(any_design, library))
    assert all(cell.tag == "mxCell" for cell in cells)
    ids = [cell.get("id") for cell in cells]
    assert ids[:2] == ["0", "1"]
    assert cells[1].get("parent") == "0"
    assert len(ids) == len(set(ids))
    by_id = {str(cell.get("id")): cell for cell in cells}
    vertices = [c for c in cells if c.get("vertex") == "1"]
    edges = [c for c in cells if c.get("edge") == "1"]
    assert len(vertices) == len(any_design.components) + len(any_design.zones)
    assert len(edges) == len(drawable_links(any_design)[0])
    for vertex in vertices:
        geometry = vertex.find("mxGeometry")
        assert geometry is not None and geometry.get("as") == "geometry"
        assert float(geometry.get("width", "0")) > 0 and float(geometry.get("height", "0")) > 0
        parent = by_id[str(vertex.get("parent"))]
        assert parent.get("id") == "1" or "container" in _style(parent)
    for edge in edges:
        assert by_id[str(edge.get("source"))].get("vertex") == "1"
        assert by_id[str(edge.get("target"))].get("vertex") == "1"
        assert edge.find("mxGeometry") is not None


def test_drawio_zones_are_parents_of_their_members(any_design: Design, library: Library) -> None:
    cells = _cells(drawio.export(any_design, library))
    by_label = {clean_text(str(c.get("value"))): c for c in cells if c.get("vertex") == "1"}
    zone_cells = {z.id: by_label[clean_text(z.title)] for z in any_design.zones}
    for zone in any_design.zones:
        cell = zone_cells[zone.id]
        assert _style(cell)["archdrawZoneKind"] == zone.kind
        wanted = zone_cells[zone.parent].get("id") if zone.parent else "1"
        assert cell.get("parent") == wanted
    for component in any_design.components:
        cell = by_label[clean_text(component.title)]
        wanted = zone_cells[component.zone].get("id") if component.zone else "1"
        assert cell.get("parent") == wanted
        assert _style(cell)["archdrawType"]


def test_drawio_members_sit_inside_their_container(medium: Design, library: Library) -> None:
    cells = _cells(drawio.export(medium, library))
    by_id = {str(c.get("id")): c for c in cells}
    for cell in cells:
        parent = cell.get("parent")
        if cell.get("vertex") != "1" or parent == "1":
            continue
        geometry, outer = cell.find("mxGeometry"), by_id[str(parent)].find("mxGeometry")
        assert geometry is not None and outer is not None
        # Relative geometry: a child starts inside its container's box.
        assert 0 <= float(geometry.get("x", "0")) < float(outer.get("width", "0"))
        assert 0 <= float(geometry.get("y", "0")) < float(outer.get("height", "0"))


def test_drawio_keeps_positions(medium: Design, library: Library) -> None:
    cells = _cells(drawio.export(medium, library))
    by_id = {str(c.get("id")): c for c in cells}
    placed = [c for c in medium.components if c.position is not None]
    assert placed
    for component in placed:
        x, y = _absolute(by_id, component.id)
        assert component.position == (x + NODE_WIDTH / 2, y + NODE_HEIGHT / 2)


def test_drawio_places_components_without_positions(medium: Design, library: Library) -> None:
    text = drawio.export(medium, library)
    by_id = {str(c.get("id")): c for c in _cells(text)}
    corners = {_absolute(by_id, c.id) for c in medium.components}
    assert len(corners) == len(medium.components)
    assert "placed by" in text.split("<mxfile", 1)[0]


def test_drawio_link_kinds_and_labels(any_design: Design, library: Library) -> None:
    edges = [c for c in _cells(drawio.export(any_design, library)) if c.get("edge") == "1"]
    links, _ = drawable_links(any_design)
    for link, edge in zip(links, edges, strict=True):
        style = _style(edge)
        assert style["archdrawKind"] == link.kind
        assert ("dashed" in style) == (link.kind != "sync")
        assert edge.get("value") == clean_text(link.label or "")


def test_drawio_labels_are_plain_text(hostile: Design, library: Library) -> None:
    text = drawio.export(hostile, library)
    cells = _cells(text)
    assert all(_style(c).get("html", "0") == "0" for c in cells if c.get("style"))
    values = {c.get("value") for c in cells}
    assert "Say \"hi\" <script>alert('x')</script>" in values
    assert "<script>alert" not in text.split("<mxfile", 1)[1]


def test_drawio_keeps_notes_and_props_as_data(medium: Design, library: Library) -> None:
    cells = {c.get("id"): c for c in _cells(drawio.export(medium, library))}
    upload, gateway = cells["upload_svc"], cells["gateway"]
    assert upload.get("tooltip") == medium.component("upload_svc").notes  # type: ignore[union-attr]
    assert gateway.get("replicas") == "3" and gateway.get("rate_limit") == "100"
    header = drawio.export(medium, library).split("<mxfile", 1)[0]
    assert "properties not exported" not in header
    assert "design description and doc not exported" in header
