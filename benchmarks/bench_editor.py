"""Editor speed on generated designs, as ratios against baselines measured in the same run.

Baselines: the bare YAML parse of the same file (libyaml), and a bare
QGraphicsView showing the same number of plain rectangles. Measured: open
to first paint (load, place, build the drawing and the scene, paint once) at
1,000 and 10,000 components; on 5,000: one frame of panning at fit zoom and
at 100 %, one frame of dragging a component (its links re-routed, the view
repainted), and the edit-to-findings update (one property edit, then the
lint run the editor does after it). On a realistic 1,000-component design
(benchmarks/generate.py), a drag of 20 selected components with every link
labelled and with none: a frame, and the drop (labels and courses settled).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_editor.py [--components N]
    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_editor.py --clock cpu --drag-only
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ARCHDRAW_STATE_DIR", tempfile.mkdtemp(prefix="archdraw-bench-"))

import yaml
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QGraphicsScene, QGraphicsView

from archdraw.gui.app import make_app
from archdraw.gui.layout_job import place_unpositioned
from archdraw.gui.main_window import MainWindow
from archdraw.io import dumps, load
from archdraw.library import builtin_library
from archdraw.lint import lint_design
from archdraw.model import Component, Link, Zone, new_design
from archdraw.model.edits import SetProperties
from generate import generate_design

TYPES = ("service", "cache", "database", "queue", "worker", "load_balancer")
VIEW_SIZE = (1600, 1000)
COLUMNS = 80
# Wall time by default; `--clock cpu` counts this process's CPU time (all its threads),
# which is steadier on a shared, loaded machine.
CLOCK: list[Callable[[], float]] = [time.perf_counter]


def generate(count: int) -> str:
    design = new_design("benchmark")
    rows_per_zone = 3  # zones are bands of rows, as a real design's zones are contiguous
    zones = max(1, -(-count // (COLUMNS * rows_per_zone)))
    design.zones = [Zone(id=f"z{i}", label=f"Zone {i}", kind="zone") for i in range(zones)]
    for i in range(count):
        x, y = (i % COLUMNS) * 200.0, (i // COLUMNS) * 120.0
        props = {"replicas": 2, "capacity_rps": 1000.0} if i % 3 else {}
        design.components.append(
            Component(
                id=f"c{i}",
                type=TYPES[i % len(TYPES)],
                label=f"Component {i}",
                zone=f"z{i // COLUMNS // rows_per_zone}",
                position=(x, y),
                props=props,
            )
        )
    for i in range(1, count):
        design.links.append(
            Link(
                source=f"c{i - 1}",
                target=f"c{i}",
                kind="async" if i % 7 == 0 else "sync",
                label="calls" if i % 5 == 0 else None,
            )
        )
    return dumps(design)


def timed(action: Callable[[], object], repeat: int = 1) -> float:
    samples = []
    for _ in range(repeat):
        started = CLOCK[0]()
        action()
        samples.append(CLOCK[0]() - started)
    return statistics.median(samples)


def pan_frame(view: QGraphicsView, frames: int = 15) -> float:
    bar = view.horizontalScrollBar()

    def one() -> None:
        bar.setValue(bar.value() + (40 if bar.value() < bar.maximum() - 50 else -bar.maximum()))
        view.viewport().repaint()

    one()
    return timed(one, frames)


def bare_view(count: int) -> tuple[float, float, float]:
    """First paint, fit-zoom frame and 100 % frame of plain rectangles (the Qt floor)."""
    started = CLOCK[0]()
    scene = QGraphicsScene()
    for i in range(count):
        scene.addRect(QRectF((i % COLUMNS) * 200.0, (i // COLUMNS) * 120.0, 148, 64))
    scene.setSceneRect(scene.itemsBoundingRect().adjusted(-2000, -2000, 2000, 2000))
    view = QGraphicsView(scene)
    view.resize(*VIEW_SIZE)
    view.show()
    QApplication.processEvents()
    view.viewport().repaint()
    first = CLOCK[0]() - started
    view.fitInView(scene.itemsBoundingRect())
    fit = pan_frame(view)
    view.resetTransform()
    full = pan_frame(view)
    view.close()
    return first, fit, full


def first_paint(window: MainWindow, text: str, path: Path) -> float:
    """Open `text` (written to `path`) in the window until the canvas has painted once."""
    path.write_text(text)
    library = window.library
    started = CLOCK[0]()
    loaded = load(path, library)
    place_unpositioned(loaded.design, library)
    window.files.replace(loaded.design, path)
    window.view.viewport().repaint()
    return CLOCK[0]() - started


def drag_frames(view: QGraphicsView, start: QPointF, moves: int) -> list[float]:
    """Press at `start` and move the mouse `moves` times with the button held: the clock
    time of each frame (the move and the repaint it causes). The button stays down."""
    held = Qt.MouseButton.LeftButton
    press(view, QEvent.Type.MouseButtonPress, start, held)
    samples = []
    for step in range(1, moves + 1):
        began = CLOCK[0]()
        press(view, QEvent.Type.MouseMove, start + QPointF(7 * step, 9 * step), held)
        view.viewport().repaint()
        samples.append(CLOCK[0]() - began)
    return samples


def drag_frame(window: MainWindow, component_id: str, moves: int = 20) -> float:
    """One mouse move of a drag (the component's links re-routed) and the repaint it causes."""
    view = window.view
    view.actual_size()
    item = window.scene.components[component_id]
    view.centerOn(item.pos())
    QApplication.processEvents()

    start = QPointF(item.pos())
    held = Qt.MouseButton.LeftButton
    samples = drag_frames(view, start, moves)
    press(view, QEvent.Type.MouseButtonRelease, start + QPointF(7 * moves, 9 * moves), held)
    QApplication.processEvents()
    return statistics.median(samples)


def selection_drag(
    window: MainWindow, labelled: bool, path: Path, count: int = 20, moves: int = 40
) -> tuple[float, float]:
    """Open a realistic 1,000-component design (every link labelled, or none), select `count`
    components from its middle and drag them by `moves` mouse moves: the median frame (the
    move and the repaint it causes) and the drop (release until the canvas is settled)."""
    design = generate_design(1000, seed=1, library=window.library)
    for number, link in enumerate(design.links):
        link.label = f"calls {number}" if labelled else None
    place_unpositioned(design, window.library)
    first_paint(window, dumps(design), path)
    settle(window)
    view, scene = window.view, window.scene
    view.actual_size()
    middle = len(design.components) // 2
    chosen = [c.id for c in design.components[middle : middle + count]]
    scene.select_ids(chosen)
    start = QPointF(scene.components[chosen[0]].pos())
    view.centerOn(start)
    QApplication.processEvents()
    held = Qt.MouseButton.LeftButton
    samples = drag_frames(view, start, moves)
    began = CLOCK[0]()
    press(view, QEvent.Type.MouseButtonRelease, start + QPointF(7 * moves, 9 * moves), held)
    view.viewport().repaint()
    drop = CLOCK[0]() - began
    return statistics.median(samples), drop


def press(view: QGraphicsView, kind: QEvent.Type, scene: QPointF, buttons: Qt.MouseButton) -> None:
    """Send a mouse event of the left button at this scene point to the view."""
    local = QPointF(view.mapFromScene(scene))
    event = QMouseEvent(
        kind,
        local,
        QPointF(view.viewport().mapToGlobal(local.toPoint())),
        Qt.MouseButton.LeftButton,
        buttons,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(view.viewport(), event)


def edit_stalls(window: MainWindow, edits: int = 5) -> tuple[float, float, float]:
    """Property edits made from the event loop, each until its findings are shown: the
    longest the UI thread went without returning to the event loop (wall time, and the
    UI thread's own CPU time, which a busy machine does not inflate), and the median
    wall time from the edit to the findings shown."""
    app = QApplication.instance()
    assert app is not None
    window.lint.run_now()
    settle(window)  # start from findings of the current design
    last = [time.perf_counter(), time.thread_time()]
    worst = [0.0, 0.0]

    def tick() -> None:
        now = [time.perf_counter(), time.thread_time()]
        worst[0] = max(worst[0], now[0] - last[0])
        worst[1] = max(worst[1], now[1] - last[1])
        last[:] = now

    ticker = QTimer()
    ticker.setInterval(0)  # fires once per pass of the event loop
    ticker.timeout.connect(tick)
    counter = iter(range(2, 10_000))
    latencies = []
    ticker.start()
    for _ in range(edits):
        value = next(counter)
        QTimer.singleShot(
            0, lambda value=value: window.editing.apply(SetProperties("c1", {"replicas": value}))
        )
        began = time.perf_counter()
        app.processEvents()
        while window.lint.busy:
            app.processEvents()
        latencies.append(time.perf_counter() - began)
    ticker.stop()
    return worst[0], worst[1], statistics.median(latencies)


def background_open(
    window: MainWindow, path: Path
) -> tuple[float, float, float, bool, tuple[float, float]]:
    """File > Open of a big file, as the editor does it (read, placed and drawn in a
    worker; canvas items made a chunk per pass of the event loop): wall time until the
    canvas is complete, the longest UI-thread stall (wall, UI-thread CPU), whether
    progress was shown, and the pass that then paints the fitted design (wall, CPU)."""
    app = QApplication.instance()
    assert app is not None
    window.document.history.mark_clean()  # nothing to save: no question asked
    last = [time.perf_counter(), time.thread_time()]
    worst = [0.0, 0.0]
    shown = [False]

    def tick() -> None:
        now = [time.perf_counter(), time.thread_time()]
        worst[0] = max(worst[0], now[0] - last[0])
        worst[1] = max(worst[1], now[1] - last[1])
        last[:] = now
        shown[0] = shown[0] or window.files.progress.isVisible()

    ticker = QTimer()
    ticker.setInterval(0)
    ticker.timeout.connect(tick)
    ticker.start()
    began = time.perf_counter()
    last[:] = [began, time.thread_time()]
    window.files.open_path(path)
    while window.files.opening is not None:
        app.processEvents()
    took = time.perf_counter() - began
    ticker.stop()
    painted = [time.perf_counter(), time.thread_time()]
    app.processEvents()  # the fitted design's first paint
    paint = (time.perf_counter() - painted[0], time.thread_time() - painted[1])
    return took, worst[0], worst[1], shown[0], paint


def settle(window: MainWindow) -> None:
    """Let the event loop run until the findings shown are those of the current design."""
    app = QApplication.instance()
    assert app is not None
    while window.lint.busy:
        app.processEvents()
        time.sleep(0.001)
    app.processEvents()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--components", type=int, default=5000)
    parser.add_argument("--open-sizes", default="1000,10000")
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall")
    parser.add_argument("--drag-only", action="store_true", help="only the labelled drag")
    args = parser.parse_args()
    if args.clock == "cpu":
        CLOCK[0] = time.process_time
    app = make_app()
    library = builtin_library()
    folder = Path(tempfile.mkdtemp())
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    window = MainWindow(library, "light")
    window.resize(*VIEW_SIZE)
    window.show()
    app.processEvents()
    window.lint.timer.stop()

    rows: list[tuple[str, float, float | None, str]] = []
    _, _, bare_1000 = bare_view(1000)
    plain = selection_drag(window, False, folder / "drag-plain.archdraw.yaml")
    named = selection_drag(window, True, folder / "drag-labelled.archdraw.yaml")
    rows += [
        ("bare QGraphicsView, 1,000 rectangles: frame at 100 % (baseline)", bare_1000, None, ""),
        (
            "drag 20 of 1,000 (realistic), no link labelled: a frame",
            plain[0],
            plain[0] / bare_1000,
            "<= 16 ms",
        ),
        ("  the drop", plain[1], None, ""),
        ("  every link labelled: a frame", named[0], named[0] / plain[0], "vs unlabelled"),
        ("  the drop", named[1], named[1] / plain[1], "vs unlabelled"),
    ]
    if args.drag_only:
        return report(rows, args.clock)
    opened: dict[int, float] = {}
    stalls: dict[int, tuple[float, float]] = {}
    for size in (int(n) for n in args.open_sizes.split(",")):
        text = generate(size)
        parse = timed(lambda text=text: yaml.load(text, Loader=loader), 3)
        paint = first_paint(window, text, folder / f"open-{size}.archdraw.yaml")
        opened[size] = paint / parse
        rows.append((f"YAML parse, {size} components (baseline)", parse, None, ""))
        rows.append((f"  open to first paint, {size}", paint, paint / parse, "<= 3x at 10,000"))
        stall, stall_cpu, _ = edit_stalls(window)
        stalls[size] = (stall, stall_cpu)
        if size >= 10_000:
            took, wall, cpu, shown, fitted = background_open(
                window, folder / f"open-{size}.archdraw.yaml"
            )
            said = "progress shown" if shown else "NO progress shown"
            rows.append((f"  File > Open in the background, {size}: until drawn", took, None, said))
            rows.append(("    longest UI-thread stall meanwhile (wall)", wall, None, "<= 50 ms"))
            rows.append(("    the same, UI-thread CPU time", cpu, None, "<= 50 ms"))
            rows.append(("    then the first paint, fitted (wall)", fitted[0], None, "<= 50 ms"))
            rows.append(("    the same, UI-thread CPU time", fitted[1], None, "<= 50 ms"))

    n = args.components
    _, bare_fit, bare_full = bare_view(n)
    text = generate(n)
    parse = timed(lambda: yaml.load(text, Loader=loader), 3)
    first_paint(window, text, folder / "bench.archdraw.yaml")
    settle(window)
    window.view.fit()
    fit_frame = pan_frame(window.view)
    fit_scale = window.view.scale_factor()
    window.view.actual_size()
    full_frame = pan_frame(window.view)
    drag = drag_frame(window, f"c{n // 2 + COLUMNS // 2}")
    counter = iter(range(2, 10_000))

    def edit_to_findings() -> None:
        """From the edit to the findings shown (lint runs in a worker; the UI stays live)."""
        window.editing.apply(SetProperties("c1", {"replicas": next(counter)}))
        settle(window)
        window.view.viewport().repaint()

    edit_to_findings()  # the worker's copy of the design is made once, after opening
    update = timed(edit_to_findings, 9)  # the worker shares the CPU: a steadier median
    stall, stall_cpu, _ = edit_stalls(window)
    stalls[n] = (stall, stall_cpu)
    bare_lint = timed(lambda: lint_design(window.document.design, library), 3)
    findings = len(window.lint.findings)
    window.document.history.mark_clean()  # nothing to save: closing does not ask
    window.close()

    rows += [
        (f"YAML parse, {n} components (baseline)", parse, None, ""),
        (f"bare QGraphicsView, {n} rectangles: frame at fit (baseline)", bare_fit, None, ""),
        ("  frame at 100 % (baseline)", bare_full, None, ""),
        (
            f"editor frame at fit zoom ({fit_scale * 100:.0f} %)",
            fit_frame,
            fit_frame / bare_fit,
            "<= 16 ms",
        ),
        ("editor frame at 100 %", full_frame, full_frame / bare_full, "<= 16 ms"),
        ("drag one component, links re-routed, a frame", drag, drag / bare_full, "<= 16 ms"),
        ("lint_design alone (the rules engine)", bare_lint, None, ""),
        (f"property edit to findings shown ({findings})", update, update / bare_lint, "<= 50 ms"),
    ]
    for size, (wall, cpu) in sorted(stalls.items()):
        rows.append((f"longest UI-thread stall in an edit, {size} (wall)", wall, None, "<= 50 ms"))
        rows.append(("  the same, UI-thread CPU time", cpu, None, "<= 50 ms"))
    return report(rows, args.clock)


def report(rows: list[tuple[str, float, float | None, str]], clock: str) -> int:
    print(
        f"archdraw editor benchmark: Python {sys.version.split()[0]}, {clock} clock; "
        "ratios: opening against the YAML parse, frames against the bare view's 100 % "
        "frame (fit: its fit frame), the edit against lint alone, the labelled drag against "
        "the same drag unlabelled"
    )
    for name, seconds, ratio, goal in rows:
        suffix = "" if ratio is None else f"   ratio {ratio:6.2f}x"
        print(f"  {name:<62} {seconds * 1000:9.1f} ms{suffix}   {goal}")
    return 0


if __name__ == "__main__":
    QApplication.setApplicationName("archdraw-bench")
    raise SystemExit(main())
