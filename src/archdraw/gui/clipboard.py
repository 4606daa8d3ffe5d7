"""Copy and paste as design YAML, so selections move between windows and text editors.

Copying takes the selected components, the links between them and the zones
they sit in; pasting gives every component a fresh id and offsets it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QGuiApplication

from archdraw.gui.editing import Editing
from archdraw.io import DesignError, dumps, loads
from archdraw.model import Component, Design, Link, Zone, new_design
from archdraw.model.edits import AddElements

YAML_MIME = "application/x-archdraw+yaml"  # read only: what archdraw 0.1 wrote
PASTE_OFFSET = 40.0


def selection_design(
    design: Design, component_ids: list[str], zone_ids: Sequence[str] = ()
) -> Design:
    chosen = set(component_ids)
    zones_needed: set[str] = set(zone_ids)
    for component in design.components:
        if component.id in chosen and component.zone is not None:
            zones_needed.add(component.zone)
    parents = design.zone_index()
    for zone_id in list(zones_needed):
        current = parents.get(zone_id)
        while (
            current is not None
            and current.parent is not None
            and current.parent not in zones_needed
        ):
            zones_needed.add(current.parent)
            current = parents.get(current.parent)
    part = new_design(design.name)
    part.zones = [z.model_copy(deep=True) for z in design.zones if z.id in zones_needed]
    part.components = [c.model_copy(deep=True) for c in design.components if c.id in chosen]
    part.links = [
        k.model_copy(deep=True) for k in design.links if k.source in chosen and k.target in chosen
    ]
    return part


def copy_to_clipboard(design: Design, component_ids: list[str]) -> str:
    text = dumps(selection_design(design, component_ids))
    # setText lets Qt create the QMimeData in C++. A QMimeData made in Python and
    # handed to the clipboard is destroyed by QtGui's exit handlers after the
    # interpreter has gone, which crashed every process that had copied.
    QGuiApplication.clipboard().setText(text)
    return text


def clipboard_text() -> str:
    mime = QGuiApplication.clipboard().mimeData()
    if mime is None:
        return ""
    if mime.hasFormat(YAML_MIME):
        return bytes(mime.data(YAML_MIME).data()).decode("utf-8", errors="replace")
    return mime.text()


def paste_edit(
    editing: Editing, text: str, offset: float = PASTE_OFFSET
) -> tuple[AddElements, list[str]] | None:
    """The edit adding a pasted selection with fresh ids, and the new component ids."""
    if not text.strip():
        return None
    try:
        part = loads(text, "<clipboard>", editing.library).design
    except DesignError as error:
        first = str(error.problems[0]) if error.problems else "not a design"
        editing.failed.emit(f"The clipboard holds no archdraw design: {first}")
        return None
    design = editing.document.design
    taken = design.element_ids()
    zones: list[Zone] = []
    for zone in part.zones:
        if design.zone(zone.id) is None:
            zones.append(zone)
            taken.add(zone.id)
    renamed: dict[str, str] = {}
    components: list[Component] = []
    for component in part.components:
        new_id = editing.new_id(component.id, taken)
        taken.add(new_id)
        renamed[component.id] = new_id
        x, y = component.position or (0.0, 0.0)
        components.append(
            component.model_copy(update={"id": new_id, "position": (x + offset, y + offset)})
        )
    links = [
        Link(
            id=None,
            source=renamed[k.source],
            target=renamed[k.target],
            kind=k.kind,
            label=k.label,
            props=dict(k.props),
        )
        for k in part.links
        if k.source in renamed and k.target in renamed
    ]
    edit = AddElements(
        zones=tuple(zones), components=tuple(components), links=tuple(links), label="Paste"
    )
    return edit, [c.id for c in components]
