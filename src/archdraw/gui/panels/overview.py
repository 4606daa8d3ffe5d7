"""The Properties dock with nothing selected: an overview of the design and what to do next.

Its name and purpose, how many components, links and zones it has (and of
which kinds most), its findings by severity, and hints for getting started.
The design's monthly cost is the cost line under it (CostNote), which is left
to the Design Review above a few thousand components.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence
from operator import attrgetter

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeySequence, QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSizePolicy

from archdraw.drawing import SEVERITY_ORDER, FindingLike
from archdraw.gui.actions import ADD_KEY
from archdraw.layout import clean_text
from archdraw.library import Library
from archdraw.model import Design
from archdraw.source.printable import plural
from archdraw.style import Theme

TOP_TYPES = 4  # the most used component types, by count
ABOUT_CHARS = 280


class DesignOverview(QLabel):
    def __init__(self) -> None:
        super().__init__(wordWrap=True)
        self.setObjectName("properties-overview")
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.setTextFormat(Qt.TextFormat.RichText)

    def show_for(
        self, design: Design, library: Library, findings: Sequence[FindingLike], theme: Theme
    ) -> None:
        self.setText(overview_html(design, library, findings, theme))


class OverviewScroll(QScrollArea):
    """The overview as tall as its text when the dock has room, scrolling when it has not.

    A word-wrapped label laid out in a dock too short for it and the cost line below is
    squeezed, and its last lines are cut off; here it keeps its height and scrolls.
    """

    def __init__(self, overview: DesignOverview) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setWidget(overview)

    def sizeHint(self) -> QSize:
        widget = self.widget()
        height = widget.heightForWidth(self.viewport().width()) if widget is not None else 0
        return QSize(super().sizeHint().width(), max(height, 0) + 2 * self.frameWidth())

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), min(self.sizeHint().height(), 60))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # the text wraps to another height at another width


def overview_html(
    design: Design, library: Library, findings: Sequence[FindingLike], theme: Theme
) -> str:
    parts = [f"<h3>{html.escape(design.name)}</h3>"]
    about = design.doc.purpose or design.description
    if about:
        parts.append(f"<p>{html.escape(clean_text(about, ABOUT_CHARS))}</p>")
    # A count keeps its word on its line ("3 zones", "Service ×6"): the line wraps between them.
    counts = " · ".join(
        plural(len(items), word).replace(" ", "&nbsp;")
        for items, word in (
            (design.components, "component"),
            (design.links, "link"),
            (design.zones, "zone"),
        )
    )
    parts.append(f"<p><b>{counts}</b>")
    kinds = Counter(map(attrgetter("type"), design.components))
    if kinds:
        named = []
        for type_id, count in kinds.most_common(TOP_TYPES):
            spec = library.get(type_id)
            label = html.escape(spec.label if spec else type_id)
            named.append(f"{label}&nbsp;×{count}" if count > 1 else label)
        more = len(kinds) - TOP_TYPES
        parts.append("<br>" + ", ".join(named) + (f", and {more} more types" if more > 0 else ""))
    parts.append("</p>")
    parts.append(f"<p>{findings_line(findings, theme)}</p>")
    parts.append(
        "<p style='color:"
        + theme.muted_text
        + "'>"
        + (
            "Select a component, link or zone to edit it. "
            "Hover a findings marker to read its findings; click it to open them in Findings."
            if design.components
            else "Drag a component from the palette onto the canvas, double-click one there "
            f"or press {QKeySequence(ADD_KEY).toString(QKeySequence.SequenceFormat.NativeText)} "
            "(Edit > Add Component); or open a sample (File > Open Sample)."
        )
        + "</p>"
    )
    return "".join(parts)


def findings_line(findings: Sequence[FindingLike], theme: Theme) -> str:
    """ "2 errors, 1 warning, 4 info", each in its severity's colour."""
    if not findings:
        return "<b>Findings:</b> none"
    counts = Counter(map(attrgetter("severity"), findings))
    order = (*SEVERITY_ORDER, *sorted(set(counts) - set(SEVERITY_ORDER)))
    shown = [
        f"<span style='color:{theme.severity.get(s, theme.text)}'>"
        f"{f'{counts[s]} info' if s == 'info' else plural(counts[s], s)}</span>"
        for s in order
        if counts[s]
    ]
    return "<b>Findings:</b> " + ", ".join(shown)
