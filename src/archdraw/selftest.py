"""`archdraw self-test`: checks that an installed archdraw works, end to end, in under 30 s.

Every package, bundle and installer is checked with it: it opens an editor
window on a sample (offscreen when there is no display), saves and reloads
the design, lints it, runs an analysis, lays it out and exports PNG and SVG,
and reports each step with its time. It touches no network: any attempt to
open a connection fails the step that made it. Exit 0 when every step
passed, 1 otherwise (also when the 30 s limit runs out).
"""

from __future__ import annotations

import os
import platform
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from archdraw import __version__

TIME_LIMIT_S = 30


def plural(count: int, word: str) -> str:
    """`archdraw.source.printable.plural`, imported when a check reports (`--version` must not
    load the packages behind it)."""
    from archdraw.source.printable import plural as counted

    return counted(count, word)


SAMPLE = "twitter"


class NetworkUsed(RuntimeError):
    pass


@dataclass
class Step:
    name: str
    seconds: float
    error: str | None = None
    detail: str = ""


class _Watchdog:
    """Ends the process when the time limit runs out, naming the step that ran over (a
    step stuck in native code cannot be interrupted, so this is the only sure way out)."""

    def __init__(self, limit_s: float, stream: Any) -> None:
        self.step = "getting ready"
        self.stream = stream
        self.timer = threading.Timer(limit_s, self._expire, args=(limit_s,))
        self.timer.daemon = True

    def _expire(self, limit_s: float) -> None:
        print(
            f"self-test FAILED: the {limit_s:g} s limit ran out during step '{self.step}'",
            file=self.stream,
            flush=True,
        )
        os._exit(1)


WATCHDOG: _Watchdog | None = None


@dataclass
class _State:
    work: Path
    sample: Path
    design: Any = None
    library: Any = None


@contextmanager
def _no_network() -> Iterator[None]:
    """Any connection or name lookup during the self-test is a failure, not a hang."""

    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise NetworkUsed("the self-test tried to use the network")

    saved = socket.socket.connect, socket.getaddrinfo, socket.create_connection
    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.getaddrinfo = refuse
    socket.create_connection = refuse
    try:
        yield
    finally:
        socket.socket.connect, socket.getaddrinfo, socket.create_connection = saved  # type: ignore[method-assign]


def no_display() -> bool:
    """True on Linux when neither an X nor a Wayland display is there to draw on (Qt's
    own platforms need one; the offscreen platform does not)."""
    return sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )


def _headless_if_needed() -> str:
    """Use Qt's offscreen platform where no display is there to draw on."""
    if no_display():
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return os.environ.get("QT_QPA_PLATFORM", "native")


def _load(state: _State) -> str:
    from archdraw.io import load
    from archdraw.library import builtin_library

    state.library = builtin_library()
    state.design = load(state.sample, state.library).design
    return f"{state.sample.name}: {plural(len(state.design.components), 'component')}"


def _save_and_reload(state: _State) -> str:
    from archdraw.io import load, save

    target = state.work / "saved.archdraw.yaml"
    save(state.design, target)
    again = load(target, state.library).design
    if again != state.design:
        raise AssertionError("the saved design does not load back equal to the original")
    return f"{target.stat().st_size:,} bytes, loads back equal"


def _lint(state: _State) -> str:
    from archdraw.lint import lint_design

    findings = lint_design(state.design, state.library)
    return f"{len(findings)} findings"


def _analyze(state: _State) -> str:
    from archdraw.analysis import run_analysis

    report = run_analysis(state.design, state.library, growth=10.0, weakest=True)
    if report.weakest is None:
        raise AssertionError("the analysis ranked no weak points")
    return f"{plural(len(report.weakest), 'weak point')} ranked, growth checked at 10x"


def _layout(state: _State) -> str:
    from archdraw.layout import auto_layout

    result = auto_layout(state.design, state.library, full=True, timeout_s=10.0)
    if len(result.positions) != len(state.design.components):
        raise AssertionError(f"placed {len(result.positions)} of the components")
    return f"{plural(len(result.positions), 'component')} placed by {result.engine}"


def _export(state: _State, fmt: str) -> str:
    from archdraw.export.registry import export_design

    data = export_design(state.design, state.library, fmt)
    raw = data.encode() if isinstance(data, str) else data
    expected = b"\x89PNG" if fmt == "png" else b"<svg"
    if expected not in raw[:512]:
        raise AssertionError(f"the {fmt} export does not start like a {fmt} file")
    (state.work / f"export.{fmt}").write_bytes(raw)
    return f"{len(raw):,} bytes"


