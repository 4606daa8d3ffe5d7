"""PySide6-Essentials 6.12.0 on Python 3.11 corrupts the refcount of None and aborts.

Every Qt call returning nothing leaked a reference to None; after enough of them
CPython dies with "Fatal Python error: none_dealloc". The pin in pyproject.toml
keeps 6.12 off Python < 3.12; these tests fail if an upgrade brings the bug back.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement

pytest.importorskip("PySide6", reason="Qt is an optional extra (archdraw[gui])")

REPO = Path(__file__).resolve().parents[1]

LOOP = """
import sys
from PySide6.QtWidgets import QApplication, QGraphicsRectItem, QGraphicsScene
app = QApplication([])
scene = QGraphicsScene()
item = QGraphicsRectItem(0, 0, 10, 10)
scene.addItem(item)
before = sys.getrefcount(None)
for i in range(100_000):
    item.setPos(i % 100, i % 7)
    item.setZValue(i % 3)
    item.setVisible(True)
    item.setToolTip("x")
    scene.setSceneRect(0, 0, 100 + i % 5, 100)
print(before, sys.getrefcount(None))
"""


@pytest.mark.gui
def test_none_returning_qt_calls_do_not_corrupt_none() -> None:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", LOOP], env=environment, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, f"exit {result.returncode}: {result.stderr[-2000:]}"
    assert "none_dealloc" not in result.stderr
    before, after = (int(n) for n in result.stdout.split())
    # Immortal None (3.12+) reports a constant; on 3.11 a leak shows as +500,000.
    assert after - before < 1000


def test_installed_pyside_satisfies_the_pin() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    requirements = [
        Requirement(text) for text in project["project"]["optional-dependencies"]["gui"]
    ]
    pins = [
        r
        for r in requirements
        if r.name.lower() == "pyside6-essentials" and (r.marker is None or r.marker.evaluate())
    ]
    assert pins, "pyproject.toml has no PySide6-Essentials requirement for this Python"
    installed = metadata.version("PySide6-Essentials")
    for pin in pins:
        assert pin.specifier.contains(installed, prereleases=True), (pin, installed)
    if sys.version_info < (3, 12):
        assert not any(p.specifier.contains("6.12.0") for p in pins), "6.12.0 must stay excluded"
