"""The Debian package: built with dpkg-deb from the PyInstaller bundle, and checked.

The bundle carries Python, Qt and the Python packages; what it does not carry
are the system libraries Qt's xcb platform plugin loads (libxcb-cursor0 above
all: without it Qt 6 aborts at start-up, the most common Qt-on-Linux
failure). The package declares them in Depends, and the check proves the list
complete: every library the bundle's binaries resolve outside the bundle
must come from a declared package (or from one every Debian system has).
Desktop integration (menu entry, MIME type, icons) is left to dpkg's file
triggers of shared-mime-info, desktop-file-utils and the icon cache, so the
package needs no maintainer scripts.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
APP_ID = "dev.archdraw.Archdraw"
DEPENDS = (
    "libc6",
    "libdbus-1-3",
    "libdrm2",
    "libegl1",
    "libfontconfig1",
    "libfreetype6",
    "libgl1",
    "libglib2.0-0",
    "libopengl0",
    "libwayland-client0",
    "libwayland-cursor0",
    "libwayland-egl1",
    "libx11-6",
    "libx11-xcb1",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-image0",
    "libxcb-keysyms1",
    "libxcb-randr0",
    "libxcb-render-util0",
    "libxcb-render0",
    "libxcb-shape0",
    "libxcb-shm0",
    "libxcb-sync1",
    "libxcb-xfixes0",
    "libxcb-xinerama0",
    "libxcb-xkb1",
    "libxcb1",
    "libxkbcommon-x11-0",
    "libxkbcommon0",
)
RECOMMENDS = ("graphviz", "fonts-dejavu-core")
# Packages of priority "required": on every Debian system, never declared.
ALWAYS_THERE = {"libc6", "libgcc-s1", "libstdc++6", "zlib1g", "libzstd1", "liblzma5", "libbz2-1.0"}


def package_name(version: str) -> str:
    return f"archdraw_{version}_{_arch()}.deb"


def _arch() -> str:
    return subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()


def build(bundle: Path, version: str, icons: Path, dist: Path) -> Path:
    with tempfile.TemporaryDirectory(prefix="archdraw-deb-") as work:
        root = Path(work)
        shutil.copytree(bundle, root / "opt" / "archdraw", symlinks=True)
        (root / "usr" / "bin").mkdir(parents=True)
        (root / "usr" / "bin" / "archdraw").symlink_to("../../opt/archdraw/archdraw")
        share = root / "usr" / "share"
        _install(HERE / f"{APP_ID}.desktop", share / "applications")
        _install(HERE / f"{APP_ID}.xml", share / "mime" / "packages")
        _install(HERE / f"{APP_ID}.metainfo.xml", share / "metainfo")
        hicolor = share / "icons" / "hicolor"
        _install(HERE.parent / "archdraw.svg", hicolor / "scalable" / "apps", f"{APP_ID}.svg")
        for size in (32, 64, 128, 256):
            folder = hicolor / f"{size}x{size}" / "apps"
            _install(icons / f"{size}.png", folder, f"{APP_ID}.png")
        _install(HERE.parents[1] / "LICENSE", share / "doc" / "archdraw", "copyright")
        size_kib = sum(p.stat().st_size for p in root.rglob("*") if p.is_file()) // 1024
        (root / "DEBIAN").mkdir()
        (root / "DEBIAN" / "control").write_text(_control(version, size_kib))
        for path in root.rglob("*"):
            if not path.is_symlink():
                path.chmod(0o755 if path.is_dir() or os.access(path, os.X_OK) else 0o644)
        target = dist / package_name(version)
        subprocess.run(
            ["dpkg-deb", "--root-owner-group", "-Zzstd", "--build", str(root), str(target)],
            check=True,
        )
    return target


def _install(source: Path, folder: Path, name: str | None = None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, folder / (name or source.name))


def _control(version: str, size_kib: int) -> str:
    return (
        f"Package: archdraw\nVersion: {version}\nArchitecture: {_arch()}\n"
        "Maintainer: The archdraw developers <archdraw@users.noreply.github.com>\n"
        f"Installed-Size: {size_kib}\nDepends: {', '.join(DEPENDS)}\n"
        f"Recommends: {', '.join(RECOMMENDS)}\nSection: graphics\nPriority: optional\n"
        "Homepage: https://github.com/archdraw/archdraw\n"
        "Description: editor for system-design diagrams that understands what it draws\n"
        " A canvas of typed components (load balancers, caches, queues, databases,\n"
        " CDNs, gateways, services, LLM endpoints), a rules engine that reviews the\n"
        " design as you draw and explains each finding, and analysis of failures and\n"
        " growth. Designs are YAML files; the same checks run on the command line.\n"
    )


# Checking ----------------------------------------------------------------------------------
def check(package: Path, version: str) -> int:
    """Install into a throwaway root (dpkg-deb -x), then run what a user runs."""
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="archdraw-deb-check-") as work:
        root = Path(work) / "root"
        subprocess.run(["dpkg-deb", "-x", str(package), str(root)], check=True)
        field = subprocess.run(
            ["dpkg-deb", "-f", str(package), "Version", "Depends"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        _expect(f"Version: {version}" in field, f"the .deb's version is not {version}", failures)
        depends = next(line for line in field.splitlines() if line.startswith("Depends:"))
        declared = {d.strip().split(" ")[0] for d in depends.removeprefix("Depends:").split(",")}
        failures += _undeclared_libraries(root / "opt" / "archdraw", declared)
        env = _env(root, Path(work))
        archdraw = root / "usr" / "bin" / "archdraw"
        shown = subprocess.run(
            [str(archdraw), "--version"], capture_output=True, text=True, env=env
        )
        _expect(
            shown.stdout.strip() == f"archdraw {version}", f"--version: {shown.stdout!r}", failures
        )
        offscreen = dict(env, QT_QPA_PLATFORM="offscreen")
        offscreen.pop("DISPLAY", None)
        test = subprocess.run([str(archdraw), "self-test"], env=offscreen, timeout=120)
        _expect(test.returncode == 0, "self-test failed in the installed package", failures)
        from desktop_open import open_through_mime

        failures += open_through_mime(root, Path(work), env)
    for failure in failures:
        print(f"check-deb: FAILED: {failure}", flush=True)
    if not failures:
        print(f"check-deb: {package.name} installs, self-tests and opens designs", flush=True)
    return 1 if failures else 0


def _expect(condition: bool, message: str, failures: list[str]) -> None:
    if not condition:
        failures.append(message)


def _env(root: Path, work: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{root / 'usr' / 'bin'}:{env.get('PATH', '/usr/bin:/bin')}"
    env["ARCHDRAW_STATE_DIR"] = str(work / "state")
    env["XDG_CONFIG_HOME"] = str(work / "config")
    return env


def _undeclared_libraries(bundle: Path, depends: set[str]) -> list[str]:
    """Libraries the bundle's binaries link directly from the system, not provided by Depends.

    Only direct dependencies (DT_NEEDED) count: what those libraries need in turn
    comes with their own packages' dependencies.
    """
    started = time.monotonic()
    outside: set[str] = set()
    missing: set[str] = set()
    binaries = [
        p for p in bundle.rglob("*") if p.is_file() and (".so" in p.name or p.name == "archdraw")
    ]
    bundled = {p.name for p in binaries}
    for binary in binaries:
        needed = _needed(binary) - bundled
        if not needed:
            continue
        listing = subprocess.run(["ldd", str(binary)], capture_output=True, text=True).stdout
        for line in listing.splitlines():
            name, _, rest = line.strip().partition(" => ")
            if name not in needed:
                continue
            if rest.startswith("not found"):
                missing.add(name)
            elif rest.startswith("/") and str(bundle) not in rest:
                outside.add(os.path.realpath(rest.split(" (")[0]))
    owners = subprocess.run(
        ["dpkg", "-S", *sorted(outside)], capture_output=True, text=True
    ).stdout.splitlines()
    packages = {line.split(":")[0] for line in owners if ":" in line}
    declared = depends | ALWAYS_THERE
    problems = [
        f"a bundled binary needs {name}, which is not installed" for name in sorted(missing)
    ]
    problems += [
        f"the bundle loads a library of {p}, not in Depends" for p in sorted(packages - declared)
    ]
    print(
        f"check-deb: {len(binaries)} binaries load {len(outside)} system libraries from "
        f"{len(packages)} packages ({time.monotonic() - started:.0f} s)",
        flush=True,
    )
    return problems


def _needed(binary: Path) -> set[str]:
    dump = subprocess.run(["objdump", "-p", str(binary)], capture_output=True, text=True).stdout
    return {line.split()[1] for line in dump.splitlines() if line.strip().startswith("NEEDED")}
