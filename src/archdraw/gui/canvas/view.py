"""The canvas widget: zoom (Ctrl+wheel, pinch), pan (middle button, Space+drag), grid, drops."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QLineF, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QMouseEvent,
    QNativeGestureEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGestureEvent,
    QGraphicsItem,
    QGraphicsView,
    QPinchGesture,
    QStyle,
    QWidget,
)

from archdraw.drawing import Drawing
from archdraw.gui.actions import empty_canvas_hint
from archdraw.gui.editing import Editing
from archdraw.style import GRID_SIZE

from .interactions import MouseInteractions
from .overview_item import OVERVIEW_MIN_COMPONENTS, OVERVIEW_SCALE
from .scene import DesignScene

TYPE_MIME = "application/x-archdraw-type"
MIN_SCALE, MAX_SCALE = 0.02, 8.0
RELATED_MIN_SCALE = 0.3  # showing a finding's related elements zooms out no further
# Showing a found element (a finding's, a search's) from farther out comes this close: where
# its box's words read whole (`archdraw.drawing.level_at`: TITLE_SIZE at READABLE_PX).
FOUND_SCALE = 0.6


class DesignView(QGraphicsView):
    files_dropped = Signal(list)
    zoom_changed = Signal(float)

    def __init__(self, scene: DesignScene, editing: Editing, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.design_scene, self.editing = scene, editing
        self.show_grid = True
        self.busy_text: str | None = None  # an empty canvas says this instead of the hint
        self._blank = False  # see show_blank
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing
            | QPainter.RenderHint.TextAntialiasing
            | QPainter.RenderHint.SmoothPixmapTransform
        )
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        # zoom_by keeps the point under the cursor itself, exactly, from any caller.
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState)
        self.setAcceptDrops(True)
        self.viewport().grabGesture(Qt.GestureType.PinchGesture)
        self.interactions = MouseInteractions(self)
        self._space = False
        self._pan_from: QPointF | None = None
        self.follow_resizes = False  # re-fit on resize until the user zooms or pans
        self.zoom_changed.connect(self.update_level_of_detail)

    def update_level_of_detail(self) -> None:
        self.design_scene.focus.set_scale(self.scale_factor())
        self.design_scene.zone_headings.set_scale(self.scale_factor())
        big = len(self.design_scene.components) >= OVERVIEW_MIN_COMPONENTS
        self.design_scene.set_overview(big and self.scale_factor() < OVERVIEW_SCALE)

    # While a big design's canvas is made (archdraw.gui.loading) ------------------
    def show_blank(self) -> None:
        """Paint a blank canvas saying `busy_text` until `show_design`, and pass no clicks:
        no pass of the event loop paints, nor lets the user touch, items going or coming."""
        self._blank = True
        self.setInteractive(False)
        self.viewport().update()

    def show_design(self) -> None:
        if self._blank:
            self._blank = False
            self.setInteractive(True)
            self.viewport().update()

    def fits_far(self, drawing: Drawing) -> bool:
        """Whether `fit` will show `drawing`'s boxes from far (see `update_level_of_detail`)."""
        rects = [box.rect for box in drawing.boxes.values()]
        if len(rects) < OVERVIEW_MIN_COMPONENTS:
            return False
        width = max(r.x1 for r in rects) - min(r.x0 for r in rects)
        height = max(r.y1 for r in rects) - min(r.y0 for r in rects)
        room = self.viewport().size()
        return min(room.width() / width, room.height() / height) < OVERVIEW_SCALE

    @property
    def showing_design(self) -> bool:
        return not self._blank

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._blank:
            super().paintEvent(event)
            return
        painter = QPainter(self.viewport())
        painter.fillRect(self.viewport().rect(), self.design_scene.backgroundBrush())
        self._say(painter)
        painter.end()

    # Zoom --------------------------------------------------------------------
    def scale_factor(self) -> float:
        return float(self.transform().m11())

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zoom keeping the scene point under `anchor` (a viewport point; the centre when None)
        where it is on screen."""
        target = min(MAX_SCALE, max(MIN_SCALE, self.scale_factor() * factor))
        factor = target / self.scale_factor()
        self.follow_resizes = False
        if abs(factor - 1) <= 1e-6:
            return
        spot = (anchor if anchor is not None else QRectF(self.viewport().rect()).center()).toPoint()
        fixed = self.mapToScene(spot)
        self.scale(factor, factor)
        drift = self.mapFromScene(fixed) - spot  # scroll it back under the cursor, to the pixel
        horizontal, vertical = self.horizontalScrollBar(), self.verticalScrollBar()
        horizontal.setValue(horizontal.value() + drift.x())
        vertical.setValue(vertical.value() + drift.y())
        self.zoom_changed.emit(self.scale_factor())

    def actual_size(self) -> None:
        """100 %, centred on the selection (or on what the view showed)."""
        chosen = QRectF()
        for item in self.design_scene.selectedItems():
            chosen = chosen.united(item.sceneBoundingRect())
        centre = chosen.center() if not chosen.isEmpty() else self._view_centre()
        self.resetTransform()
        self.centerOn(centre)
        self.follow_resizes = False
        self.zoom_changed.emit(1.0)

    def _view_centre(self) -> QPointF:
        return self.mapToScene(self.viewport().rect().center())

    def fit(self) -> None:
        """Everything in view, never enlarged beyond 100 %."""
        rect = self.design_scene.itemsBoundingRect()
        if rect.isEmpty():
            self.resetTransform()
            self.zoom_changed.emit(1.0)
            return
        self.fitInView(rect.adjusted(-40, -40, 40, 40), Qt.AspectRatioMode.KeepAspectRatio)
        if self.scale_factor() > 1.0:
            self.resetTransform()
            self.centerOn(rect.center())
        self.zoom_changed.emit(self.scale_factor())

    def fit_readable(self) -> None:
        """Fit all of the design: every component and zone on screen, small names drawn
        large or cut (archdraw.drawing.faces) rather than ends cut off. Until the user
        zooms or pans, the view re-fits when the window is resized (maximised, say)."""
        self.fit()
        self.follow_resizes = True

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.follow_resizes and not self._scrollbar_toggled(event):
            self.fit_readable()
        elif event.oldSize().isValid() and self.showing_design:
            self._keep_selection_in_view()

    def _keep_selection_in_view(self) -> None:
        """A canvas made narrower (an Analyze command widens its dock) keeps the selection on
        screen: kept centred, it hid what was just failed at the edge."""
        chosen = QRectF()
        for item in self.design_scene.selectedItems():
            chosen = chosen.united(item.sceneBoundingRect())
        shown = self.mapToScene(self.viewport().rect()).boundingRect()
        fits = chosen.width() <= shown.width() and chosen.height() <= shown.height()
        if not chosen.isEmpty() and fits and not shown.contains(chosen):
            self.ensureVisible(chosen, 20, 20)

    def _scrollbar_toggled(self, event: QResizeEvent) -> bool:
        """The viewport changed by a scroll bar coming or going, which a fit itself can
        cause: fitting again would bring it back, and so on for ever."""
        extent = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        old, new = event.oldSize(), event.size()
        change = (abs(new.width() - old.width()), abs(new.height() - old.height()))
        return old.isValid() and sorted(change) == [0, extent]

    def centre_on_ids(self, ids: Iterable[str], related: Iterable[str] = ()) -> None:
        """Centre on the elements `ids`. With `related` ones (a finding's), show them all,
        zooming out if need be but not below RELATED_MIN_SCALE (names stay readable);
        when they do not fit even so, `ids` stay centred. From a zoom too far out to read
        them, come in to FOUND_SCALE (or as close as showing them all allows)."""
        main, others = self._rect_of(ids), self._rect_of(related)
        every = main.united(others)
        if every.isEmpty():
            return
        main = every if main.isEmpty() else main
        scale, room = self.scale_factor(), self.viewport().rect().adjusted(40, 40, -40, -40)
        needed = min(room.width() / max(every.width(), 1), room.height() / max(every.height(), 1))
        if not others.isEmpty() and needed < scale and scale > RELATED_MIN_SCALE:
            self.zoom_by(max(needed, RELATED_MIN_SCALE) / scale)
        if scale < FOUND_SCALE and needed > scale:  # too far out to read what was found
            self.zoom_by(min(needed, FOUND_SCALE) / scale)
        fits = needed >= self.scale_factor() * 0.999  # zoom_by's float arithmetic
        self.centerOn(every.center() if fits else main.center())

    def _rect_of(self, ids: Iterable[str]) -> QRectF:
        """What the components, zones and links `ids` cover in the scene."""
        scene, rect = self.design_scene, QRectF()
        for element_id in ids:
            item: QGraphicsItem | None = (
                scene.components.get(element_id)
                or scene.zones.get(element_id)
                or scene.links.get(element_id)
            )
            if item is not None:
                rect = rect.united(item.sceneBoundingRect())
        return rect

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by(1.15 ** (event.angleDelta().y() / 120), event.position())
            event.accept()
            return
        self.follow_resizes = False
        super().wheelEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:
        # Trackpads send native zoom gestures (macOS, Wayland); touch screens send QPinchGesture.
        zoom = Qt.NativeGestureType.ZoomNativeGesture
        if isinstance(event, QNativeGestureEvent) and event.gestureType() == zoom:
            self.zoom_by(1.0 + event.value(), event.position())
            return True
        if event.type() == QEvent.Type.Gesture and isinstance(event, QGestureEvent):
            pinch = event.gesture(Qt.GestureType.PinchGesture)
            if isinstance(pinch, QPinchGesture):
                self.zoom_by(pinch.scaleFactor())
                return True
        return super().viewportEvent(event)

    # Pan and mouse -----------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            return
        if self.interactions.key_press(event):
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            self.viewport().unsetCursor()
            return
        super().keyReleaseEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        panning = event.button() == Qt.MouseButton.MiddleButton or (
            self._space and event.button() == Qt.MouseButton.LeftButton
        )
        if panning:
            self.follow_resizes = False
            self._pan_from = event.position()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        if event.button() == Qt.MouseButton.LeftButton and self._press_marker(event):
            event.accept()
            return
        if event.button() == Qt.MouseButton.LeftButton and self.interactions.press(event):
            event.accept()
            return
        super().mousePressEvent(event)

    def _press_marker(self, event: QMouseEvent) -> bool:
        """A plain click on a findings marker selects what it marks and tells who lists findings."""
        if event.modifiers() != Qt.KeyboardModifier.NoModifier:
            return False
        point = self.mapToScene(event.position().toPoint())
        target = self.design_scene.markers.at(point, self.scale_factor())
        if target is None:
            return False
        self.design_scene.select_ids([target[1]])
        self.design_scene.marker_clicked.emit(*target)
        return True

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            delta = event.position() - self._pan_from
            self._pan_from = event.position()
            horizontal, vertical = self.horizontalScrollBar(), self.verticalScrollBar()
            horizontal.setValue(horizontal.value() - round(delta.x()))
            vertical.setValue(vertical.value() - round(delta.y()))
            return
        if self.interactions.move(event):
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            self._pan_from = None
            self.viewport().unsetCursor()
            return
        if self.interactions.release(event):
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if not self.interactions.double_click(event):
            super().mouseDoubleClickEvent(event)

    # Drops: types from the palette, files from the desktop --------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(TYPE_MIME) or event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasFormat(TYPE_MIME) or event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        data = event.mimeData()
        if data.hasFormat(TYPE_MIME):
            type_id = bytes(data.data(TYPE_MIME).data()).decode()
            point = self.mapToScene(event.position().toPoint())
            zone = self.design_scene.innermost_zone_at(point)
            new_id = self.editing.add_component(type_id, point, zone)
            if new_id:
                self.design_scene.select_ids([new_id])
            event.acceptProposedAction()
        elif data.hasUrls():
            self.files_dropped.emit([url.toLocalFile() for url in data.urls() if url.isLocalFile()])
            event.acceptProposedAction()

    def drawForeground(self, painter: QPainter, area: QRectF | QRect) -> None:
        if self.design_scene.components or self.design_scene.zones:
            return
        painter.save()
        painter.resetTransform()
        self._say(painter)
        painter.restore()

    def _say(self, painter: QPainter) -> None:
        """The busy text, or the empty canvas's hint, across the middle of the viewport."""
        painter.setPen(QColor(self.design_scene.theme.muted_text))
        font = painter.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        painter.setFont(font)
        painter.drawText(
            QRectF(self.viewport().rect()),
            Qt.AlignmentFlag.AlignCenter,
            self.busy_text or empty_canvas_hint(),
        )

    def drawBackground(self, painter: QPainter, area: QRectF | QRect) -> None:
        super().drawBackground(painter, area)
        rect = QRectF(area)
        if not self.show_grid or self.scale_factor() < 0.5:
            return
        pen = QPen(QColor(self.design_scene.theme.grid))
        pen.setCosmetic(True)
        painter.setPen(pen)
        step = GRID_SIZE * (2 if self.scale_factor() < 1 else 1)
        left = int(rect.left() // step) * step
        top = int(rect.top() // step) * step
        columns = int((rect.right() - left) // step) + 1
        rows = int((rect.bottom() - top) // step) + 1
        lines = [
            QLineF(left + i * step, rect.top(), left + i * step, rect.bottom())
            for i in range(columns)
        ]
        lines += [
            QLineF(rect.left(), top + j * step, rect.right(), top + j * step) for j in range(rows)
        ]
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # crisp 1-px lines
        painter.drawLines(lines)  # one call: a hundred drawLine calls cost milliseconds
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
