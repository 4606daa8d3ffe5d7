"""Link routes that go round boxes instead of through them, from Graphviz with pinned positions.

`neato -n2` keeps every component exactly where the design puts it and only
routes the edges: orthogonally (`splines=ortho`, fast, the look of a drawn
architecture diagram), or, where Graphviz's ortho router fails on a graph (it
can abort), as curves round the boxes (`splines=true`, slow: 0.8 s at 100
components, 22 s at 300, so only for small designs). Without Graphviz, for
very large designs, or when it takes too long, links are drawn straight.
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping, Sequence

from archdraw.layout.graphviz_engine import EngineFailed, find_program, run_program
from archdraw.model import Design
from archdraw.style import NODE_HEIGHT, NODE_WIDTH

Point = tuple[float, float]
MAX_ROUTED_COMPONENTS = 1_500
MAX_CURVED_LINKS = 150
ROUTING_TIMEOUT_S = 10.0
SAMPLES_PER_CURVE = 12


def route_links(
    design: Design, positions: Mapping[str, Point], timeout_s: float = ROUTING_TIMEOUT_S
) -> dict[int, list[Point]]:
    """Polylines (sampled curves, in pixels) by index into design.links; {} when not routed."""
    program = find_program("neato")
    if program is None or len(positions) > MAX_ROUTED_COMPONENTS:
        return {}
    ids = [c.id for c in design.components if c.id in positions]
    names = {component_id: f"n{index}" for index, component_id in enumerate(ids)}
    wanted: list[tuple[int, str, str]] = [
        (index, names[link.source], names[link.target])
        for index, link in enumerate(design.links)
        if link.source in names and link.target in names and link.source != link.target
    ]
    if not wanted:
        return {}
    lines = [
        "digraph routes {",
        "outputorder=edgesfirst",
        f"node [shape=box fixedsize=true width={NODE_WIDTH / 72:.4f} "
        f'height={NODE_HEIGHT / 72:.4f} label=""]',
        "edge [dir=none]",
    ]
    # neato's y axis points up: flip, and read the offset back from node n0.
    lines.extend(f'{names[c]} [pos="{positions[c][0]:.2f},{-positions[c][1]:.2f}!"]' for c in ids)
    lines.extend(f"{source}->{target}" for _, source, target in wanted)
    lines.append("}")
    source = "\n".join(lines)
    deadline = time.monotonic() + timeout_s
    styles = ["ortho", "true"] if len(wanted) <= MAX_CURVED_LINKS else ["ortho"]
    for style in styles:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        arguments = ["-n2", "-Tplain", f"-Gsplines={style}"]
        try:
            output = run_program(program, source, arguments, remaining, None)
        except (EngineFailed, OSError):
            continue
        routes = _parse_edges(output, wanted, positions[ids[0]])
        if routes:
            return routes
    return {}


def _parse_edges(
    output: str, wanted: Sequence[tuple[int, str, str]], first_centre: Point
) -> dict[int, list[Point]]:
    queue: dict[tuple[str, str], list[int]] = {}
    for index, source, target in wanted:
        queue.setdefault((source, target), []).append(index)
    origin: Point | None = None
    routes: dict[int, list[Point]] = {}
    raw: list[tuple[int, list[Point]]] = []
    try:
        for line in output.splitlines():
            parts = line.split()
            if parts[:2] == ["node", "n0"]:
                x, y = float(parts[2]) * 72, float(parts[3]) * 72
                origin = (first_centre[0] - x, first_centre[1] + y)
            elif parts and parts[0] == "edge":
                pending = queue.get((parts[1], parts[2]))
                if not pending:
                    continue
                count = int(parts[3])
                values = [float(v) * 72 for v in parts[4 : 4 + 2 * count]]
                raw.append((pending.pop(0), list(zip(values[::2], values[1::2], strict=True))))
    except (ValueError, IndexError):
        return {}
    if origin is None:
        return {}
    for index, controls in raw:
        points = [(origin[0] + x, origin[1] - y) for x, y in controls]
        if len(points) >= 4 and (len(points) - 1) % 3 == 0:
            routes[index] = sample_bezier(points)
    return routes


def sample_bezier(controls: Sequence[Point]) -> list[Point]:
    """A polyline through a piecewise cubic Bézier (Graphviz's 3n+1 control points)."""
    points = [controls[0]]
    for start in range(0, len(controls) - 1, 3):
        p0, p1, p2, p3 = controls[start : start + 4]
        for step in range(1, SAMPLES_PER_CURVE + 1):
            t = step / SAMPLES_PER_CURVE
            a, b, c, d = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t**2, t**3
            points.append(
                (
                    a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
                    a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1],
                )
            )
    return _without_repeats(points)


def _without_repeats(points: list[Point]) -> list[Point]:
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