def _window(state: _State) -> str:
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from archdraw.gui.app import make_app
    from archdraw.gui.main_window import MainWindow

    # The offscreen platform warns that it cannot resize to size hints; that says nothing
    # about archdraw and would read as a problem in the report. Other messages pass.
    previous = None

    def quiet(kind: Any, context: Any, message: str) -> None:
        if "propagateSizeHints" not in message:
            if previous is not None:
                previous(kind, context, message)
            else:
                print(message, file=sys.stderr)

    previous = qInstallMessageHandler(quiet)
    app = make_app()
    window = MainWindow(state.library)
    try:
        window.show()
        if not window.files.open_path(state.sample):
            raise AssertionError(f"the editor could not open {state.sample.name}")
        deadline = time.monotonic() + 1.0
        while time.monotonic() < deadline:
            QApplication.processEvents()
            time.sleep(0.01)
        shown = len(window.scene.components)
        if shown != len(state.design.components):
            raise AssertionError(f"the canvas shows {shown} of the components")
        picture = window.grab()
        if picture.isNull() or picture.width() < 100:
            raise AssertionError("the window could not be drawn")
        picture.save(str(state.work / "window.png"))
        return (
            f"{plural(shown, 'component')} on the canvas, {picture.width()}x{picture.height()} px"
        )
    finally:
        window.close()
        app.processEvents()
        qInstallMessageHandler(previous)


def _steps(state: _State) -> list[tuple[str, Callable[[], str]]]:
    return [
        ("load a sample", lambda: _load(state)),
        ("open an editor window", lambda: _window(state)),
        ("save and reload", lambda: _save_and_reload(state)),
        ("lint", lambda: _lint(state)),
        ("analyse (weakest points, 10x growth)", lambda: _analyze(state)),
        ("lay out", lambda: _layout(state)),
        ("export SVG", lambda: _export(state, "svg")),
        ("export PNG", lambda: _export(state, "png")),
    ]


def run_self_test(out: Any = None) -> list[Step]:
    from archdraw.io.samples import sample_dir
    from archdraw.source import printable

    stream = out or sys.stdout
    platform_name = _headless_if_needed()
    print(
        f"archdraw self-test {__version__} (Python {platform.python_version()}, "
        f"{sys.platform}, Qt platform {platform_name})",
        file=stream,
        flush=True,
    )
    results: list[Step] = []
    with tempfile.TemporaryDirectory(prefix="archdraw-self-test-") as work, _no_network():
        state = _State(Path(work), sample_dir() / f"{SAMPLE}.archdraw.yaml")
        for name, run in _steps(state):
            if WATCHDOG is not None:
                WATCHDOG.step = name
            start = time.perf_counter()
            try:
                detail, error = run(), None
            except Exception as exc:  # every failure is reported, never a traceback
                detail, error = "", f"{type(exc).__name__}: {exc}"
            step = Step(name, time.perf_counter() - start, error, detail)
            results.append(step)
            status = "ok  " if error is None else "FAIL"
            note = printable(error or detail)  # an error can quote a file: escaped
            print(
                f"  {status} {name:<38} {step.seconds * 1000:7.0f} ms  {note}",
                file=stream,
                flush=True,
            )
            if error is not None and state.design is None:
                break  # nothing else can run without the design
    return results


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    if args:
        from archdraw.source import printable  # here: `archdraw --version` reads no YAML

        got = printable(" ".join(args))
        print(f"archdraw self-test: takes no arguments (got {got})", file=sys.stderr)
        return 2
    global WATCHDOG
    WATCHDOG = _Watchdog(TIME_LIMIT_S, sys.stdout)
    WATCHDOG.timer.start()
    start = time.perf_counter()
    try:
        steps = run_self_test()
    finally:
        WATCHDOG.timer.cancel()
        WATCHDOG = None
    failed = [s for s in steps if s.error]
    total = time.perf_counter() - start
    if failed or len(steps) < len(_steps(_State(Path(), Path()))):
        print(f"self-test FAILED: {len(failed)} of {len(steps)} steps in {total:.1f} s")
        return 1
    print(f"self-test passed: {len(steps)} steps in {total:.1f} s")
    return 0
