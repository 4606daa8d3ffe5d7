"""A link's visible course: a polyline from the source's border to the arrow's tip."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

from archdraw.layout import Rect

ARROW_LENGTH = 10.0
ARROW_HALF_WIDTH = 4.5

Point = tuple[float, float]


@dataclass(frozen=True)
class LinkPath:
    """The polyline ends with the arrow's tip on the target's border."""

    points: tuple[Point, ...]

    @property
    def start(self) -> Point:
        return self.points[0]

    @property
    def end(self) -> Point:
        return self.points[-1]

    @cached_property  # asked once a point along it: a label tries several
    def length(self) -> float:
        return sum(math.dist(a, b) for a, b in zip(self.points, self.points[1:], strict=False))

    def at(self, fraction: float) -> Point:
        """The point `fraction` of the way along the path."""
        remaining = max(0.0, min(1.0, fraction)) * self.length
        for a, b in zip(self.points, self.points[1:], strict=False):
            step = math.dist(a, b)
            if step >= remaining and step > 0:
                t = remaining / step
                return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
            remaining -= step
        return self.end

    @property
    def direction(self) -> Point:
        """The unit direction the arrow points in (from one arrow length back to the tip)."""
        back = self.at(1 - ARROW_LENGTH / max(self.length, ARROW_LENGTH))
        dx, dy = self.end[0] - back[0], self.end[1] - back[1]
        length = math.hypot(dx, dy) or 1.0
        return (dx / length, dy / length)

    def until_arrow(self) -> tuple[Point, ...]:
        """The points up to the arrowhead's base, where the line stops."""
        keep = self.length - ARROW_LENGTH
        result = [self.start]
        walked = 0.0
        for a, b in zip(self.points, self.points[1:], strict=False):
            step = math.dist(a, b)
            if walked + step >= keep:
                t = (keep - walked) / step if step else 0.0
                result.append((a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t))
                return tuple(result)
            result.append(b)
            walked += step
        return tuple(result)

    def arrowhead(self) -> tuple[Point, Point, Point]:
        """The arrowhead's triangle: tip, left and right corners of its base."""
        ux, uy = self.direction
        tip = self.end
        base = (tip[0] - ux * ARROW_LENGTH, tip[1] - uy * ARROW_LENGTH)
        left = (base[0] - uy * ARROW_HALF_WIDTH, base[1] + ux * ARROW_HALF_WIDTH)
        right = (base[0] + uy * ARROW_HALF_WIDTH, base[1] - ux * ARROW_HALF_WIDTH)
        return (tip, left, right)

    def bounds(self) -> Rect:
        xs = [p[0] for p in self.points]
        ys = [p[1] for p in self.points]
        return Rect(min(xs), min(ys), max(xs), max(ys))


def border_point(box: Rect, inside: Point, toward: Point) -> Point:
    """Where the ray from `inside` toward `toward` leaves `box`."""
    (cx, cy), (tx, ty) = inside, toward
    dx, dy = tx - cx, ty - cy
    scales = []
    if dx:
        scales.append(max((box.x1 - cx) / dx, (box.x0 - cx) / dx))
    if dy:
        scales.append(max((box.y1 - cy) / dy, (box.y0 - cy) / dy))
    scale = min((s for s in scales if s > 0), default=0.0)
    return (cx + dx * scale, cy + dy * scale)


def straight_path(source: Rect, target: Rect, offset: float) -> LinkPath | None:
    """The straight segment between two boxes, shifted sideways by `offset` for parallel links."""
    (sx, sy), (tx, ty) = source.centre, target.centre
    dx, dy = tx - sx, ty - sy
    length = math.hypot(dx, dy)
    if length < 1 or source.intersects(target):
        return None
    nx, ny = -dy / length * offset, dx / length * offset
    start = border_point(source, (sx + nx, sy + ny), (tx + nx, ty + ny))
    end = border_point(target, (tx + nx, ty + ny), (sx + nx, sy + ny))
    path = LinkPath((start, end))
    return path if path.length > ARROW_LENGTH * 1.5 else None


def simplified(points: list[Point]) -> list[Point]:
    """The polyline without repeated points and without points in the middle of a straight run."""
    result = [points[0]]
    for point in points[1:]:
        if math.dist(point, result[-1]) <= 0.01:
            continue
        if len(result) >= 2 and _collinear(result[-2], result[-1], point):
            result[-1] = point
        else:
            result.append(point)
    return result


def _collinear(a: Point, b: Point, c: Point) -> bool:
    cross = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
    forward = (b[0] - a[0]) * (c[0] - b[0]) + (b[1] - a[1]) * (c[1] - b[1]) > 0
    return abs(cross) <= 0.05 * max(1.0, math.dist(a, c)) and forward
