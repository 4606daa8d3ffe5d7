"""What the pointer is over, in words: a tooltip for the canvas at any zoom.

A findings marker lists its element's findings (the worst few, then how many
more); a component names itself and its type, and far out, where boxes are a
few pixels wide, the nearest box within a few pixels of the pointer does, so
a name that cannot be drawn is still one hover away. An element that findings
located elsewhere are also about (their related elements) lists those findings
too. A link names itself as everywhere else in the editor, "Source → Target" by its
ends' titles (read when the pointer rests, so a renamed end shows its new name), with
its kind, label and explicit id. Anything else keeps the tooltip of the item under
the pointer (zones).

The text is rich text: Qt wraps it at a readable width (a finding's message
is often longer than a screen is wide) and it names the element in bold.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF

from archdraw.drawing.markers import Target, finding_lines, key_of
from archdraw.source.printable import plural

from .component_item import ComponentItem
from .link_item import LinkItem

if TYPE_CHECKING:
    from .scene import DesignScene

REACH_PX = 4.0  # how far from a tiny box the pointer may be and still name it


def hover_text(scene: DesignScene, point: QPointF, scale: float) -> str | None:
    """The tooltip for the pointer at scene `point` seen at `scale`; None for the default."""
    target = scene.markers.at(point, scale)
    if target is not None:
        return marker_text(scene, target) + related_text(scene, target[1])
    item = component_near(scene, point, scale)
    if item is not None:
        return component_text(item) + related_text(scene, item.component_id)
    link = next((i for i in scene.items(point) if isinstance(i, LinkItem)), None)
    if link is None:
        return None
    return link_text(scene, link.key) + related_text(scene, link.key)


def link_text(scene: DesignScene, key: str) -> str:
    """ "Source → Target" in bold and the kind, on one line (Qt would break a short
    tooltip's first line to keep the box narrow), then the label, then the id when the
    file gives the link one (a key made of its ends' ids says nothing the name does not)."""
    name = f"<b>{html.escape(element_name(scene, ('link', key)))}</b>"
    link = scene.drawing.link(key)
    if link is None:
        return f"<nobr>{name}</nobr>"
    text = f"<nobr>{name} ({link.kind})</nobr>"
    if link.label:
        text += f"<br>{html.escape(link.label)}"
    if link.id is not None:
        text += f"<br>id: {html.escape(link.id)}"
    return text


def related_text(scene: DesignScene, element: str) -> str:
    """The findings located elsewhere that are about `element` too (`Finding.related`:
    AD205's other calls, AD304's other stores), worst first, after a line break; "" if
    none. Looked up when the pointer rests, not kept up to date at every lint run."""
    found = [
        finding
        for finding in scene.findings
        if any(r.element == element for r in getattr(finding, "related", ()))
    ]
    if not found:
        return ""
    lines = finding_lines([key_of(finding) for finding in found]).splitlines()
    listed = "".join(f"<br>{html.escape(line)}" for line in lines)
    return f"<br><i>Also named in {plural(len(found), 'finding')}:</i>{listed}"


def component_near(scene: DesignScene, point: QPointF, scale: float) -> ComponentItem | None:
    """The component under `point`, else the nearest one within REACH_PX on screen."""
    reach = REACH_PX / (scale or 1.0)
    area = QRectF(point.x() - reach, point.y() - reach, 2 * reach, 2 * reach)
    near = [item for item in scene.items(area) if isinstance(item, ComponentItem)]
    if not near:
        return None

    def distance(item: ComponentItem) -> float:
        box = item.mapRectToScene(item.box())
        dx = max(box.left() - point.x(), 0.0, point.x() - box.right())
        dy = max(box.top() - point.y(), 0.0, point.y() - box.bottom())
        return dx * dx + dy * dy

    best = min(near, key=distance)
    return best if distance(best) <= reach * reach else None


def component_text(item: ComponentItem) -> str:
    return item.toolTip()


def marker_text(scene: DesignScene, target: Target) -> str:
    """The element's name (and a component's type), then its findings, worst first."""
    marker = scene.drawing.markers.get(target)
    item = scene.components.get(target[1]) if target[0] == "component" else None
    heading = item.heading() if item else f"<b>{html.escape(element_name(scene, target))}</b>"
    if marker is None:
        return heading
    count = plural(marker.count, "finding")
    lines = "".join(f"<br>{html.escape(line)}" for line in marker.tooltip.splitlines())
    return f"{heading}<br><i>{count}:</i>{lines}"


def element_name(scene: DesignScene, target: Target) -> str:
    """A finding's element as the user named it: a component's or zone's title, a link's ends."""
    kind, key = target
    design = scene.design
    if kind == "component":
        component = design.component(key)
        return component.title if component is not None else key
    if kind == "zone":
        zone = design.zone(key)
        return zone.title if zone is not None else key
    link = scene.drawing.link(key)
    if link is None:
        return key
    ends = (design.component(link.source), design.component(link.target))
    return link.ends_title({end.id: end.title for end in ends if end is not None})
