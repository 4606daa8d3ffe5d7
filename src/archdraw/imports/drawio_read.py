"""draw.io files as cells: pages inflated when compressed, labels as plain text, geometry."""

from __future__ import annotations

import base64
import binascii
import html
import re
import urllib.parse
import xml.etree.ElementTree as ET
import zlib
from dataclasses import dataclass, field

from archdraw.imports.inputs import fail, xml_root
from archdraw.source import Limits

_TAG = re.compile(r"<[^>]*>")
_BREAK = re.compile(r"<br\b[^>]*>|</div>|</p>", re.IGNORECASE)
_WRAPPERS = ("object", "UserObject")
ALL_PAGES = "all"  # `--page all`: every page, each in a zone of its own
_OWN_ATTRIBUTES = {"id", "label", "placeholders", "tooltip", "link", "tags"}


def plain(label: str | None) -> str:
    """A label without its HTML: line breaks as spaces, entities decoded, spaces squeezed."""
    text = _TAG.sub("", _BREAK.sub(" ", label or ""))
    return " ".join(html.unescape(text).split())


def parse_style(style: str | None) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for index, part in enumerate((style or "").split(";")):
        key, sep, value = part.partition("=")
        if sep:
            pairs[key.strip()] = value.strip()
        elif part.strip():
            pairs.setdefault("_" if index == 0 else part.strip(), part.strip())
    return pairs


@dataclass
class Cell:
    id: str
    page: int
    label: str
    style: dict[str, str]
    parent: str | None
    vertex: bool
    edge: bool
    source: str | None
    target: str | None
    box: tuple[float, float, float, float] | None
    data: dict[str, str] = field(default_factory=dict)
    notes: str | None = None

    def shape(self) -> str:
        """The shape's name: an icon's name for AWS-style icon shapes, else `shape`."""
        shape = self.style.get("shape", self.style.get("_", ""))
        for key in ("resIcon", "prIcon", "grIcon"):
            icon = self.style.get(key)
            if icon:
                return (icon if "." in icon else f"{shape}.{icon}").lower()
        return shape.lower()

    @property
    def is_text(self) -> bool:
        return self.style.get("_") in ("text", "edgeLabel") or (
            "text" in self.style and "shape" not in self.style
        )


def _number(value: str | None) -> float:
    try:
        number = float(value or 0)
    except ValueError:
        return 0.0
    return number if abs(number) < 1e9 else 0.0


def _inflate(text: str, path: str, limits: Limits) -> bytes:
    try:
        packed = base64.b64decode(text.strip(), validate=False)
        inflater = zlib.decompressobj(-15)
        data = inflater.decompress(packed, limits.max_bytes)
    except (binascii.Error, zlib.error, ValueError) as error:
        raise fail(path, f"a compressed draw.io page cannot be read: {error}") from None
    if inflater.unconsumed_tail:
        raise fail(path, f"a compressed page inflates to over {limits.max_bytes:,} bytes")
    return urllib.parse.unquote(data.decode("utf-8", "replace")).encode("utf-8")


@dataclass(frozen=True)
class Page:
    """One page (a `<diagram>`) of a draw.io file: its name, 0-based index and graph."""

    name: str
    index: int
    model: ET.Element


def pages(root: ET.Element, path: str, limits: Limits) -> list[Page]:
    if root.tag == "mxGraphModel":
        return [Page("Page-1", 0, root)]
    if root.tag != "mxfile":
        raise fail(path, f"not a draw.io file: the root element is <{root.tag}>")
    found: list[Page] = []
    for diagram in root.iter("diagram"):
        model = diagram.find("mxGraphModel")
        if model is None and (diagram.text or "").strip():
            model = xml_root(_inflate(diagram.text or "", path, limits), path, limits)
        if model is not None:
            index = len(found)
            found.append(Page(diagram.get("name") or f"Page-{index + 1}", index, model))
    return found


def chosen_pages(found: list[Page], wanted: str | None, path: str) -> list[Page]:
    """The pages to import: the first by default, one by name or 1-based number, or all."""
    if not found:
        raise fail(path, "the draw.io file has no page")
    if wanted is None:
        return found[:1]
    if wanted == ALL_PAGES:
        return found
    for page in found:
        if page.name == wanted or (wanted.isdigit() and int(wanted) == page.index + 1):
            return [page]
    names = ", ".join(f"{p.index + 1} {p.name!r}" for p in found)
    raise fail(path, f"no page {wanted!r} in this file (its pages: {names}; or '{ALL_PAGES}')")


def cells(model: ET.Element, page: int) -> list[Cell]:
    found = []
    holder = model.find("root")
    for element in holder if holder is not None else []:
        wrapper = element if element.tag in _WRAPPERS else None
        cell = element.find("mxCell") if wrapper is not None else element
        if cell is None or cell.tag != "mxCell":
            continue
        attrs = wrapper.attrib if wrapper is not None else cell.attrib
        geometry = cell.find("mxGeometry")
        box = None
        if geometry is not None and cell.get("vertex") == "1":
            box = tuple(_number(geometry.get(k)) for k in ("x", "y", "width", "height"))
        found.append(
            Cell(
                id=f"{page}:{attrs.get('id', '')}",
                page=page,
                label=plain(attrs.get("label") if wrapper is not None else cell.get("value")),
                style=parse_style(cell.get("style")),
                parent=f"{page}:{cell.get('parent')}" if cell.get("parent") else None,
                vertex=cell.get("vertex") == "1",
                edge=cell.get("edge") == "1",
                source=f"{page}:{cell.get('source')}" if cell.get("source") else None,
                target=f"{page}:{cell.get('target')}" if cell.get("target") else None,
                box=box,  # type: ignore[arg-type]
                data={k: v for k, v in attrs.items() if k not in _OWN_ATTRIBUTES}
                if wrapper is not None
                else {},
                notes=attrs.get("tooltip") if wrapper is not None else None,
            )
        )
    return found
