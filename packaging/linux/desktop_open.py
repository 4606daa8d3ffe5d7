"""Open a design the way a desktop does: MIME type, default application, its Exec line.

Used by the .deb check on the throwaway root: the shared-mime-info type must
claim `*.archdraw.yaml`, the desktop file must be the default for that type,
and its Exec line, run under Xvfb, must show an editor window with the design
(a screenshot is kept in dist/ to look at).
"""

from __future__ import annotations

import configparser
import os
import shlex
import shutil
import subprocess
import time
from pathlib import Path

from deb import APP_ID

MIME_TYPE = "application/x-archdraw+yaml"
DIST = Path(__file__).resolve().parents[2] / "dist"


def open_through_mime(root: Path, work: Path, env: dict[str, str]) -> list[str]:
    failures: list[str] = []
    share = root / "usr" / "share"
    env = dict(env, XDG_DATA_DIRS=f"{share}:/usr/share", XDG_DATA_HOME=str(work / "data"))
    # With the throwaway root on XDG_DATA_DIRS, update-mime-database does not print its
    # "not in the search path" note into the check's report.
    subprocess.run(["update-mime-database", str(share / "mime")], check=True, env=env)
    subprocess.run(["update-desktop-database", str(share / "applications")], check=True, env=env)
    env.pop("XDG_CURRENT_DESKTOP", None)
    design = work / "checkout.archdraw.yaml"
    shutil.copy(
        root
        / "opt"
        / "archdraw"
        / "_internal"
        / "archdraw"
        / "_data"
        / "sample_designs"
        / "twitter.archdraw.yaml",
        design,
    )
    kind = _query(["xdg-mime", "query", "filetype", str(design)], env)
    if kind != MIME_TYPE:
        return [f"xdg-mime says {design.name} is {kind!r}, not {MIME_TYPE}"]
    default = _query(["xdg-mime", "query", "default", MIME_TYPE], env)
    if default != f"{APP_ID}.desktop":
        return [f"the default application for {MIME_TYPE} is {default!r}"]
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(share / "applications" / default)
    command = [a.replace("%f", str(design)) for a in shlex.split(entry["Desktop Entry"]["Exec"])]
    xvfb, display = _start_xvfb()
    app = None
    try:
        env["DISPLAY"] = display
        env.pop("QT_QPA_PLATFORM", None)
        app = subprocess.Popen(command, env=env)
        found = subprocess.run(
            ["xdotool", "search", "--sync", "--onlyvisible", "--name", "checkout.archdraw.yaml"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        if found.returncode != 0:
            failures.append("no editor window with the design appeared")
        time.sleep(2.0)
        shot = DIST / "deb-open-by-mime.png"
        subprocess.run(["import", "-display", display, "-window", "root", str(shot)], check=True)
        colours = _query(["identify", "-format", "%k", str(shot)], env)
        if not colours.isdigit() or int(colours) < 50:
            failures.append(f"the screenshot {shot} looks empty ({colours} colours)")
        print(f"check-deb: opened {design.name} through {default}; screenshot {shot}", flush=True)
    except subprocess.TimeoutExpired:
        failures.append("timed out waiting for the editor window")
    finally:
        if app is not None:
            app.terminate()
            try:
                app.wait(10)
            except subprocess.TimeoutExpired:
                app.kill()
        xvfb.terminate()
        xvfb.wait(10)
    return failures


def _start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    """An Xvfb on a free display number (it picks one and writes it to a pipe)."""
    read, write = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        pass_fds=(write,),
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    return xvfb, f":{number}"


def _query(command: list[str], env: dict[str, str]) -> str:
    return subprocess.run(command, env=env, capture_output=True, text=True).stdout.strip()
