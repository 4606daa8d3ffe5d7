"""Builds archdraw's installable artifacts. Run from anywhere with the project's Python:

    python packaging/build.py bundle      PyInstaller one-folder bundle (any OS) + pip freeze
    python packaging/build.py icons       PNG/ICO icons from packaging/archdraw.svg (any OS)
    python packaging/build.py linux       bundle, .tar.gz and .deb, then check the .deb
    python packaging/build.py check-deb   install the .deb into a throwaway root and check it

Everything lands in dist/. The GitHub workflow (.github/workflows/release.yml)
calls the same commands on Windows and macOS; the Linux artifacts are built
and checked by the test command when CI is set.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"
BUILD = ROOT / "build"
ICON_SIZES = (16, 32, 64, 128, 256, 512)


def version() -> str:
    text = (ROOT / "src" / "archdraw" / "__init__.py").read_text("utf-8")
    found = re.search(r'__version__ = "([^"]+)"', text)
    if found is None:
        raise SystemExit("build: no __version__ in src/archdraw/__init__.py")
    return found.group(1)


def run(*command: str | Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    print("+", " ".join(str(c) for c in command), flush=True)
    return subprocess.run([str(c) for c in command], check=True, text=True, **kwargs)  # type: ignore[call-overload]


def icons() -> Path:
    """Render the SVG icon to PNGs (and an .ico) with Qt, which every build machine has."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    out = BUILD / "icons"
    out.mkdir(parents=True, exist_ok=True)
    renderer = QSvgRenderer(str(ROOT / "packaging" / "archdraw.svg"))
    for size in ICON_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        image.save(str(out / f"{size}.png"))
        if size == 256:
            image.save(str(out / "archdraw.ico"))  # Qt's ICO writer: one 256 px image
    if sys.platform == "darwin":
        iconset = out / "archdraw.iconset"
        iconset.mkdir(exist_ok=True)
        for size in ICON_SIZES[:-1]:
            shutil.copy(out / f"{size}.png", iconset / f"icon_{size}x{size}.png")
            shutil.copy(out / f"{size * 2}.png", iconset / f"icon_{size}x{size}@2x.png")
        run("iconutil", "-c", "icns", iconset, "-o", out / "archdraw.icns")
    return out


def bundle() -> Path:
    """dist/archdraw/: the PyInstaller one-folder bundle, with the pip freeze it was built from."""
    BUILD.mkdir(exist_ok=True)
    freeze = run(sys.executable, "-m", "pip", "freeze", "--exclude-editable", capture_output=True)
    (BUILD / "pip-freeze.txt").write_text(f"# archdraw {version()}\n{freeze.stdout}")
    icons()
    started = time.monotonic()
    run(
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level=WARN",
        "--distpath",
        DIST,
        "--workpath",
        BUILD / "pyinstaller",
        ROOT / "packaging" / "pyinstaller" / "archdraw.spec",
    )
    print(f"build: bundle in {time.monotonic() - started:.0f} s", flush=True)
    return DIST / "archdraw"


def tarball(folder: Path) -> Path:
    target = DIST / f"archdraw-{version()}-linux-{_machine()}.tar.gz"
    with tarfile.open(target, "w:gz", compresslevel=6) as archive:
        archive.add(folder, arcname=f"archdraw-{version()}")
    return target


def _machine() -> str:
    return subprocess.run(["uname", "-m"], capture_output=True, text=True).stdout.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="packaging/build.py", description=__doc__.split("\n")[0])
    parser.add_argument("what", choices=("bundle", "icons", "linux", "check-deb"))
    args = parser.parse_args(argv)
    if args.what == "icons":
        print(icons())
        return 0
    if args.what == "bundle":
        print(bundle())
        return 0
    sys.path.insert(0, str(ROOT / "packaging" / "linux"))
    import deb

    if args.what == "linux":
        started = time.monotonic()
        folder = bundle()
        archive = tarball(folder)
        package = deb.build(folder, version(), BUILD / "icons", DIST)
        print(f"build: {archive.name} {_mib(archive)}, {package.name} {_mib(package)}")
        print(f"build: Linux artifacts in {time.monotonic() - started:.0f} s", flush=True)
        return deb.check(package, version())
    package = DIST / deb.package_name(version())
    if not package.exists():
        raise SystemExit(f"build: {package} is not there; run `packaging/build.py linux` first")
    return deb.check(package, version())


def _mib(path: Path) -> str:
    return f"{path.stat().st_size / 2**20:.1f} MiB"


if __name__ == "__main__":
    raise SystemExit(main())
